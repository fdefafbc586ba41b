/**
 * The JSON API under /api: ask, feedback, laws, articles, search, the duty directory and the
 * OpenAPI document. Every handler validates its input and throws HttpError; the app's one error
 * handler turns that into the JSON error body.
 *
 * An answer's id (what its 👍/👎 refers to) travels in the X-Answer-Id header, so the body stays
 * the Answer itself, the same JSON as `npm run ask -- --json`.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { type ConversationRequest, readRequest } from "../../conversation/requests.js";
import type { Conversation } from "../../conversation/service.js";
import { ANSWER_ID_PATTERN } from "../../feedback/recorder.js";
import {
  type Answer,
  type Bot,
  type ConversationContext,
  MAX_QUESTION_CHARS,
  parseArticleNumber,
  TiaowenError,
} from "../../mod.js";
import type { AnswerTracker } from "../../ops/answer-tracker.js";
import { NotReadyError } from "../../ops/bot-holder.js";
import { HttpError } from "./errors.js";
import { jsonBody } from "./json-body.js";
import { openApiDocument } from "./openapi.js";
import { type RateLimiter, rateLimit } from "./rate-limit.js";
import { articleView, findLaw, lawSummary, searchResult } from "./views.js";

/** Largest request body: a question is at most 500 characters; 16 KB leaves room for anything sane. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Most search results one request may ask for. */
export const MAX_SEARCH_LIMIT = 50;
/** Session ids: what the widget generates (a UUID), or any opaque token of the same alphabet. */
export const SESSION_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** What {@link createApiRouter} needs. */
export interface ApiOptions {
  conversation: Conversation;
  askLimiter: RateLimiter;
  lookupLimiter: RateLimiter;
  /** Counts requests refused by a rate limit. */
  tracker?: Pick<AnswerTracker, "rateLimited">;
}

/** The header that carries an answer's id. */
export const ANSWER_ID_HEADER = "X-Answer-Id";

/** The fields POST /api/ask accepts (the OpenAPI's AskRequest, which is closed). */
const ASK_FIELDS = new Set(["q", "request", "session", "context", "channel"]);

/** The bot serving now, or 503 NOT_READY. */
function requireBot(conversation: Conversation): Bot {
  try {
    return conversation.bot();
  } catch (error) {
    if (!(error instanceof NotReadyError)) throw error;
    throw new HttpError(
      503,
      "NOT_READY",
      error.message,
      error.state === "failed" ? {} : { "Retry-After": "1" },
    );
  }
}

function oneString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new HttpError(400, "BAD_QUERY", `give the query parameter ${name} once, as text`);
  }
  return value;
}

/** What POST /api/ask asks: the question or typed request, whose conversation, on which channel. */
interface AskBody {
  input: string | ConversationRequest;
  session: string | undefined;
  context: ConversationContext | undefined;
  channel: "http" | "console";
}

/** Reads and checks the body of POST /api/ask. @throws HttpError saying what to fix. */
export function readAskBody(body: unknown): AskBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(
      400,
      "MISSING_QUESTION",
      'send a JSON object {"q": "your question"} with Content-Type: application/json',
    );
  }
  const b = body as Record<string, unknown>;
  for (const key in b) {
    if (!ASK_FIELDS.has(key))
      throw new HttpError(
        400,
        "UNKNOWN_FIELD",
        `"${key}" is not a field of the question: send q (or request), session, context, channel`,
      );
  }
  const { q, session, context, channel } = b;
  let input: string | ConversationRequest;
  if (b.request !== undefined) {
    if (q !== undefined)
      throw new HttpError(400, "MISSING_QUESTION", 'send either "q" or "request", not both');
    const request = readRequest(b.request);
    if (typeof request === "string") throw new HttpError(400, "BAD_REQUEST", request);
    input = request;
  } else if (typeof q === "string") {
    if (q.length > MAX_QUESTION_CHARS) {
      throw new HttpError(
        422,
        "QUESTION_TOO_LONG",
        `the question has ${q.length} characters; at most ${MAX_QUESTION_CHARS} are answered — ask about one thing at a time`,
      );
    }
    input = q;
  } else {
    throw new HttpError(400, "MISSING_QUESTION", 'the body needs "q": the question, as a string');
  }
  if (session !== undefined && (typeof session !== "string" || !SESSION_PATTERN.test(session))) {
    throw new HttpError(
      400,
      "BAD_SESSION",
      '"session" must be 1–128 letters, digits, "-" or "_" (e.g. a UUID), or left out',
    );
  }
  if (channel !== undefined && channel !== "widget" && channel !== "console") {
    throw new HttpError(400, "BAD_CHANNEL", '"channel" is "widget" (the default) or "console"');
  }
  return {
    input,
    session,
    context: context === undefined ? undefined : readContext(context),
    channel: channel === "console" ? "console" : "http",
  };
}

