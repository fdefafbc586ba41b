/**
 * The OpenAPI 3.1 document of the JSON API, served at /api/openapi.json. Its schemas are JSON
 * Schema 2020-12 and closed (additionalProperties: false), so the API test that validates every
 * response against them notices when the server and this document drift apart.
 */
import { MAX_QUESTION_CHARS } from "../../mod.js";
import { answerJsonSchemas } from "../../schemas.js";

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): Schema => ({ type: [type, "null"] });
const object = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: "object",
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});
const array = (items: Schema): Schema => ({ type: "array", items });
const str: Schema = { type: "string" };
const int: Schema = { type: "integer" };
const num: Schema = { type: "number" };

const json = (schema: Schema, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const error = (description: string) => json(ref("Error"), description);

const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per client per minute.", schema: int },
  "RateLimit-Remaining": { description: "Requests this client may still make right now.", schema: int },
};
const limited = {
  ...error("Too many requests from this client (see RATE_LIMIT_PER_MINUTE)."),
  headers: {
    ...rateLimitHeaders,
    "Retry-After": { description: "Seconds until the next request is allowed.", schema: int },
  },
};
const notReady = error("The ordinances are still being loaded (NOT_READY); retry shortly.");
const unauthorized = {
  ...error("No admin token, or the wrong one (the same answer for every path under /admin)."),
  headers: { "WWW-Authenticate": { description: 'Bearer realm="tiaowen admin"', schema: str } },
};

