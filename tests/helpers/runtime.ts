/**
 * A server as main.ts wires it, in the test process: the runtime (reloadable bot, store, feedback
 * log, metrics, tracker, the conversation service) from a configuration, and the HTTP app on 127.0.0.1 with its rate
 * limiters, /metrics and /admin. Feedback goes to a fresh temporary folder unless told otherwise.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import pino from "pino";
import { createApp } from "../../src/channels/http/app.js";
import { createLimiters } from "../../src/channels/http/rate-limit.js";
import { type RunningServer, startServer } from "../../src/channels/http/server.js";
import { type Config, loadConfig } from "../../src/config.js";
import { createRuntime, type Runtime } from "../../src/ops/runtime.js";

/** A running server and its runtime. */
export interface RuntimeServer {
  server: RunningServer;
  runtime: Runtime;
  config: Config;
  close(): Promise<void>;
}

/** Starts a runtime and the HTTP app on a free port. */
export async function startRuntimeServer(
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<RuntimeServer> {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-runtime-"));
  const config = loadConfig({
    FEEDBACK_FILE: join(dir, "feedback.jsonl"),
    CACHE_DIR: join(dir, "cache"),
    ...env,
  });
  const logger = options.logger ?? pino({ level: "silent" });
  const runtime = await createRuntime({ config, logger });
  const app = createApp({
    conversation: runtime.conversation,
    channels: runtime.channels,
    config,
    logger,
    tracker: runtime.tracker,
    metrics: runtime.metrics,
    admin: { token: config.ADMIN_TOKEN, review: (r) => runtime.review(r), reload: () => runtime.reload() },
    limiters: createLimiters(
      { ask: config.RATE_LIMIT_PER_MINUTE, lookup: config.LOOKUP_RATE_LIMIT_PER_MINUTE },
      runtime.redis ? { link: runtime.redis, prefix: config.REDIS_PREFIX } : undefined,
    ),
  });
  await runtime.holder.ready;
  const server = await startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 500 });
  return {
    server,
    runtime,
    config,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
