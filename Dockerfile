# syntax=docker/dockerfile:1
# tiaowen 条文 as a container image: compiled JavaScript on Node 20, run as the unprivileged `node`
# user, with a health check on /healthz. Build and run (README, "Deploying"):
#
#   docker build -t tiaowen .
#   docker run -p 127.0.0.1:3000:3000 -v tiaowen-data:/var/lib/tiaowen tiaowen
#
# Two stages: `build` installs every dependency and compiles TypeScript to dist/, then drops the
# development dependencies (tsc, tsx, vitest…); `runtime` holds only what serving needs.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so that a change of the sources reuses this layer. nodejieba (the optional
# second tokenizer) builds from source and is skipped here for want of a compiler; the default
# tokenizer (@node-rs/jieba) ships prebuilt.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CACHE_DIR=/var/lib/tiaowen/cache \
    FEEDBACK_FILE=/var/lib/tiaowen/feedback.jsonl
WORKDIR /app
# The code belongs to root and is only read; the service writes to /var/lib/tiaowen alone (the
# index cache, the feedback log and its salt), a volume that outlives the container.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
# Files read at run time, found from the project folder (package.json's): the ordinances, the
# vocabulary, the learned tables (word statistics, ranking), and the widget and console pages,
# which are served as they are (no build step).
COPY seeds ./seeds
COPY intents ./intents
COPY learned ./learned
COPY src/channels/http/public ./src/channels/http/public
RUN mkdir -p /var/lib/tiaowen && chown node:node /var/lib/tiaowen
VOLUME ["/var/lib/tiaowen"]
USER node
EXPOSE 3000
# /healthz answers as soon as the server listens (the index may still be building: /readyz tells
# that). The image has no curl: Node's own fetch asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) drains the server and flushes the feedback log; give it longer than
# SHUTDOWN_GRACE_MS (default 10 s) with `docker stop -t 15` or compose's stop_grace_period.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
