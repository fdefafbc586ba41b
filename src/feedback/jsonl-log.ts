/**
 * The feedback log as a JSON-lines file (FEEDBACK_FILE, default data/feedback.jsonl): one record
 * per line, appended in batches, never rewritten. The folder is created on start.
 *
 * Appends are buffered and written together a moment later (many records of one burst become one
 * write: each write opens and closes the file, which under load cost more than the answers it
 * records — see {@link BATCH_DELAY_MS}). A failed write keeps its lines and tries again with the next batch; a crash
 * can leave at most a torn last line, which reading skips. One process per file: instances on
 * several machines each keep their own file, or share Redis (redis-log.ts).
 */
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import type { Logger } from "pino";
import type { FeedbackLog } from "./log.js";
import { type FeedbackRecord, inRange, isFeedbackRecord, type TimeRange } from "./records.js";

/**
 * How long appends wait to be written together. Opening, appending and closing the file costs
 * ~400 µs; at 200 unanswered questions a second (a busy server) 50 ms gathers about ten records
 * into one write. Shutdown and reading flush at once, so nothing waits longer than this.
 */
export const BATCH_DELAY_MS = 50;

/** Options of {@link createJsonlLog}. */
export interface JsonlLogOptions {
  /** The file; its folder is created if missing. */
  file: string;
  /** Where write failures are reported. */
  logger?: Pick<Logger, "error">;
}

/** A JSON-lines feedback log. */
export interface JsonlLog extends FeedbackLog {
  readonly file: string;
}

/** Opens (or starts) a JSON-lines log. */
export function createJsonlLog(options: JsonlLogOptions): JsonlLog {
  const { file, logger } = options;
  mkdirSync(dirname(file), { recursive: true });
  let buffer: string[] = [];
  let writing: Promise<void> | undefined;
  let scheduled = false;
  let failing = false;

  const writeBatch = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    try {
      await appendFile(file, batch.join(""), { encoding: "utf8", mode: 0o640 });
      failing = false;
    } catch (error) {
      // Keep the lines, in order, for the next attempt; report once per run of failures.
      buffer = [...batch, ...buffer];
      if (!failing) logger?.error({ err: error, file }, "could not write the feedback log; will retry");
      failing = true;
      throw error;
    }
    // Lines appended during this write make a batch of their own after the delay. Writing them at
    // once, in a loop, wrote the file every millisecond or so under load: one open, write and
    // close per ~2 records, ~4% of a computed answer's server time (CPU profile, `npm run bench`).
    if (buffer.length > 0) schedule();
  };
  const drain = (): Promise<void> => {
    writing ??= writeBatch().finally(() => {
      writing = undefined;
    });
    return writing;
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      drain().catch(() => {});
    }, BATCH_DELAY_MS);
  };
  const flush = async (): Promise<void> => {
    // A write in progress may have started before the latest appends: drain until nothing is left
    // (a batch per round).
    while (writing || buffer.length > 0) await drain();
  };

  return {
    file,
    append(record) {
      buffer.push(`${JSON.stringify(record)}\n`);
      schedule();
    },
    async read(range: TimeRange) {
      await flush().catch(() => {});
      if (!existsSync(file)) return [];
      const records: FeedbackRecord[] = [];
      const lines = createInterface({
        input: createReadStream(file, "utf8"),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of lines) {
        if (line.trim() === "") continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          continue; // a torn last line after a crash
        }
        if (isFeedbackRecord(parsed) && inRange(parsed, range)) records.push(parsed);
      }
      return records;
    },
    flush,
    close: flush,
  };
}
