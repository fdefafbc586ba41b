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
import type { Logger } from "pino";
import type { Bot } from "./bot.js";
import { startServer } from "./channels/http/server.js";
import { createFloodStore } from "./channels/telegram/flood-store.js";
import {
  deriveWebhookSecret,
  keepStartingTelegram,
  type TelegramChannel,
} from "./channels/telegram/start.js";
import { createWechatRouter } from "./channels/wechat/router.js";
import { type Config, loadConfig } from "./config.js";
import { locateWarning } from "./law/load.js";
import { createRuntimeApp } from "./ops/http-app.js";
import { createLogger, secretsOf } from "./ops/logger.js";
import { createRuntime, type Runtime } from "./ops/runtime.js";
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
  const { holder, conversation } = runtime;
  const store = runtime.store;

  const wechat = createWechatRouter({
    token: config.WECHAT_TOKEN,
    encodingAESKey: config.WECHAT_ENCODING_AES_KEY,
    appId: config.WECHAT_APP_ID,
    replyBudgetMs: config.WECHAT_REPLY_BUDGET_MS,
    requireSafeMode: config.WECHAT_REQUIRE_SAFE_MODE,
    logger,
    store: storeFor(store),
    conversation,
  });
  runtime.channels.set("wechat", wechat.enabled ? { state: "up" } : { state: "off" });
  // Telegram's webhook route is filled in once the bot exists (startTelegram below).
  const telegramRoutes = express.Router();
  const app = createRuntimeApp(runtime, config, logger, (a) => {
    a.use("/wechat", wechat);
    a.use(telegramRoutes);
  });
  const server = await startServer(app, {
    host: config.HOST,
    port: config.PORT,
    closeGraceMs: config.SHUTDOWN_GRACE_MS,
  });

  let telegram: TelegramChannel | undefined;
  const stopRetrying = new AbortController();
  const shutdown = createShutdown({
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    steps: () => [
      // At once: no new connections, idle keep-alive ones closed, `Connection: close` from now on.
      { name: "stop accepting requests", run: async () => server.drain() },
      // No new Telegram updates (nor retries of its start); those being handled finish.
      {
        name: "stop Telegram long polling",
        run: async () => {
          stopRetrying.abort();
          await telegram?.stop();
        },
      },
      // Requests in flight (API, WeChat and Telegram webhooks) finish; each connection then ends.
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
  const bot = holder.current();
  if (bot) logCorpus(logger, bot);
  console.log(`tiaowen listening on ${server.url} (widget /, console /console, API /api)`);
  console.log(
    wechat.enabled
      ? "WeChat: answering at /wechat"
      : "WeChat: off (set WECHAT_TOKEN, and for safe mode WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID)",
  );
  if (!config.ADMIN_TOKEN)
    logger.info("the review and reload routes (/admin) are closed: set ADMIN_TOKEN to open them");
  // Telegram joins when it can: a Bot API that cannot be reached is tried again with backoff
  // (see /readyz), while a refused token or webhook setting stops the server with the fix.
  await startTelegramChannel(
    runtime,
    { config, logger, routes: telegramRoutes, signal: stopRetrying.signal },
    (channel) => {
      telegram = channel;
    },
  ).catch(async (error: unknown) => {
    await server.close();
    await runtime.close();
    throw error;
  });
}

/** What {@link startTelegramChannel} needs besides the runtime. */
interface TelegramWiring {
  config: Config;
  logger: Logger;
  /** Where the webhook's route is mounted (a router the app already holds). */
  routes: express.Router;
  /** Stops the retries (shutdown). */
  signal: AbortSignal;
}

/** Starts Telegram on the shared conversation service, retrying while the Bot API is unreachable. */
async function startTelegramChannel(
  runtime: Runtime,
  { config, logger, routes, signal }: TelegramWiring,
  started: (channel: TelegramChannel) => void,
): Promise<void> {
  const { redis } = runtime;
  await keepStartingTelegram(
    {
      config,
      conversation: runtime.conversation,
      store: runtime.store,
      logger,
      app: routes,
      telegram: {
        tracker: runtime.tracker,
        ...(redis
          ? {
              floodStore: createFloodStore(redis, {
                timeFrameMs: config.TELEGRAM_FLOOD_SECONDS * 1000,
                prefix: config.REDIS_PREFIX,
              }),
            }
          : {}),
      },
    },
    {
      status: runtime.channels,
      signal,
      onStarted: (channel) => {
        started(channel);
        console.log(
          channel.mode === "off"
            ? "Telegram: off (set TELEGRAM_BOT_TOKEN to run the bot)"
            : `Telegram: ${channel.mode}`,
        );
      },
    },
  );
}

/** Home laws whose warnings are logged one by one at start; the rest are counted. */
const LISTED_LAWS = 20;

/**
 * What the corpus could not read (each file, path:line: problem) and what it read with warnings:
 * the home laws' warnings one by one, the others as a count — `npm run corpus:check` lists them all.
 */
function logCorpus(logger: Logger, bot: Bot): void {
  for (const p of bot.problems) {
    const skipped = p.kind === "skipped";
    logger.warn(
      { file: p.file, line: p.line, kind: p.kind },
      skipped ? p.message : `${p.message} — this file is not served`,
    );
  }
  const home = bot.homeLaws.filter((l) => l.warnings.length > 0);
  for (const law of home.slice(0, LISTED_LAWS)) {
    logger.warn(
      { file: law.file, warnings: law.warnings.length },
      law.warnings.map((w) => locateWarning(law.file, w)).join("\n"),
    );
  }
  const warned = bot.laws.filter((l) => l.warnings.length > 0).length;
  if (warned > Math.min(home.length, LISTED_LAWS)) {
    logger.info({ laws: warned }, `${warned} laws were read with warnings: npm run corpus:check lists them`);
  }
}

main().catch((error: unknown) => {
  console.error(`tiaowen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
