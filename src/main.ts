/**
 * `npm start`: wiring only — configuration → bot → channels. For now the terminal prompt;
 * the HTTP server, Telegram and WeChat channels plug in here.
 */
import { createBot } from "./bot.js";
import { runChat } from "./channels/cli/chat.js";
import { loadConfig } from "./config.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const bot = await createBot({
    ...(config.CORPUS_DIRS.length > 0 ? { corpusDirs: config.CORPUS_DIRS } : {}),
    ...(config.HOME_LAWS.length > 0 ? { homeLaws: config.HOME_LAWS } : {}),
    tokenizer: config.TOKENIZER,
    hotline: config.HOTLINE,
    cacheDir: config.CACHE_DIR,
  });
  await runChat(bot);
}

main().catch((error: unknown) => {
  console.error(`tiaowen: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
