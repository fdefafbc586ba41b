/**
 * The HTTP app on a runtime, as `npm start` serves it: the conversation service, the channel
 * states, rate limits shared through Redis when the runtime has it, and the staff routes (review,
 * reload) behind ADMIN_TOKEN. main.ts mounts the chat channels' webhooks on it; the tests and the
 * HTTP benchmarks serve the same app.
 */
import type express from "express";
import type { Logger } from "pino";
import { createApp } from "../channels/http/app.js";
import { createLimiters } from "../channels/http/rate-limit.js";
import type { Config } from "../config.js";
import type { Runtime } from "./runtime.js";

/** Builds the app; `mount` adds routes (webhooks) before the app's fallbacks. */
export function createRuntimeApp(
  runtime: Runtime,
  config: Config,
  logger: Logger,
  mount?: (app: express.Express) => void,
): express.Express {
  const { redis } = runtime;
  return createApp({
    conversation: runtime.conversation,
    channels: runtime.channels,
    config,
    logger,
    tracker: runtime.tracker,
    metrics: runtime.metrics,
    limiters: createLimiters(
      { ask: config.RATE_LIMIT_PER_MINUTE, lookup: config.LOOKUP_RATE_LIMIT_PER_MINUTE },
      redis ? { link: redis, prefix: config.REDIS_PREFIX } : undefined,
    ),
    admin: {
      token: config.ADMIN_TOKEN,
      review: (range) => runtime.review(range),
      reload: () => runtime.reload(),
    },
    ...(mount ? { mount } : {}),
  });
}