const schemas: Record<string, Schema> = {
  Error: object({
    error: object({
      code: { type: "string", description: "Stable, machine-readable: BAD_JSON, QUESTION_TOO_LONG…" },
      message: { type: "string", description: "What went wrong and how to fix it (English)." },
    }),
  }),
  AskRequest: {
    ...object(
      {
        q: {
          type: "string",
          maxLength: MAX_QUESTION_CHARS,
          description: "The question, as the resident wrote it (or send `request`).",
        },
        request: ref("ConversationRequest"),
        session: {
          type: "string",
          pattern: "^[A-Za-z0-9_-]{1,128}$",
          description:
            'An id kept by the client across one conversation, so that follow-ups ("下一条") work: the server keeps the context.',
        },
        context: {
          ...ref("ConversationContext"),
          description:
            "The previous answer's `context`, for a client that keeps the conversation itself: follow-ups refer to it (it wins over the session's).",
        },
        channel: {
          enum: ["widget", "console"],
          description:
            "Who asks: residents (the widget, the default) or hotline staff (the console), counted apart.",
        },
      },
      ["q", "request", "session", "context", "channel"],
    ),
    oneOf: [{ required: ["q"] }, { required: ["request"] }],
  },
  ConversationRequest: {
    description:
      "A typed request instead of a question: an article (a button), a “您是不是想问” candidate, help, the greeting, a follow-up on the previous answer.",
    oneOf: [
      object(
        {
          kind: { const: "article" },
          lawId: str,
          article: { type: "integer", minimum: 1 },
          sub: { type: "integer", minimum: 1, description: "第N条之sub." },
        },
        ["sub"],
      ),
      object({ kind: { const: "candidate" }, lawId: str, article: { type: "integer", minimum: 1 } }),
      object({
        kind: { const: "choice" },
        number: { type: "integer", minimum: 1, description: "The n-th candidate of the previous answer." },
      }),
      object({ kind: { const: "help" } }),
      object({ kind: { const: "greet" } }),
      object({
        kind: { const: "followUp" },
        facet: { enum: ["next", "previous", "fulltext", "department"] },
      }),
    ],
  },
  // Answer, Citation, RelatedArticle, Contact and ConversationContext: generated from the zod
  // schemas the core derives its types from (src/schemas.ts), so they cannot drift apart.
  ...answerJsonSchemas(),
  LawSummary: object({
    id: str,
    title: str,
    author: nullable("string"),
    status: nullable("string"),
    dates: object(
      {
        passed: str,
        approved: str,
        amended: array(str),
        publication: str,
        effective: str,
      },
      ["passed", "approved", "publication", "effective"],
    ),
    url: nullable("string"),
    home: { type: "boolean", description: "One of the deployment's own laws." },
    articleCount: int,
    chapters: array(object({ number: int, label: str, title: str, articles: array(int) })),
  }),
  LawList: object({ laws: array(ref("LawSummary")) }),
  ArticleRef: object({ article: int, label: str, gist: str }),
  ArticleView: object({
    lawId: str,
    law: str,
    article: int,
    label: str,
    chapter: nullable("string"),
    section: nullable("string"),
    text: str,
    paragraphs: array(object({ text: str, items: array(object({ label: str, text: str })) })),
    departments: array(
      object({ name: str, canonical: str, role: { enum: ["actor", "mentioned"] }, duty: str }),
    ),
    url: nullable("string"),
    previous: { oneOf: [ref("ArticleRef"), { type: "null" }] },
    next: { oneOf: [ref("ArticleRef"), { type: "null" }] },
    chapterArticles: array(ref("ArticleRef")),
  }),
  Highlight: {
    ...object({ start: { type: "integer", minimum: 0 }, end: { type: "integer", minimum: 0 } }),
    description: "A matched range of `text`: [start, end) in UTF-16 code units (JavaScript string indices).",
  },
  SearchResult: object({
    lawId: str,
    law: str,
    article: int,
    label: str,
    chapter: nullable("string"),
    text: str,
    highlights: array(ref("Highlight")),
    matched: array(str),
    score: num,
    coverage: { type: "number", minimum: 0, maximum: 1 },
  }),
  SearchResults: object({ query: str, results: array(ref("SearchResult")) }),
  Duty: object({
    lawId: str,
    lawTitle: str,
    article: int,
    label: str,
    duty: { type: "string", description: "The sentence of the article that names the department." },
    role: { enum: ["actor", "mentioned"] },
  }),
  DirectoryEntry: object({
    department: { type: "string", description: "The department without its administrative level." },
    names: array(str),
    duties: array(ref("Duty")),
  }),
  Directory: object({ departments: array(ref("DirectoryEntry")) }),
  FeedbackRequest: object(
    {
      answerId: {
        type: "string",
        pattern: "^[A-Za-z0-9_-]{12}$",
        description: "The X-Answer-Id header of the answer being rated.",
      },
      rating: { enum: ["up", "down"], description: "👍 up: the answer helped; 👎 down: it did not." },
      lang: { enum: ["zh", "en"], description: "The language of `message` in the response (the answer's)." },
    },
    ["lang"],
  ),
  FeedbackResult: object({
    answerId: str,
    rating: { enum: ["up", "down"] },
    recorded: {
      type: "boolean",
      description: "False when the answer had been rated before: the first rating counts.",
    },
    message: { type: "string", description: "What to tell the resident (感谢您的反馈！…)." },
  }),
  Candidate: object({
    lawId: str,
    law: str,
    article: int,
    label: str,
    coverage: { type: "number", minimum: 0, maximum: 1 },
  }),
  ReviewGroup: object(
    {
      normalized: { type: "string", description: "The normalised question the records share." },
      examples: { ...array(str), description: "Up to three ways residents wrote it, most recent first." },
      counts: object({ unanswered: int, lowConfidence: int, down: int, up: int }),
      total: { type: "integer", description: "unanswered + lowConfidence + down." },
      residents: { type: "integer", description: "Distinct residents (by salted hash)." },
      intents: array(str),
      channels: {
        type: "object",
        properties: { http: int, console: int, telegram: int, wechat: int },
        additionalProperties: false,
      },
      firstSeen: str,
      lastSeen: str,
      candidates: { ...array(ref("Candidate")), description: "The closest articles, best first." },
      now: {
        ...object({ answered: { type: "boolean" }, intent: str, confidence: num, citation: str }, [
          "citation",
        ]),
        description: "What the bot serving now answers to the first example.",
      },
    },
    ["now"],
  ),
  Review: object({
    from: { type: "string", description: "Start of the range (ISO 8601, included)." },
    to: { type: "string", description: "End of the range (ISO 8601, excluded)." },
    groups: array(ref("ReviewGroup")),
  }),
  ReloadResult: object({
    reloaded: { const: true },
    generation: { type: "integer", description: "1 for the first bot, 2 after the first reload…" },
    ms: int,
    laws: int,
    articles: int,
    others: { type: "integer", description: "Other instances told to reload too (through Redis)." },
  }),
  Health: object({ status: { const: "ok" } }),
  ChannelReport: object(
    {
      state: { enum: ["off", "starting", "up", "retrying", "failed"] },
      detail: { type: "string", description: "How it runs (polling, webhook) or what went wrong." },
      retryAt: { type: "string", description: "When the next start attempt is due (ISO 8601)." },
    },
    ["detail", "retryAt"],
  ),
  Readiness: object(
    {
      status: { enum: ["ready", "starting", "failed"] },
      laws: int,
      articles: int,
      problems: {
        ...array(
          object(
            {
              file: { type: "string", description: "The file's path inside its corpus folder." },
              line: int,
              problem: { type: "string", description: "What is wrong and how to fix it." },
              kind: { enum: ["unreadable", "skipped"] },
            },
            ["line"],
          ),
        ),
        description: "Files of the corpus that were not read: unreadable, or links not followed.",
      },
      channels: {
        type: "object",
        additionalProperties: ref("ChannelReport"),
        description:
          "The chat channels (telegram, wechat): a channel that is down does not make the server unready.",
      },
    },
    ["laws", "articles", "problems", "channels"],
  ),
};

