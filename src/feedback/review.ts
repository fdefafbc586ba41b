/**
 * The "待完善问题" review: questions the law did not answer and answers residents voted down,
 * grouped by their normalised form, most frequent first, each with the articles that came
 * closest. Staff read it to decide which synonym or dictionary word to add in intents/; after a
 * reload the same review shows, per group, what the bot answers now.
 *
 * The same groups feed the console view (GET /admin/review) and `npm run report`.
 */

import { TiaowenError } from "../errors.js";
import type { Bot } from "../mod.js";
import type { Candidate, Channel, FeedbackRecord, TimeRange } from "./records.js";

/** How the bot answers a group's question today (after the latest reload). */
export interface AnswerNow {
  answered: boolean;
  intent: string;
  confidence: number;
  /** 第三十条, or 《…》第三十条 for another law; absent when nothing is cited. */
  citation?: string;
}

/** One normalised question and everything recorded about it. */
export interface ReviewGroup {
  /** The normalised form the records share. */
  normalized: string;
  /** Up to three of the ways residents wrote it, most recent first. */
  examples: string[];
  counts: { unanswered: number; lowConfidence: number; down: number; up: number };
  /** unanswered + lowConfidence + down: how often the law failed residents on it. */
  total: number;
  /** Distinct residents (by hashed id) among the records that had one. */
  residents: number;
  intents: string[];
  channels: Partial<Record<Channel, number>>;
  firstSeen: string;
  lastSeen: string;
  /** The closest articles, best first: from the bot serving now when given, else as recorded. */
  candidates: Candidate[];
  /** What the bot serving now answers (when a bot is given). */
  now?: AnswerNow;
}

/** Options of {@link buildReview}. */
export interface ReviewOptions {
  /** The bot serving now: candidates and answers are computed afresh with it. */
  bot?: Bot;
  /** Most groups returned. Default 200. */
  limit?: number;
}

const MAX_EXAMPLES = 3;
const MAX_CANDIDATES = 3;

/** Groups records by normalised question; only groups with an unanswered, low or 👎 record are kept. */
export function buildReview(records: readonly FeedbackRecord[], options: ReviewOptions = {}): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup & { users: Set<string>; recorded: Map<string, Candidate> }>();
  for (const r of records) {
    let g = groups.get(r.normalized);
    if (!g) {
      g = {
        normalized: r.normalized,
        examples: [],
        counts: { unanswered: 0, lowConfidence: 0, down: 0, up: 0 },
        total: 0,
        residents: 0,
        intents: [],
        channels: {},
        firstSeen: r.at,
        lastSeen: r.at,
        candidates: [],
        users: new Set(),
        recorded: new Map(),
      };
      groups.set(r.normalized, g);
    }
    if (r.kind === "rating") {
      if (r.rating === "down") g.counts.down++;
      else g.counts.up++;
    } else if (r.kind === "unanswered") g.counts.unanswered++;
    else g.counts.lowConfidence++;
    if (!g.examples.includes(r.question)) g.examples.unshift(r.question);
    if (!g.intents.includes(r.intent)) g.intents.push(r.intent);
    g.channels[r.channel] = (g.channels[r.channel] ?? 0) + 1;
    // Staff at the console are not residents: their searches count, their ids do not.
    if (r.user && r.channel !== "console") g.users.add(r.user);
    if (r.at < g.firstSeen) g.firstSeen = r.at;
    if (r.at > g.lastSeen) g.lastSeen = r.at;
    for (const c of r.candidates) {
      const key = `${c.lawId}#${c.article}`;
      const known = g.recorded.get(key);
      if (!known || known.coverage < c.coverage) g.recorded.set(key, c);
    }
  }

  const bot = options.bot;
  const kept = [...groups.values()]
    .map((g) => ({ ...g, total: g.counts.unanswered + g.counts.lowConfidence + g.counts.down }))
    .filter((g) => g.total > 0)
    .sort((a, b) => b.total - a.total || (a.lastSeen < b.lastSeen ? 1 : -1))
    .slice(0, options.limit ?? 200);
  return kept.map(({ users, recorded, ...g }) => {
    const example = g.examples[0] ?? g.normalized;
    return {
      ...g,
      examples: g.examples.slice(0, MAX_EXAMPLES),
      residents: users.size,
      candidates: bot
        ? currentCandidates(bot, example)
        : [...recorded.values()].sort((a, b) => b.coverage - a.coverage).slice(0, MAX_CANDIDATES),
      ...(bot ? { now: answerNow(bot, example) } : {}),
    };
  });
}

function currentCandidates(bot: Bot, question: string): Candidate[] {
  return bot.search(question, { limit: MAX_CANDIDATES }).map((hit) => ({
    lawId: hit.entry.law.id,
    law: hit.entry.law.title,
    article: hit.entry.article.number,
    label: hit.entry.article.label,
    coverage: Math.round(hit.coverage * 100) / 100,
  }));
}

function answerNow(bot: Bot, question: string): AnswerNow {
  const a = bot.ask(question);
  const c = a.citations[0];
  const home = bot.homeLaws.some((l) => l.id === c?.lawId);
  return {
    answered: a.answered,
    intent: a.intent,
    confidence: a.confidence,
    ...(c ? { citation: home ? c.label : `《${c.law}》${c.label}` } : {}),
  };
}

/** Days shown when the range is not given: the last seven, today included. */
export const DEFAULT_REVIEW_DAYS = 7;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day (local time, TZ) or an ISO timestamp; `endOfDay` turns a day into the start of the next. */
function parseWhen(value: string, name: string, endOfDay: boolean): Date {
  const m = DATE.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(y, mo - 1, d);
    // 2024-02-30 would roll over into March: refuse it rather than guess.
    if (day.getFullYear() === y && day.getMonth() === mo - 1 && day.getDate() === d) {
      return endOfDay ? new Date(y, mo - 1, d + 1) : day;
    }
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value);
  }
  throw new TiaowenError(
    "BAD_DATE",
    `${name} must be a day like 2024-05-01 (local time) or an ISO timestamp like 2024-05-01T08:00:00+08:00`,
  );
}

/**
 * The range of a review from its `from` and `to` parameters: whole days in local time (set TZ,
 * e.g. Asia/Shanghai), `to` included; by default the last {@link DEFAULT_REVIEW_DAYS} days.
 * @throws TiaowenError BAD_DATE for a malformed date or a range that ends before it starts.
 */
export function reviewRange(
  from: string | undefined,
  to: string | undefined,
  now: Date = new Date(),
): TimeRange {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = to
    ? parseWhen(to, "to", true)
    : new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const start = from
    ? parseWhen(from, "from", false)
    : new Date(end.getFullYear(), end.getMonth(), end.getDate() - DEFAULT_REVIEW_DAYS);
  if (start.getTime() >= end.getTime()) {
    throw new TiaowenError("BAD_DATE", "from must come before to (both days are included)");
  }
  return { from: start, to: end };
}
