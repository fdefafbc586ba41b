/**
 * Decides what goes into the feedback log. Every answer gets an id (what a 👍/👎 refers to) and
 * its facts are kept for a day in the shared store, so a rating that reaches another instance, or
 * comes an hour later, still names the question. Questions the law did not answer, or answered
 * with low confidence, are written to the log at once, with the articles that came closest.
 */
import { randomBytes } from "node:crypto";
import type { Answer } from "../mod.js";
import { type Bot, MAX_QUESTION_CHARS, normalize } from "../mod.js";
import { OldestFirst } from "../state/oldest-first.js";
import type { KeyValueStore } from "../state/store.js";
import type { FeedbackLog } from "./log.js";
import type { AnswerFacts, Candidate, Channel, Rating } from "./records.js";

/**
 * Below this an answered question is recorded as low confidence. The bot answers from 0.55
 * (MIN_CONFIDENCE); between that and 0.7 the cited article covers the question only in part,
 * which is where a synonym or a dictionary word most often helps.
 */
export const LOW_CONFIDENCE = 0.7;

/**
 * How long an answer can be rated. Telegram buttons stay under the message, so a day rather
 * than minutes; a rating later than that is rarely about the answer it sits under.
 */
export const RATING_WINDOW_MS = 24 * 60 * 60_000;

/** Candidates recorded per question. */
export const CANDIDATES = 3;

/** Questions whose candidates are remembered (a few hundred KB at most). */
const RECENT_QUESTIONS = 1_000;

/**
 * Intents whose refusals say nothing about the law: a greeting, a request for help, a follow-up
 * without a previous answer ("下一条" at the start of a conversation).
 */
const NOT_ABOUT_THE_LAW = new Set(["greeting", "help", "followup"]);

/** One answer, as a channel saw it. */
export interface AnswerSeen {
  channel: Channel;
  /** Salted hash of the resident, if the channel knows them. */
  user?: string;
  question: string;
  answer: Answer;
}

/** The outcome of a rating. */
export type RatingOutcome =
  /** Written to the log. */
  | "recorded"
  /** This answer was rated before; the first rating counts. */
  | "repeated"
  /** No such answer, or too old to rate. */
  | "unknown";

/** What is kept of an answer for its rating: the facts, the grouping form only from older versions. */
type StoredFacts = Omit<AnswerFacts, "normalized"> & { normalized?: string };

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  log: FeedbackLog;
  /** Keeps each answer's facts for rating (the shared store, so any instance can take the rating). */
  store: KeyValueStore<unknown>;
  /** The bot serving now, for the candidate articles. */
  bot: () => Bot | undefined;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Records questions and ratings. */
export interface Recorder {
  /** Gives the answer an id and records the question if the law did not (or barely) answer it. */
  seen(event: AnswerSeen): Promise<string>;
  /** Records a rating of an answer seen before. */
  rate(answerId: string, rating: Rating, channel: Channel): Promise<RatingOutcome>;
}

// Random bytes are drawn in blocks: one call into the system's generator per 455 ids instead of
// one per answer (a call costs about as much as 8 µs of a 250 µs request, `npm run bench`).
const ID_BYTES = 9;
let pool = Buffer.alloc(0);
let poolAt = 0;

/** Answer ids: 12 URL-safe characters (72 random bits), short enough for Telegram's 64-byte buttons. */
export function newAnswerId(): string {
  if (poolAt + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * 455);
    poolAt = 0;
  }
  poolAt += ID_BYTES;
  return pool.toString("base64url", poolAt - ID_BYTES, poolAt);
}

/** What an answer id looks like; anything else is refused before a look-up. */
export const ANSWER_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;

const answerKey = (id: string) => `fb:answer:${id}`;

/**
 * The form questions are grouped by: normalize() (width, script, case, spaces), without the
 * punctuation around the question — "谁负责舌尖安全？" and "谁负责舌尖安全" are one question to staff.
 */
export function groupingForm(question: string): string {
  return normalize(question).replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, "");
}

/** Whether an answer belongs in the log, and as what. */
export function recordKind(question: string, answer: Answer): "unanswered" | "low_confidence" | undefined {
  if (NOT_ABOUT_THE_LAW.has(answer.intent)) return undefined;
  // Input without a letter or a digit is no question to group (the core asked for one).
  if (question.length > MAX_QUESTION_CHARS || !/[\p{L}\p{N}]/u.test(question)) return undefined;
  if (!answer.answered) return "unanswered";
  return answer.confidence < LOW_CONFIDENCE ? "low_confidence" : undefined;
}

/** Creates the recorder. */
export function createRecorder(options: RecorderOptions): Recorder {
  const { log, store } = options;
  const now = options.now ?? (() => new Date());

  // The same unanswered questions come again and again; searching each time cost more than the
  // rest of recording put together (CPU profile under `npm run bench`). Kept per bot.
  const recent = new Map<string, Candidate[]>();
  const recentOrder = new OldestFirst(recent);
  let recentFor: Bot | undefined;
  const candidatesFor = (question: string): Candidate[] => {
    const bot = options.bot();
    if (!bot) return [];
    if (bot !== recentFor) {
      recent.clear();
      recentFor = bot;
    }
    const known = recent.get(question);
    if (known) return known;
    const found = bot.search(question, { limit: CANDIDATES }).map((hit) => ({
      lawId: hit.entry.law.id,
      law: hit.entry.law.title,
      article: hit.entry.article.number,
      label: hit.entry.article.label,
      coverage: Math.round(hit.coverage * 100) / 100,
    }));
    recent.set(question, found);
    recentOrder.trimTo(RECENT_QUESTIONS);
    return found;
  };

  return {
    async seen({ channel, user, question, answer }) {
      const answerId = newAnswerId();
      const cited = answer.citations[0];
      // The grouping form is computed when a record is written, not for every answer kept.
      const facts: StoredFacts = {
        answerId,
        channel,
        ...(user ? { user } : {}),
        question: question.slice(0, MAX_QUESTION_CHARS),
        intent: answer.intent,
        answered: answer.answered,
        confidence: answer.confidence,
        ...(cited ? { cited: { lawId: cited.lawId, article: cited.article, label: cited.label } } : {}),
      };
      const kind = recordKind(question, answer);
      if (kind)
        log.append({
          kind,
          at: now().toISOString(),
          ...facts,
          normalized: groupingForm(facts.question),
          candidates: candidatesFor(question),
        });
      await store.write(answerKey(answerId), facts, RATING_WINDOW_MS);
      return answerId;
    },
    async rate(answerId, rating, channel) {
      if (!ANSWER_ID_PATTERN.test(answerId)) return "unknown";
      const facts = (await store.read(answerKey(answerId))) as StoredFacts | undefined;
      // An id is only valid on the channel that gave the answer.
      if (!facts || typeof facts.question !== "string" || facts.channel !== channel) return "unknown";
      if (!(await store.claim(`fb:rated:${answerId}`, RATING_WINDOW_MS))) return "repeated";
      log.append({
        kind: "rating",
        at: now().toISOString(),
        ...facts,
        normalized: facts.normalized ?? groupingForm(facts.question),
        rating,
        candidates: rating === "down" ? candidatesFor(facts.question) : [],
      });
      return "recorded";
    },
  };
}
