/**
 * The HTTP channel's express application: the JSON API under /api, the widget and console pages,
 * /healthz and /readyz, /metrics and the staff routes under /admin, behind security headers, CORS
 * and per-client rate limits. `createApp` does not listen (see server.ts), so tests and other
 * channels can use the app as it is.
 *
 * Other channels add their routes through `mount`: Telegram's webhook, WeChat's router at
 * /wechat, admin routes. They run after the security headers and before the 404 and error
 * handlers, so their failures also leave as JSON errors. Only /api parses JSON bodies: webhooks
 * need their raw or XML bodies untouched.
 */
import express, { type Express, type RequestHandler } from "express";
import pino, { type Logger } from "pino";
import type { Config } from "../../config.js";
import { type Conversation, createConversation } from "../../conversation/service.js";
import type { Bot } from "../../mod.js";
import type { AnswerTracker } from "../../ops/answer-tracker.js";
import type { BotHolder } from "../../ops/bot-holder.js";
import type { ChannelStatus } from "../../ops/channel-status.js";
import type { Metrics } from "../../ops/metrics.js";
import type { KeyValueStore } from "../../state/store.js";
import { type AdminOptions, createAdminRouter } from "./admin.js";
import { askHandlers, createApiRouter } from "./api.js";
import { serveDirectly } from "./direct-route.js";
import { createErrorHandler, notFound } from "./errors.js";
import { metricsHandler } from "./metrics-route.js";
import { createPagesRouter, WIDGET_PATHS } from "./pages.js";
import { createRateLimiter, type RateLimiter } from "./rate-limit.js";
import { apiCors, securityHeaders } from "./security.js";

/** The settings the HTTP channel reads from the configuration. */
export type HttpConfig = Pick<
  Config,
  | "ALLOWED_ORIGINS"
  | "FRAME_ANCESTORS"
  | "RATE_LIMIT_PER_MINUTE"
  | "LOOKUP_RATE_LIMIT_PER_MINUTE"
  | "TRUST_PROXY"
  | "HOTLINE"
> &
  Partial<Pick<Config, "METRICS_TOKEN">>;

/** Options of {@link createApp}. */
export interface AppOptions {
  /**
   * The conversation service every channel shares (main.ts builds it with the runtime). Without
   * it, one is made from `bot`, `store` and `tracker`.
   */
  conversation?: Conversation;
  /**
   * The bot, the promise of it, or the reloadable holder (ops/bot-holder.ts), when no
   * `conversation` is given. Until there is one, /readyz and the API answer 503.
   */
  bot?: Bot | Promise<Bot> | BotHolder;
  config: HttpConfig;
  /** Conversation context per widget session (without `conversation`). Default: in memory. */
  store?: KeyValueStore<unknown>;
  /** Default: pino at info level on stdout. */
  logger?: Logger;
  /** Answers kept for repeated questions; 0 turns the cache off. Default 2,000. */
  answerCacheSize?: number;
  /** Clock of the rate limiters (milliseconds), for tests. */
  now?: () => number;
  /**
   * The rate limiters of questions and look-ups. Default: in this process's memory, from
   * RATE_LIMIT_PER_MINUTE and LOOKUP_RATE_LIMIT_PER_MINUTE (with Redis, main.ts passes shared ones).
   */
  limiters?: { ask: RateLimiter; lookup: RateLimiter };
  /** Logs, counts and records each answer (without `conversation`); counts rate-limited requests. */
  tracker?: AnswerTracker;
  /** The state of the other channels (Telegram, WeChat), reported by /readyz. */
  channels?: ChannelStatus;
  /** Served at GET /metrics when given (behind METRICS_TOKEN when that is set). */
  metrics?: Metrics;
  /** The staff routes under /admin, when given. */
  admin?: AdminOptions;
  /**
   * Adds routes of other channels (webhooks, admin), e.g.
   * `mount: (app) => { app.use("/wechat", wechatRouter); app.post("/telegram", webhookCallback(bot, "express")) }`.
   * Applied after the pages and the API, before the 404 and error handlers. `bot` resolves once
   * the bot is built (the server may listen before): routes that need it can await it per request.
   */
  mount?: (app: Express, bot: Promise<Bot>) => void;
}

