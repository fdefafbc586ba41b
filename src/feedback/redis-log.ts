/**
 * The feedback log as a Redis stream (`tiaowen:feedback`), shared by every instance: what the
 * review view and `npm run report` read, whichever instance answered.
 *
 * A stream is append-only and ordered by time, which is what the log is; XADD trims entries older
 * than the retention (MINID) and the key's expiry is pushed forward with each write, so nothing
 * stays for ever. While Redis is away records wait in memory and go out when it returns; whatever
 * is still waiting at shutdown (or beyond the memory bound) is appended to the fallback JSON-lines
 * file instead, so a record is never dropped. Reading merges the stream and that file.
 */
import type { Logger } from "pino";
import { TiaowenError } from "../errors.js";
import type { RedisLink } from "../state/redis.js";
import { DEFAULT_PREFIX } from "../state/redis-store.js";
import type { JsonlLog } from "./jsonl-log.js";
import type { FeedbackLog } from "./log.js";
import { type FeedbackRecord, inRange, isFeedbackRecord, type TimeRange } from "./records.js";

/** Options of {@link createRedisLog}. */
export interface RedisLogOptions {
  link: RedisLink;
  /** Where records go that cannot reach Redis by shutdown. */
  fallback: JsonlLog;
  /** How long records are kept. Default 365 days. */
  retentionDays?: number;
  /** Key namespace. Default "tiaowen:". */
  prefix?: string;
  /** Records held in memory while Redis is away before they spill to the fallback file. Default 10,000. */
  maxPending?: number;
  logger?: Pick<Logger, "warn" | "info">;
}

const DAY_MS = 86_400_000;
/** Entries read per XRANGE call. */
const PAGE = 1_000;

/** Appends a batch to the stream in one MULTI, trimming what is past the retention; false when Redis refused. */
function writeBatch(
  link: RedisLink,
  key: string,
  batch: readonly FeedbackRecord[],
  retentionMs: number,
): Promise<boolean> {
  const cutoff = Date.now() - retentionMs;
  return link.run(
    async (redis) => {
      const multi = redis.multi();
      for (const record of batch) {
        multi.xadd(key, "MINID", "~", String(cutoff), "*", "r", JSON.stringify(record));
      }
      multi.pexpire(key, retentionMs);
      const results = await multi.exec();
      if (!results || results.some(([error]) => error)) throw new Error("XADD failed");
      return true;
    },
    () => false,
  );
}

/** The stream's records in the range, page by page. */
async function readStream(link: RedisLink, key: string, range: TimeRange): Promise<FeedbackRecord[]> {
  const records: FeedbackRecord[] = [];
  // Entries get their id when written, which is at or after the record's own time.
  let start = String(range.from.getTime());
  for (;;) {
    const page = await link.client.xrange(key, start, "+", "COUNT", PAGE);
    for (const [, fields] of page) {
      const raw = fields[1];
      if (raw === undefined) continue;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isFeedbackRecord(parsed) && inRange(parsed, range)) records.push(parsed);
      } catch {
        // not ours
      }
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    start = `(${last[0]}`;
  }
  return records;
}

/** Creates the Redis-backed log. */
export function createRedisLog(options: RedisLogOptions): FeedbackLog {
  const { link, fallback, logger } = options;
  const key = `${options.prefix ?? DEFAULT_PREFIX}feedback`;
  const retentionMs = (options.retentionDays ?? 365) * DAY_MS;
  const maxPending = options.maxPending ?? 10_000;
  let pending: FeedbackRecord[] = [];
  let sending: Promise<void> | undefined;
  let scheduled = false;

  /** Sends what is pending; what Redis does not take stays pending. */
  const send = async (): Promise<void> => {
    while (pending.length > 0 && link.isUp()) {
      const batch = pending;
      pending = [];
      const sent = await writeBatch(link, key, batch, retentionMs);
      if (!sent) {
        pending = [...batch, ...pending];
        return;
      }
    }
  };
  const drain = (): Promise<void> => {
    sending ??= send().finally(() => {
      sending = undefined;
    });
    return sending;
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void drain();
    });
  };
  /** Moves what is pending to the fallback file. */
  const spill = (why: string) => {
    if (pending.length === 0) return;
    logger?.warn(
      { records: pending.length, file: fallback.file },
      `feedback records kept in the fallback file: ${why}`,
    );
    for (const record of pending) fallback.append(record);
    pending = [];
  };

  const offChange = link.onChange((up) => {
    if (up) schedule();
  });

  const flush = async (): Promise<void> => {
    await drain();
    if (sending) await sending;
    await drain();
    // Redis is away: the records must not be lost with the process.
    spill("Redis is unreachable");
    await fallback.flush();
  };

  return {
    append(record) {
      pending.push(record);
      if (pending.length > maxPending) spill("Redis has been unreachable for too many records");
      schedule();
    },
    async read(range) {
      if (!link.isUp()) {
        throw new TiaowenError(
          "FEEDBACK_UNAVAILABLE",
          `the feedback log is in Redis at ${link.address}, which is unreachable: try again once it is back`,
        );
      }
      await drain();
      const records = await readStream(link, key, range);
      const kept = await fallback.read(range);
      return [...records, ...kept].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },
    flush,
    async close() {
      offChange();
      await flush();
    },
  };
}
