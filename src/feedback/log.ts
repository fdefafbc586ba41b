/**
 * The append-only feedback log, behind one interface with two implementations: a JSON-lines file
 * (jsonl-log.ts, the default) and a Redis stream (redis-log.ts, when REDIS_URL is set).
 *
 * Appends never wait and never throw: an answer is not held up by bookkeeping. Records are
 * buffered and written in batches; `flush()` (shutdown, tests, the report) waits until every
 * record appended so far is written.
 */
import type { FeedbackRecord, TimeRange } from "./records.js";

/** Where feedback records go. */
export interface FeedbackLog {
  /** Queues a record; it is written shortly (see flush). */
  append(record: FeedbackRecord): void;
  /** The records whose time falls in `range`, oldest first (after writing what is queued). */
  read(range: TimeRange): Promise<FeedbackRecord[]>;
  /** Resolves once every record appended so far is written (or set aside in the fallback file). */
  flush(): Promise<void>;
  /** Flushes and releases the log. */
  close(): Promise<void>;
}
