/**
 * The server that bench/http.ts measures, run in a child process of its own: the real app and
 * bot as `npm start` builds them, with the rate limits lifted (a load generator is one very busy
 * client) and logging off. Prints {"url": …} once ready; exits when its parent goes away.
 *
 *   BENCH_ANSWER_CACHE=0  turn the answer cache off (every question computed)
 */
import pino from "pino";
import { createBot } from "../src/bot.js";
import { createApp } from "../src/channels/http/app.js";
import { startServer } from "../src/channels/http/server.js";
import { loadConfig } from "../src/config.js";

async function main(): Promise<void> {
  const config = {
    ...loadConfig({}),
    RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER,
    LOOKUP_RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER,
  };
  const app = createApp({
    bot: await createBot(),
    config,
    logger: pino({ level: "silent" }),
    ...(process.env.BENCH_ANSWER_CACHE === "0" ? { answerCacheSize: 0 } : {}),
  });
  const server = await startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 100 });
  console.log(JSON.stringify({ url: server.url }));
  // The parent holds our stdin: when it ends (parent done or gone), stop.
  process.stdin.resume();
  process.stdin.on("end", () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
