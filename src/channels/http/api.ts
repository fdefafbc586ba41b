/**
 * The JSON API under /api: ask, feedback, laws, articles, search, the duty directory and the
 * OpenAPI document. Every handler validates its input and throws HttpError; the app's one error
 * handler turns that into the JSON error body.
 *
 * An answer's id (what its 👍/👎 refers to) travels in the X-Answer-Id header, so the body stays
 * the Answer itself, the same JSON as `npm run ask -- --json`.
 */
import express, { type Request, type Router } from "express";
import { ANSWER_ID_PATTERN } from "../../feedback/recorder.js";
import type { ConversationContext } from "../../mod.js";
import { type Bot, MAX_QUESTION_CHARS, parseArticleNumber } from "../../mod.js";
import type { AnswerTracker } from "../../ops/answer-tracker.js";
import type { KeyValueStore } from "../../state/store.js";
import type { AnswerCache } from "./answer-cache.js";
import { HttpError } from "./errors.js";
import { openApiDocument } from "./openapi.js";
import { type RateLimiter, rateLimit } from "./rate-limit.js";
import type { BotGate } from "./readiness.js";
import { createSessionQuota, type SessionQuota } from "./session-quota.js";
import { articleView, findLaw, lawSummary, searchResult } from "./views.js";

/** Largest request body: a question is at most 500 characters; 16 KB leaves room for anything sane. */
export const MAX_BODY = "16kb";
/** Most search results one request may ask for. */
export const MAX_SEARCH_LIMIT = 50;
/** Session ids: what the widget generates (a UUID), or any opaque token of the same alphabet. */
export const SESSION_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** What {@link createApiRouter} needs. */
export interface ApiOptions {
  gate: BotGate;
  /** Conversation context per widget session, for follow-ups ("下一条"). */
  store: KeyValueStore<ConversationContext>;
  cache: AnswerCache;
  askLimiter: RateLimiter;
  lookupLimiter: RateLimiter;
  /** Logs, counts and records answers and ratings; without it answers carry no id and cannot be rated. */
  tracker?: AnswerTracker;
  /** The cap on sessions per client. Default {@link createSessionQuota}'s. */
  sessionQuota?: SessionQuota;
}

/** The header that carries an answer's id. */
export const ANSWER_ID_HEADER = "X-Answer-Id";

/** Prefix of session keys in the store, so that other channels can share it. */
const SESSION_KEY = "http:session:";

function requireBot(gate: BotGate): Bot {
  const bot = gate.current();
  if (bot) return bot;
  const failed = gate.state() === "failed";
  throw new HttpError(
    503,
    "NOT_READY",
    failed ? "the server could not load its ordinances; see its log" : "the index is still being built",
    failed ? {} : { "Retry-After": "1" },
  );
}

function oneString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new HttpError(400, "BAD_QUERY", `give the query parameter ${name} once, as text`);
  }
  return value;
}

