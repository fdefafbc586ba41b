/**
 * A real answer tracker for channel tests: the recorder over a memory store, the feedback log in
 * a temporary JSON-lines file, metrics and a captured log.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bot } from "../../src/bot.js";
import { createJsonlLog } from "../../src/feedback/jsonl-log.js";
import { createRecorder } from "../../src/feedback/recorder.js";
import { createUserHasher } from "../../src/feedback/user-hash.js";
import { createAnswerTracker } from "../../src/ops/answer-tracker.js";
import { createMetrics } from "../../src/ops/metrics.js";
import { createMemoryStore, type KeyValueStore } from "../../src/state/store.js";
import { captureLog } from "./capture-log.js";

/** The salt of test hashes. */
export const TEST_SALT = "test-salt-0123456789";

/** A tracker and what it writes. */
export function createTestTracker(
  bot: () => Bot | undefined,
  store: KeyValueStore<unknown> = createMemoryStore(),
) {
  const log = createJsonlLog({
    file: join(mkdtempSync(join(tmpdir(), "tiaowen-tracker-")), "feedback.jsonl"),
  });
  const { logger, lines } = captureLog();
  const metrics = createMetrics({ processMetrics: false });
  const hashUser = createUserHasher(TEST_SALT);
  const tracker = createAnswerTracker({
    logger,
    metrics,
    recorder: createRecorder({ log, store, bot }),
    hashUser,
  });
  /** Every record written so far. */
  const records = async () => {
    await log.flush();
    return log.read({ from: new Date(0), to: new Date(Date.now() + 60_000) });
  };
  return { tracker, log, lines, metrics, hashUser, records };
}