/** The `context` an API client passes back (the previous answer's). */
function readContext(value: unknown): ConversationContext {
  const bad = () =>
    new HttpError(
      400,
      "BAD_CONTEXT",
      '"context" must be the previous answer\'s context: {"lawId": "…", "article": 30} or {}',
    );
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad();
  const { lawId, article, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw bad();
  if (lawId === undefined && article === undefined) return {};
  if (typeof lawId !== "string" || typeof article !== "number" || !Number.isInteger(article) || article < 1)
    throw bad();
  return { lawId, article };
}

/**
 * The Answer as JSON, once per Answer object: answers of repeated questions come from the
 * conversation service's cache as the same object, and are serialised once.
 */
const jsonOf = (() => {
  const memo = new WeakMap<Answer, string>();
  return (answer: Answer): string => {
    let json = memo.get(answer);
    if (json === undefined) {
      json = JSON.stringify(answer);
      memo.set(answer, json);
    }
    return json;
  };
})();

/** Sends a JSON text as it is (no re-serialising). */
function sendJson(res: Response, json: string): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", Buffer.byteLength(json));
  res.end(json);
}

/**
 * POST /api/ask as its own handlers: the app mounts them directly (not inside the /api router),
 * because the question is the one request whose every microsecond counts.
 */
export function askHandlers(options: ApiOptions): RequestHandler[] {
  const { conversation, tracker } = options;
  const asks = rateLimit(options.askLimiter, () => tracker?.rateLimited("http"));
  const answer: RequestHandler = async (req, res) => {
    requireBot(conversation);
    const ask = readAskBody(req.body);
    let reply: Awaited<ReturnType<Conversation["ask"]>>;
    try {
      // The client (its address, as the rate limit sees it) is whose session quota a session counts against.
      const client = req.ip ?? "unknown";
      reply = await conversation.ask(
        ask.channel,
        ask.session,
        ask.input,
        ask.context === undefined ? { client } : { context: ask.context, client },
      );
    } catch (error) {
      if (error instanceof TiaowenError && error.code === "UNKNOWN_LAW")
        throw new HttpError(404, "LAW_NOT_FOUND", error.message);
      throw error;
    }
    if (reply.answerId) res.setHeader(ANSWER_ID_HEADER, reply.answerId);
    sendJson(res, jsonOf(reply.answer));
  };
  return [asks, jsonBody({ limit: MAX_BODY_BYTES }), answer];
}

/** POST /api/feedback: a resident's rating of an answer, by the answer's id. */
function feedbackHandler(conversation: Conversation): RequestHandler {
  return async (req, res) => {
    const b: unknown = req.body;
    const { answerId, rating, lang } = (typeof b === "object" && b !== null ? b : {}) as {
      answerId?: unknown;
      rating?: unknown;
      lang?: unknown;
    };
    if (typeof answerId !== "string" || (rating !== "up" && rating !== "down")) {
      throw new HttpError(
        400,
        "BAD_FEEDBACK",
        `send a JSON object {"answerId": "<the ${ANSWER_ID_HEADER} of the answer>", "rating": "up" or "down"}`,
      );
    }
    const outcome = ANSWER_ID_PATTERN.test(answerId)
      ? await conversation.rate("http", answerId, rating)
      : "unknown";
    if (outcome === "unknown") {
      throw new HttpError(
        404,
        "ANSWER_NOT_FOUND",
        `no answer ${answerId} to rate: answers can be rated for a day, by the ${ANSWER_ID_HEADER} they came with`,
      );
    }
    const message = conversation.texts.ratingReply(outcome, rating, lang === "en" ? "en" : "zh");
    res
      .set("Cache-Control", "no-store")
      .json({ answerId, rating, recorded: outcome === "recorded", message });
  };
}

/** GET /api/search: the articles that match the words, best first, in every law or one. */
function searchHandler(conversation: Conversation): RequestHandler {
  return (req, res) => {
    const bot = requireBot(conversation);
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
  };
}

/** Creates the router mounted at /api (everything but POST /api/ask, see {@link askHandlers}). */
export function createApiRouter(options: ApiOptions): Router {
  const { conversation, tracker } = options;
  const router = express.Router();
  const limited = () => tracker?.rateLimited("http");
  const lookups = rateLimit(options.lookupLimiter, limited);
  const body = jsonBody({ limit: MAX_BODY_BYTES });

  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument);
  });

  router.post("/feedback", lookups, body, feedbackHandler(conversation));

  router.get("/laws", lookups, (_req, res) => {
    const bot = requireBot(conversation);
    const home = new Set(bot.homeLaws.map((l) => l.id));
    res.json({ laws: bot.laws.map((l) => lawSummary(l, home.has(l.id))) });
  });

  router.get("/laws/:law/articles/:n", lookups, (req, res) => {
    const bot = requireBot(conversation);
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

  router.get("/search", lookups, searchHandler(conversation));

  router.get("/departments", lookups, (_req, res) => {
    const bot = requireBot(conversation);
    res.json({ departments: bot.directory });
  });

  return router;
}