/** Creates the router mounted at /api. */
export function createApiRouter(options: ApiOptions): Router {
  const { gate, store, cache, tracker } = options;
  const quota = options.sessionQuota ?? createSessionQuota();
  const router = express.Router();
  const limited = () => tracker?.rateLimited("http");
  const asks = rateLimit(options.askLimiter, limited);
  const lookups = rateLimit(options.lookupLimiter, limited);
  // The bot the cached answers came from: after a reload they are stale.
  let cachedFor: Bot | undefined;

  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument);
  });

  router.post("/ask", asks, express.json({ limit: MAX_BODY }), async (req, res) => {
    const bot = requireBot(gate);
    const body: unknown = req.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new HttpError(
        400,
        "MISSING_QUESTION",
        'send a JSON object {"q": "your question"} with Content-Type: application/json',
      );
    }
    const { q, session } = body as { q?: unknown; session?: unknown };
    if (typeof q !== "string") {
      throw new HttpError(400, "MISSING_QUESTION", 'the body needs "q": the question, as a string');
    }
    if (q.length > MAX_QUESTION_CHARS) {
      throw new HttpError(
        422,
        "QUESTION_TOO_LONG",
        `the question has ${q.length} characters; at most ${MAX_QUESTION_CHARS} are answered — ask about one thing at a time`,
      );
    }
    if (session !== undefined && (typeof session !== "string" || !SESSION_PATTERN.test(session))) {
      throw new HttpError(
        400,
        "BAD_SESSION",
        '"session" must be 1–128 letters, digits, "-" or "_" (e.g. a UUID), or left out',
      );
    }
    const key = session === undefined ? undefined : SESSION_KEY + session;
    const context = (key && (await store.read(key))) || {};
    if (bot !== cachedFor) {
      cache.clear();
      cachedFor = bot;
    }
    const started = performance.now();
    const reply = cache.get(q, context, () => bot.ask(q, context));
    const latencyMs = performance.now() - started;
    if (key) {
      const client = req.ip ?? "unknown";
      if (reply.context.lawId !== undefined) {
        await store.write(key, reply.context);
        for (const over of quota.admit(client, key)) await store.delete(over);
      } else {
        await store.delete(key);
        quota.release(client, key);
      }
    }
    if (tracker) {
      const answerId = await tracker.track({
        channel: "http",
        ...(session === undefined ? {} : { user: session }),
        question: q,
        answer: reply.answer,
        latencyMs,
      });
      if (answerId) res.set(ANSWER_ID_HEADER, answerId);
    }
    res.set("Cache-Control", "no-store").type("application/json").send(reply.json);
  });

  router.post("/feedback", lookups, express.json({ limit: MAX_BODY }), async (req, res) => {
    const body: unknown = req.body;
    const { answerId, rating } = (typeof body === "object" && body !== null ? body : {}) as {
      answerId?: unknown;
      rating?: unknown;
    };
    if (typeof answerId !== "string" || (rating !== "up" && rating !== "down")) {
      throw new HttpError(
        400,
        "BAD_FEEDBACK",
        `send a JSON object {"answerId": "<the ${ANSWER_ID_HEADER} of the answer>", "rating": "up" or "down"}`,
      );
    }
    const outcome =
      tracker && ANSWER_ID_PATTERN.test(answerId) ? await tracker.rate(answerId, rating, "http") : "unknown";
    if (outcome === "unknown") {
      throw new HttpError(
        404,
        "ANSWER_NOT_FOUND",
        `no answer ${answerId} to rate: answers can be rated for a day, by the ${ANSWER_ID_HEADER} they came with`,
      );
    }
    res.set("Cache-Control", "no-store").json({ answerId, rating, recorded: outcome === "recorded" });
  });

  router.get("/laws", lookups, (_req, res) => {
    const bot = requireBot(gate);
    const home = new Set(bot.homeLaws.map((l) => l.id));
    res.json({ laws: bot.laws.map((l) => lawSummary(l, home.has(l.id))) });
  });

  router.get("/laws/:law/articles/:n", lookups, (req, res) => {
    const bot = requireBot(gate);
    const lawParam = String(req.params.law);
    const law = findLaw(bot, lawParam);
    if (!law) {
      throw new HttpError(404, "LAW_NOT_FOUND", `no law ${lawParam}: GET /api/laws lists the ids`);
    }
    const nParam = String(req.params.n);
    const n = parseArticleNumber(nParam);
    if (n === undefined) {
      throw new HttpError(400, "BAD_ARTICLE_NUMBER", `${nParam} is not an article number: use 30 or 三十`);
    }
    const entry = bot.entry(law.id, n);
    if (!entry) {
      throw new HttpError(
        404,
        "ARTICLE_NOT_FOUND",
        `《${law.title}》 has no article ${n}: it has ${law.articles.length} articles`,
      );
    }
    res.json(articleView(entry));
  });

  router.get("/search", lookups, (req, res) => {
    const bot = requireBot(gate);
    const q = oneString(req, "q");
    if (q === undefined) {
      throw new HttpError(400, "MISSING_QUERY", "give the words to search for as ?q=…");
    }
    if (q.length > MAX_QUESTION_CHARS) {
      throw new HttpError(
        422,
        "QUERY_TOO_LONG",
        `the query has ${q.length} characters; at most ${MAX_QUESTION_CHARS} are searched`,
      );
    }
    const limitParam = oneString(req, "limit");
    const limit = limitParam === undefined ? 10 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw new HttpError(400, "BAD_LIMIT", `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`);
    }
    const lawParam = oneString(req, "law");
    const law = lawParam === undefined ? undefined : findLaw(bot, lawParam);
    if (lawParam !== undefined && !law) {
      throw new HttpError(404, "LAW_NOT_FOUND", `no law ${lawParam}: GET /api/laws lists the ids`);
    }
    const hits = q.trim() === "" ? [] : bot.search(q, { limit, ...(law ? { lawId: law.id } : {}) });
    res.json({ query: q, results: hits.map(searchResult) });
  });

  router.get("/departments", lookups, (_req, res) => {
    const bot = requireBot(gate);
    res.json({ departments: bot.directory });
  });

  return router;
}
