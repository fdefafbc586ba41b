/**
 * `npm start`: wiring only — configuration → HTTP server → bot → channels. The server listens at
 * once and answers /healthz while the index is built (/readyz and the API say 503 until then), so
 * a supervisor sees a live process from the first second. Telegram and WeChat join when their
 * settings are present and say how to turn them on when not. The terminal prompt is `npm run chat`.
 */
import express from "express";
import pino from "pino";
import { type Bot, type BotOptions, createBot } from "./bot.js";
import { createApp } from "./channels/http/app.js";
import { startServer } from "./channels/http/server.js";
import { TelegramSetupError } from "./channels/telegram/errors.js";
import { startTelegram, type TelegramChannel } from "./channels/telegram/start.js";
import { createWechatRouter } from "./channels/wechat/router.js";
import { type Config, loadConfig } from "./config.js";
import { createMemoryStore, storeFor } from "./state/store.js";

/** The bot's options from the configuration. */
function botOptions(config: Config): BotOptions {
  return {
    ...(config.CORPUS_DIRS.length > 0 ? { corpusDirs: config.CORPUS_DIRS } : {}),
    ...(config.HOME_LAWS.length > 0 ? { homeLaws: config.HOME_LAWS } : {}),
    tokenizer: config.TOKENIZER,
    hotline: config.HOTLINE,
    cacheDir: config.CACHE_DIR,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ name: "tiaowen", level: config.LOG_LEVEL });
  // One store for every channel's conversations and de-duplication; keys are prefixed per channel.
  const store = createMemoryStore<unknown>();

  // The app gets the promise of the bot now and the bot once it is built.
  let settle: { resolve: (bot: Bot) => void; reject: (error: unknown) => void } | undefined;
  const bot = new Promise<Bot>((resolve, reject) => {
    settle = { resolve, reject };
  });
  bot.catch(() => {}); // reported below, where createBot fails

  const wechat = createWechatRouter({
    token: config.WECHAT_TOKEN,
    encodingAESKey: config.WECHAT_ENCODING_AES_KEY,
    appId: config.WECHAT_APP_ID,
    replyBudgetMs: config.WECHAT_REPLY_BUDGET_MS,
    hotline: config.HOTLINE,
    logger,
    store: storeFor(store),
    answer: async (question, context) => (await bot).ask(question, context),
  });
  // Telegram's webhook route is filled in once the bot exists (startTelegram below).
  const telegramRoutes = express.Router();
  const app = createApp({
    bot,
    config,
    logger,
    store: storeFor(store),
    mount: (a) => {
      a.use("/wechat", wechat);
      a.use(telegramRoutes);
    },
  });
  const server = await startServer(app, { host: config.HOST, port: config.PORT });

  let telegram: TelegramChannel | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait any longer
    stopping = true;
    logger.info({ signal }, "shutting down");
    Promise.resolve()
      .then(() => telegram?.stop())
      .then(() => server.close())
      .then(() => wechat.settled())
      .then(
        () => {
          // Whatever else still holds the event loop must not keep a stopped server alive.
          setTimeout(() => process.exit(0), 1_000).unref();
        },
        (error: unknown) => {
          logger.error({ err: error }, "could not close the server");
          process.exit(1);
        },
      );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  let core: Bot;
  try {
    core = await createBot(botOptions(config));
    settle?.resolve(core);
  } catch (error) {
    settle?.reject(error);
    await server.close();
    throw error;
  }
  if (stopping) return;
  console.log(`tiaowen listening on ${server.url} (widget /, console /console, API /api)`);
  console.log(
    wechat.enabled
      ? "WeChat: answering at /wechat"
      : "WeChat: off (set WECHAT_TOKEN, and for safe mode WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID)",
  );
  try {
    telegram = await startTelegram({ config, bot: core, store, logger, app: telegramRoutes });
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
  process.exitCode = 1;
});
