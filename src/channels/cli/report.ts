/**
 * `npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--no-check]`
 *
 * Prints the "待完善问题" review for a date range as a table: the questions the law did not answer
 * and the answers residents voted down, grouped by normalised form, most frequent first, with the
 * closest articles and what the bot answers now. Reads the same feedback log as the server: the
 * JSON-lines FEEDBACK_FILE, or Redis when REDIS_URL is set (the same environment as `npm start`).
 * --no-check skips building the bot (no "now" column, candidates as recorded).
 */
import { parseArgs } from "node:util";
import pino from "pino";
import { loadConfig } from "../../config.js";
import { createJsonlLog } from "../../feedback/jsonl-log.js";
import type { FeedbackLog } from "../../feedback/log.js";
import { createRedisLog } from "../../feedback/redis-log.js";
import { formatReport } from "../../feedback/report.js";
import { buildReview, reviewRange } from "../../feedback/review.js";
import { createBot } from "../../mod.js";
import { botOptions } from "../../ops/runtime.js";
import { connectRedis } from "../../state/redis.js";

const USAGE = `usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json] [--no-check]
  days are local time (TZ) and both included; the default is the last seven days`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      from: { type: "string" },
      to: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean", default: false },
      "no-check": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const limit = values.limit === undefined ? 200 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error("--limit takes a whole number, at least 1");
  const config = loadConfig();
  const range = reviewRange(values.from, values.to);
  const logger = pino({ level: "silent" });
  const file = createJsonlLog({ file: config.FEEDBACK_FILE });
  const redis = config.REDIS_URL ? connectRedis({ url: config.REDIS_URL, logger }) : undefined;
  try {
    let log: FeedbackLog = file;
    if (redis) {
      if (!(await redis.whenUp(5_000))) {
        throw new Error(`cannot reach Redis at ${redis.address} (REDIS_URL): the feedback log is there`);
      }
      log = createRedisLog({ link: redis, fallback: file, prefix: config.REDIS_PREFIX });
    }
    const records = await log.read(range);
    const bot = values["no-check"] ? undefined : await createBot(botOptions(config));
    const groups = buildReview(records, { limit, ...(bot ? { bot } : {}) });
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ from: range.from.toISOString(), to: range.to.toISOString(), groups }, null, 2)}\n`
        : formatReport(groups, range),
    );
  } finally {
    await redis?.close();
  }
}

main().catch((error: unknown) => {
  console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