/**
 * Express's "trust proxy" from TRUST_PROXY: "true"/"false", a hop count ("1"), or addresses and
 * names express understands ("loopback", "10.0.0.0/8, 127.0.0.1"). It decides which address is the
 * client's, and so whose rate limit a request counts against.
 */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Creates the express app (without listening). */
export function createApp(options: AppOptions): Express {
  const { config } = options;
  const logger = options.logger ?? pino({ name: "tiaowen" });
  const conversation =
    options.conversation ??
    createConversation({
      bot: options.bot ?? Promise.reject(new Error("createApp needs `conversation` or `bot`")),
      hotline: config.HOTLINE,
      ...(options.store ? { store: options.store } : {}),
      ...(options.tracker ? { tracker: options.tracker } : {}),
      ...(options.answerCacheSize === undefined ? {} : { answerCacheSize: options.answerCacheSize }),
    });
  const holder = conversation.holder;
  const now = options.now ?? Date.now;

  const app = express();
  app.set("trust proxy", trustProxySetting(config.TRUST_PROXY));
  // Answers are fresh JSON every time; hashing each body for an ETag would cost more than it saves.
  app.set("etag", false);
  app.set("x-powered-by", false);
  // What runs before every route: the access log (only when asked for, LOG_LEVEL=debug: at info
  // level it would cost every request) and the security headers.
  const before: RequestHandler[] = [];
  if (logger.isLevelEnabled("debug")) {
    before.push((req, res, next) => {
      const start = performance.now();
      res.on("finish", () => {
        const ms = Math.round((performance.now() - start) * 10) / 10;
        logger.debug({ method: req.method, path: req.path, status: res.statusCode, ms }, "request");
      });
      next();
    });
  }
  before.push(securityHeaders({ frameAncestors: config.FRAME_ANCESTORS, widgetPaths: WIDGET_PATHS }));
  for (const handler of before) app.use(handler);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res) => {
    const bot = holder.current();
    const channels = options.channels?.snapshot();
    const details = channels && Object.keys(channels).length > 0 ? { channels } : {};
    if (bot) {
      // Files that were not read, named inside their corpus folder (no server paths).
      const problems = bot.problems.map((p) => ({
        file: p.name,
        ...(p.line === undefined ? {} : { line: p.line }),
        problem: p.problem,
        kind: p.kind,
      }));
      res.json({ status: "ready", laws: bot.laws.length, articles: bot.articleCount, problems, ...details });
    } else {
      res.status(503).json({ status: holder.state(), ...details });
    }
  });

  const api = {
    conversation,
    askLimiter: options.limiters?.ask ?? createRateLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE, now }),
    lookupLimiter:
      options.limiters?.lookup ?? createRateLimiter({ perMinute: config.LOOKUP_RATE_LIMIT_PER_MINUTE, now }),
    ...(options.tracker ? { tracker: options.tracker } : {}),
  };
  const cors = apiCors(config.ALLOWED_ORIGINS);
  const ask = [cors, ...askHandlers(api)];
  app.post("/api/ask", ...ask);
  app.use("/api", cors, createApiRouter(api));
  app.use(createPagesRouter({ hotline: config.HOTLINE, admin: Boolean(options.admin?.token) }));
  if (options.metrics) app.get("/metrics", ...metricsHandler(options.metrics, config.METRICS_TOKEN));
  if (options.admin) app.use("/admin", createAdminRouter(options.admin));
  options.mount?.(app, holder.ready);

  const onError = createErrorHandler(logger);
  app.use(notFound);
  app.use(onError);
  // The question, the one request whose every microsecond counts, past the router: the same
  // handlers in the same order as the routes above give it.
  serveDirectly(app, { method: "POST", url: "/api/ask", handlers: [...before, ...ask], notFound, onError });
  return app;
}
