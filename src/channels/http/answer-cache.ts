/**
 * A small cache of answers, keyed by the question and the conversation context it was asked in.
 * `bot.ask` is a pure function of those two for one bot (a reload brings a new bot, and the API
 * clears the cache when it sees one), and
 * residents ask the same few questions again and again — the widget's starter questions above all —
 * so the second time a question costs a map look-up instead of tokenising and ranking. The cached
 * value is the serialised JSON, which also saves stringifying the Answer on every request.
 */
import type { Answer, ConversationContext } from "../../mod.js";

/** A cached reply: the Answer as JSON, and the context the next question may refer to. */
export interface CachedAnswer {
  json: string;
  context: ConversationContext;
  /** The Answer itself (for the log, the metrics and the feedback record). */
  answer: Answer;
}

/** A bounded least-recently-used cache of answers. */
export interface AnswerCache {
  /** The cached answer of `question` in `context`, or the result of `compute` (then cached). */
  get(question: string, context: ConversationContext, compute: () => Answer): CachedAnswer;
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
  const entries = new Map<string, CachedAnswer>();
  return {
    get(question, context, compute) {
      const key = `${context.lawId ?? ""}#${context.article ?? ""}#${question}`;
      const hit = entries.get(key);
      if (hit) {
        // Refresh its place: the Map's insertion order is the recency order.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const answer = compute();
      const value = { json: JSON.stringify(answer), context: answer.context, answer };
      if (max > 0) {
        entries.set(key, value);
        if (entries.size > max) {
          const oldest = entries.keys().next().value;
          if (oldest !== undefined) entries.delete(oldest);
        }
      }
      return value;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
