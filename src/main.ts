/**
 * `npm start`: wiring only — configuration → HTTP server → bot. The server listens at once and
 * answers /healthz while the index is built (/readyz and the API say 503 until then), so a
 * supervisor sees a live process from the first second. The terminal prompt is `npm run chat`.
 */
import pino from "pino";
import { type Bot, type BotOptions, createBot } from "./bot.js";
import { createApp } from "./channels/http/app.js";
import { startServer } from "./channels/http/server.js";
import { type Config, loadConfig } from "./config.js";

/** The bot's options from the configuration. */
function botOptions(config: Config): BotOptions {
  return {
    ...(config.CORPUS_DIRS.length > 0 ? { corpusDirs: config.CORPUS_DIRS } : {}),
    ...(config.HOME_LAWS.length > 0 ? { homeLaws: config.HOME_LAWS } : {}),
    tokenizer: config.TOKENIZER,
    hotline: config.HOTLINE,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ name: "tiaowen", level: config.LOG_LEVEL });

  // The app gets the promise of the bot now and the bot once it is built.
  let settle: { resolve: (bot: Bot) => void; reject: (error: unknown) => void } | undefined;
  const bot = new Promise<Bot>((resolve, reject) => {
    settle = { resolve, reject };
  });
  bot.catch(() => {}); // reported below, where createBot fails
  const app = createApp({ bot, config, logger });
  const server = await startServer(app, { host: config.HOST, port: config.PORT });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait any longer
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close().then(
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

  try {
    settle?.resolve(await createBot(botOptions(config)));
  } catch (error) {
    settle?.reject(error);
    await server.close();
    throw error;
  }
  if (stopping) return;
  console.log(`tiaowen listening on ${server.url} (widget /, console /console, API /api)`);
}

main().catch((error: unknown) => {
  console.error(`tiaowen: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
