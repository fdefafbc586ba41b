/**
 * What the feedback log holds: questions the law did not answer (or barely did), and residents'
 * ratings of answers. One JSON object per record, append-only. A resident appears only as a
 * salted hash of their channel id (see user-hash.ts), never as the id itself.
 */

/**
 * The channels answers are given on: the residents' three (the widget and API, Telegram, WeChat)
 * and the hotline console, whose staff searches are kept apart from residents' questions. The
 * CLI is for staff and is not recorded.
 */
export type Channel = "http" | "console" | "telegram" | "wechat";

/** A resident's verdict on an answer: 👍 or 👎. */
export type Rating = "up" | "down";

/** An article the search ranked for a question, with how much of the question it covers. */
export interface Candidate {
  lawId: string;
  law: string;
  article: number;
  label: string;
  /** 0–1, the engine's coverage (the confidence it would answer with). */
  coverage: number;
}

/** What is known about an answer, kept so that a later rating can name the question. */
export interface AnswerFacts {
  /** The id residents' ratings refer to. */
  answerId: string;
  channel: Channel;
  /** Salted hash of the resident's channel id (absent when the channel has none, e.g. no session). */
  user?: string;
  /** The question as the resident wrote it. */
  question: string;
  /**
   * The question normalised (src/text/normalize.ts) without the punctuation around it: the form
   * questions are grouped by (see groupingForm in recorder.ts).
   */
  normalized: string;
  intent: string;
  answered: boolean;
  confidence: number;
  /** The article the answer cited first, if any. */
  cited?: { lawId: string; article: number; label: string };
}

/** A question the law did not answer, or answered with low confidence. */
export interface QuestionRecord extends AnswerFacts {
  kind: "unanswered" | "low_confidence";
  /** ISO 8601 time of the answer. */
  at: string;
  /** The best articles for the question, best first (empty when nothing matched at all). */
  candidates: Candidate[];
}

/** A resident's 👍 or 👎 on an answer. */
export interface RatingRecord extends AnswerFacts {
  kind: "rating";
  /** ISO 8601 time of the rating. */
  at: string;
  rating: Rating;
  /** For a 👎, the best articles for the question; empty for a 👍. */
  candidates: Candidate[];
}

/** One line of the feedback log. */
export type FeedbackRecord = QuestionRecord | RatingRecord;

/** True for a parsed line that has the shape of a record (older or foreign lines are skipped). */
export function isFeedbackRecord(value: unknown): value is FeedbackRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    (r.kind === "unanswered" || r.kind === "low_confidence" || r.kind === "rating") &&
    typeof r.at === "string" &&
    typeof r.question === "string" &&
    typeof r.normalized === "string" &&
    typeof r.intent === "string" &&
    typeof r.channel === "string" &&
    Array.isArray(r.candidates)
  );
}

/** A range of record times: from (inclusive) to (exclusive). */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** True when the record's time falls in the range. */
export function inRange(record: FeedbackRecord, range: TimeRange): boolean {
  const t = Date.parse(record.at);
  return t >= range.from.getTime() && t < range.to.getTime();
}
