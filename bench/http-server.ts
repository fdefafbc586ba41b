/**
 * The server that bench/http.ts measures, run in a child process of its own: the runtime, the
 * conversation service and the app as `npm start` wires them — answers are tracked (metrics, the
 * feedback recorder) as in production — with the rate limits lifted (a load generator is one very
 * busy client), logging off and the feedback file in a temporary folder. Prints {"url": …} once
 * ready; exits when its parent goes away.
 *
 *   BENCH_ANSWER_CACHE=0  turn the answer cache off (every question computed)
 *
 * A line "cpu" on stdin is answered with a line {"cpuUs": …}: the CPU time (user and system) the
 * process has used so far, so that the parent can give CPU per request beside requests per second.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { serveForBench } from "./serve.js";

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-bench-http-"));
  const config = {
    ...loadConfig({ FEEDBACK_FILE: join(dir, "feedback.jsonl"), CACHE_DIR: join(dir, "cache") }),
    RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER,
    LOOKUP_RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER,
  };
  const { runtime, server } = await serveForBench(
    config,
    process.env.BENCH_ANSWER_CACHE === "0" ? { answerCacheSize: 0 } : {},
  );
  console.log(JSON.stringify({ url: server.url }));
  // The parent holds our stdin: when it ends (parent done or gone), stop.
  process.stdin.resume();
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (line.trim() !== "cpu") continue;
      const { user, system } = process.cpuUsage();
      console.log(JSON.stringify({ cpuUs: user + system }));
    }
  });
  process.stdin.on("end", () => {
    void server
      .close()
      .then(() => runtime.close())
      .finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
