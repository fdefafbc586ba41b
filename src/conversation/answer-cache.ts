/**
 * A small cache of answers, keyed by the question and the conversation context it was asked in.
 * `bot.ask` is a pure function of those two for one bot (a reload brings a new bot, and the
 * conversation service clears the cache when it sees one), and residents ask the same few
 * questions again and again — the widget's starter questions above all — so the second time a
 * question costs a map look-up instead of tokenising and ranking. Cached answers are shared:
 * nobody may change them.
 */
import type { Answer, ConversationContext } from "../mod.js";
import { OldestFirst } from "../state/oldest-first.js";

/** A bounded least-recently-used cache of answers. */
export interface AnswerCache {
  /** The cached answer of `question` in `context`, or the result of `compute` (then cached). */
  get(question: string, context: ConversationContext, compute: () => Answer): Answer;
  /** Forgets every answer (after a reload: the new bot may answer differently). */
  clear(): void;
  readonly size: number;
}

/** Options of {@link createAnswerCache}. */
export interface AnswerCacheOptions {
  /** Entries kept; 0 disables the cache. Default 2,000 (a few MB at most). */
  maxEntries?: number;
}

/** Creates an answer cache. */
export function createAnswerCache(options: AnswerCacheOptions = {}): AnswerCache {
  const max = options.maxEntries ?? 2_000;
  const entries = new Map<string, Answer>();
  const oldest = new OldestFirst(entries);
  return {
    get(question, context, compute) {
      if (max === 0) return compute();
      const key = `${context.lawId ?? ""}#${context.article ?? ""}#${question}`;
      const hit = entries.get(key);
      if (hit) {
        // Refresh its place: the Map's insertion order is the recency order.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const answer = compute();
      entries.set(key, answer);
      oldest.trimTo(max);
      return answer;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