const limitedLookup = {
  "400": error("A malformed parameter."),
  "429": limited,
  "503": notReady,
};

/** The OpenAPI 3.1 document of the API. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "tiaowen (条文) API",
    version: "1.0.0",
    description:
      'Answers residents\' questions from municipal ordinances, citing the article and naming the responsible department. Errors are always JSON: {"error": {"code", "message"}}.',
  },
  paths: {
    "/api/ask": {
      post: {
        operationId: "ask",
        summary: "Answer a question",
        description:
          "The same Answer object as `npm run ask -- --json`. For follow-ups, pass the same `session` on every question of a conversation, or pass the previous answer's `context` back. A button sends a typed `request` instead of text.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("AskRequest") } },
        },
        responses: {
          "200": {
            ...json(ref("Answer"), "The answer (answered: false when the law does not cover it)."),
            headers: {
              ...rateLimitHeaders,
              "X-Answer-Id": {
                description: "The answer's id, for POST /api/feedback (12 characters; valid for a day).",
                schema: { type: "string", pattern: "^[A-Za-z0-9_-]{12}$" },
              },
            },
          },
          "400": error("Bad JSON, no `q` (or `request`), a bad `session` or `context`, or an unknown field."),
          "404": error("A `request` names a law that is not loaded (LAW_NOT_FOUND)."),
          "413": error("The body is larger than 16 KB."),
          "415": error("The body's encoding or charset is not supported."),
          "422": error(`The question is longer than ${MAX_QUESTION_CHARS} characters.`),
          "429": limited,
          "503": notReady,
        },
      },
    },
    "/api/feedback": {
      post: {
        operationId: "rate",
        summary: "Rate an answer: 👍 or 👎",
        description:
          "Ratings and the questions the law did not answer are what the hotline staff review (待完善问题). The first rating of an answer counts.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("FeedbackRequest") } },
        },
        responses: {
          "200": json(ref("FeedbackResult"), "Recorded (or rated before)."),
          "400": error("Not {answerId, rating}."),
          "404": error("No such answer, or older than a day (ANSWER_NOT_FOUND)."),
          "429": limited,
        },
      },
    },
    "/api/laws": {
      get: {
        operationId: "listLaws",
        summary: "The loaded laws",
        responses: { "200": json(ref("LawList"), "Every loaded law."), "429": limited, "503": notReady },
      },
    },
    "/api/laws/{law}/articles/{n}": {
      get: {
        operationId: "getArticle",
        summary: "One article with its chapter and neighbours",
        parameters: [
          { name: "law", in: "path", required: true, description: "Law id (or exact title).", schema: str },
          {
            name: "n",
            in: "path",
            required: true,
            description: "Article number: 30, 三十 or 第三十条.",
            schema: str,
          },
        ],
        responses: {
          "200": json(ref("ArticleView"), "The article."),
          "400": error("`n` is not an article number."),
          "404": error("No such law (LAW_NOT_FOUND) or article (ARTICLE_NOT_FOUND)."),
          "429": limited,
          "503": notReady,
        },
      },
    },
    "/api/search": {
      get: {
        operationId: "search",
        summary: "Ranked articles for free text, with highlight offsets",
        parameters: [
          {
            name: "q",
            in: "query",
            required: true,
            schema: { type: "string", maxLength: MAX_QUESTION_CHARS },
          },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50, default: 10 } },
          { name: "law", in: "query", description: "Only this law (id or title).", schema: str },
        ],
        responses: {
          "200": json(ref("SearchResults"), "Best first; empty for blank text."),
          "404": error("No such law."),
          "422": error(`The query is longer than ${MAX_QUESTION_CHARS} characters.`),
          ...limitedLookup,
        },
      },
    },
    "/api/departments": {
      get: {
        operationId: "listDepartments",
        summary: "The duty directory: department → duties → articles",
        responses: {
          "200": json(ref("Directory"), "Departments, most duties first."),
          "429": limited,
          "503": notReady,
        },
      },
    },
    "/api/openapi.json": {
      get: {
        operationId: "openapi",
        summary: "This document",
        responses: {
          "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": {} } },
        },
      },
    },
    "/admin/review": {
      get: {
        operationId: "review",
        summary: "待完善问题: unanswered and down-voted questions, grouped",
        security: [{ adminToken: [] }],
        parameters: [
          {
            name: "from",
            in: "query",
            description: "First day (YYYY-MM-DD, local time) or an ISO timestamp; default six days ago.",
            schema: str,
          },
          {
            name: "to",
            in: "query",
            description: "Last day, included (YYYY-MM-DD) or an ISO timestamp; default today.",
            schema: str,
          },
        ],
        responses: {
          "200": json(ref("Review"), "Most frequent first."),
          "400": error("A malformed date (BAD_DATE)."),
          "401": unauthorized,
          "503": error("The feedback log is in Redis, which is unreachable (FEEDBACK_UNAVAILABLE)."),
        },
      },
    },
    "/admin/reload": {
      post: {
        operationId: "reload",
        summary: "Rebuild the bot from intents/ and swap it in (on every instance sharing Redis)",
        security: [{ adminToken: [] }],
        responses: {
          "200": json(ref("ReloadResult"), "The new vocabulary is answering."),
          "401": unauthorized,
          "422": error("The vocabulary is broken (RELOAD_FAILED); the previous one is still answering."),
        },
      },
    },
    "/metrics": {
      get: {
        operationId: "metrics",
        summary: "Prometheus metrics",
        responses: {
          "200": { description: "The Prometheus text exposition format.", content: { "text/plain": {} } },
        },
      },
    },
    "/healthz": {
      get: {
        operationId: "health",
        summary: "Liveness: the process answers",
        responses: { "200": json(ref("Health"), "Alive.") },
      },
    },
    "/readyz": {
      get: {
        operationId: "ready",
        summary: "Readiness: the index is built and questions can be answered",
        responses: {
          "200": json(ref("Readiness"), "Ready."),
          "503": json(ref("Readiness"), "Still starting, or failed to load the ordinances."),
        },
      },
    },
  },
  components: {
    schemas,
    securitySchemes: {
      adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN of the server." },
    },
  },
} as const;
