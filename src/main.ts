/**
 * `npm start`: wiring only — configuration → runtime (bot, shared state, feedback, metrics) →
 * HTTP server → channels. The server listens at once and answers /healthz while the index is
 * built (/readyz and the API say 503 until then), so a supervisor sees a live process from the
 * first second. Telegram and WeChat join when their settings are present and say how to turn
 * them on when not. With REDIS_URL, several instances share sessions, rate limits,
 * de-duplication and the feedback log. SIGTERM stops it gracefully (ops/shutdown.ts). The
 * terminal prompt is `npm run chat`.
 */
import express from "express";
import type { Bot } from "./bot.js";
import { createApp } from "./channels/http/app.js";
import { createLimiters } from "./channels/http/rate-limit.js";
import { startServer } from "./channels/http/server.js";
import { DEFAULT_RATE_LIMIT } from "./channels/telegram/bot.js";
import { TelegramSetupError } from "./channels/telegram/errors.js";
import { createFloodStore } from "./channels/telegram/flood-store.js";
import { deriveWebhookSecret, startTelegram, type TelegramChannel } from "./channels/telegram/start.js";
import { createWechatRouter } from "./channels/wechat/router.js";
import { loadConfig } from "./config.js";
import { createLogger, secretsOf } from "./ops/logger.js";
import { createRuntime } from "./ops/runtime.js";
import { createShutdown } from "./ops/shutdown.js";
import { storeFor } from "./state/store.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({
    level: config.LOG_LEVEL,
    secrets: [
      ...secretsOf(config),
      config.TELEGRAM_BOT_TOKEN ? deriveWebhookSecret(config.TELEGRAM_BOT_TOKEN) : undefined,
    ],
  });
  const runtime = await createRuntime({ config, logger });
  const { holder, tracker, redis } = runtime;
  const store = runtime.store;
  // The bot serving now: channels ask it per message, so a reload reaches all of them at once.
  const current = (): Bot => {
    const bot = holder.current();
    if (!bot) throw new Error("the bot is not ready yet");
    return bot;
  };

  const wechat = createWechatRouter({
    token: config.WECHAT_TOKEN,
    encodingAESKey: config.WECHAT_ENCODING_AES_KEY,
    appId: config.WECHAT_APP_ID,
    replyBudgetMs: config.WECHAT_REPLY_BUDGET_MS,
    logger,
    store: storeFor(store),
    conversation: runtime.conversation,
  });
  // Telegram's webhook route is filled in once the bot exists (startTelegram below).
  const telegramRoutes = express.Router();
  const app = createApp({
    bot: holder,
    config,
    logger,
    store: storeFor(store),
    tracker,
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
    mount: (a) => {
      a.use("/wechat", wechat);
      a.use(telegramRoutes);
    },
  });
  const server = await startServer(app, {
    host: config.HOST,
    port: config.PORT,
    closeGraceMs: config.SHUTDOWN_GRACE_MS,
  });

  let telegram: TelegramChannel | undefined;
  const shutdown = createShutdown({
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    steps: () => [
      // No new Telegram updates; those being handled finish.
      { name: "stop Telegram long polling", run: async () => telegram?.stop() },
      // No new connections; requests in flight (API, WeChat and Telegram webhooks) finish.
      { name: "finish requests in flight", run: () => server.close() },
      // WeChat answers that outlasted their reply budget are stored for the retry that may come.
      { name: "finish WeChat answers", run: () => wechat.settled() },
      // Never abandoned: what was recorded must reach the log, then Redis is closed.
      { name: "flush the feedback log and close Redis", run: () => runtime.close(), bounded: false },
    ],
  });
  shutdown.listen();

  try {
    await holder.ready;
  } catch (error) {
    await server.close();
    await runtime.close();
    throw error;
  }
  if (shutdown.started) return;
  console.log(`tiaowen listening on ${server.url} (widget /, console /console, API /api)`);
  console.log(
    wechat.enabled
      ? "WeChat: answering at /wechat"
      : "WeChat: off (set WECHAT_TOKEN, and for safe mode WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID)",
  );
  if (!config.ADMIN_TOKEN)
    logger.info("the review and reload routes (/admin) are closed: set ADMIN_TOKEN to open them");
  try {
    telegram = await startTelegram({
      config,
      bot: current,
      store,
      logger,
      app: telegramRoutes,
      telegram: {
        tracker,
        ...(redis
          ? {
              floodStore: createFloodStore(redis, {
                timeFrameMs: DEFAULT_RATE_LIMIT.timeFrameMs,
                prefix: config.REDIS_PREFIX,
              }),
            }
          : {}),
      },
    });
    console.log(
      telegram.mode === "off"
        ? "Telegram: off (set TELEGRAM_BOT_TOKEN to run the bot)"
        : `Telegram: ${telegram.mode}`,
    );
  } catch (error) {
    // Telegram unreachable (e.g. a blocked network): keep the other channels. A wrong token,
    // secret or URL is a setup error: stop and say so.
    if (error instanceof TelegramSetupError && error.code === "TELEGRAM_UNREACHABLE") {
      logger.error({ err: error }, error.message);
    } else {
      throw error;
    }
  }
}

main().catch((error: unknown) => {
  console.error(`tiaowen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
