/**
 * Realistic feedback records for tests: questions residents ask that the seed ordinance does not
 * answer, and ratings, at given times.
 */
import type { FeedbackRecord, QuestionRecord, RatingRecord } from "../../src/feedback/records.js";

let ids = 0;

/** A question the law did not answer. */
export function unanswered(
  question: string,
  normalized: string,
  at: string,
  extra: Partial<QuestionRecord> = {},
): QuestionRecord {
  return {
    kind: "unanswered",
    at,
    answerId: `ans${String(ids++).padStart(9, "0")}`,
    channel: "http",
    user: "5f1d3a9c0b7e4f2a8c6d1e0b9a7f3c2d",
    question,
    normalized,
    intent: "responsibility",
    answered: false,
    confidence: 0,
    candidates: [
      {
        lawId: "ff808081736bb19d01744e08caa80dd3",
        law: "大同市智慧城市促进条例",
        article: 15,
        label: "第十五条",
        coverage: 0.32,
      },
    ],
    ...extra,
  };
}

/** A rating of an answer. */
export function rating(
  question: string,
  normalized: string,
  at: string,
  value: "up" | "down",
  extra: Partial<RatingRecord> = {},
): RatingRecord {
  return {
    kind: "rating",
    at,
    answerId: `ans${String(ids++).padStart(9, "0")}`,
    channel: "telegram",
    user: "a3c9e1f07b2d4c6e8f0a1b2c3d4e5f60",
    question,
    normalized,
    intent: "topic",
    answered: true,
    confidence: 0.8,
    cited: { lawId: "ff808081736bb19d01744e08caa80dd3", article: 27, label: "第二十七条" },
    rating: value,
    candidates: [],
    ...extra,
  };
}

/** Records as a list, for logs. */
export type Records = FeedbackRecord[];
