/**
 * The API through a real server on 127.0.0.1: every response is checked against the OpenAPI
 * document the server itself publishes.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Express } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/answer/types.js";
import { type Bot, createBot } from "../../../src/bot.js";
import { trustProxySetting } from "../../../src/channels/http/app.js";
import { openApiDocument } from "../../../src/channels/http/openapi.js";
import type { RunningServer } from "../../../src/channels/http/server.js";
import { createChannelStatus } from "../../../src/ops/channel-status.js";
import { INTENTS_DIR, SEED_FILE } from "../../helpers/fixtures.js";
import { post, seedBot, startTestServer, type TestServerOptions } from "../../helpers/http-server.js";
import { type RuntimeServer, startRuntimeServer } from "../../helpers/runtime.js";

const LAW = "ff808081736bb19d01744e08caa80dd3";
const SPEC_ID = "https://tiaowen.test/openapi.json";

let bot: Bot;
let main: RunningServer;
let validate: (method: string, path: string, status: number, body: unknown) => void;

beforeAll(async () => {
  bot = await seedBot();
  main = await startTestServer();
  const spec = (await (await fetch(`${main.url}/api/openapi.json`)).json()) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  validate = (method, path, status, body) => {
    const pointer = `#/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}/responses/${status}`;
    const check = ajv.compile({ $ref: `${SPEC_ID}${pointer}/content/application~1json/schema` });
    if (!check(body)) {
      throw new Error(
        `${method} ${path} ${status} does not match the OpenAPI document: ${ajv.errorsText(check.errors)}`,
      );
    }
  };
});
afterAll(async () => {
  await main?.close();
});

/** A response body, already validated against the OpenAPI schema of its status. */
// biome-ignore lint/suspicious/noExplicitAny: the schema check above vouches for the shape; tests read fields.
type Checked = any;

/** Sends a request and checks the response against the document; returns the status and body. */
async function call(
  method: "get" | "post",
  specPath: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  server: RunningServer = main,
): Promise<{ status: number; body: Checked; headers: Headers }> {
  const res =
    method === "post"
      ? await post(`${server.url}${url}`, body, headers)
      : await fetch(`${server.url}${url}`, { headers });
  const text = await res.text();
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  const json = JSON.parse(text);
  validate(method, specPath, res.status, json);
  return { status: res.status, body: json, headers: res.headers };
}

const ask = (body: unknown, headers?: Record<string, string>, server?: RunningServer) =>
  call("post", "/api/ask", "/api/ask", body, headers, server);

/** A server of its own, for tests that change configuration or readiness. */
async function setup(options: TestServerOptions = {}): Promise<RunningServer> {
  return startTestServer(options);
}

describe("POST /api/ask", () => {
  it("answers with the core's Answer, the same JSON as ask --json", async () => {
    const { status, body } = await ask({ q: "第三十条" });
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(bot.ask("第三十条"))));
    const answer = body as Answer;
    expect(answer.citations[0]).toMatchObject({ article: 30, label: "第三十条", chapter: "第四章 智慧治理" });
  });

  it("answers a responsibility question, naming the department", async () => {
    const { body } = await ask({ q: "谁负责食品安全监管" });
    expect(body.answered).toBe(true);
    expect(body.departments[0]).toBe("市、县（区）人民政府市场监督管理部门");
  });

  it("says so when the law does not cover the question, pointing to the hotline", async () => {
    const { status, body } = await ask({ q: "怎么办护照" });
    expect(status).toBe(200);
    expect(body.answered).toBe(false);
    expect(body.lead).toContain("12345");
  });

  it("keeps the conversation of a session, so that 下一条 follows on", async () => {
    const session = "0d7f3c4e-session-a";
    await ask({ q: "第三十条", session });
    const next = await ask({ q: "下一条", session });
    expect(next.body.citations[0].article).toBe(31);
    const again = await ask({ q: "下一条", session });
    expect(again.body.citations[0].article).toBe(32);
    const other = await ask({ q: "下一条", session: "another-session" });
    expect(other.body.answered).toBe(false);
    const none = await ask({ q: "下一条" });
    expect(none.body.answered).toBe(false);
  });

  it("answers repeated questions the same way (from its cache)", async () => {
    const first = await ask({ q: "城市APP有哪些功能？" });
    const second = await ask({ q: "城市APP有哪些功能？" });
    expect(second.body).toEqual(first.body);
  });

  it("accepts a question of exactly 500 characters and refuses 501 with 422", async () => {
    expect((await ask({ q: "食".repeat(500) })).status).toBe(200);
    const { status, body } = await ask({ q: "食".repeat(501) });
    expect(status).toBe(422);
    expect(body.error.code).toBe("QUESTION_TOO_LONG");
  });

  it("refuses bad JSON, a missing or non-text q and a bad session with 400", async () => {
    const cases: Array<[unknown, string]> = [
      ['{"q": "第三十条"', "BAD_JSON"],
      [{}, "MISSING_QUESTION"],
      [{ q: 30 }, "MISSING_QUESTION"],
      [["第三十条"], "MISSING_QUESTION"],
      // A bare JSON string is not accepted as JSON here: body-parser's strict mode wants an object.
      ['"第三十条"', "BAD_JSON"],
      [{ q: "第三十条", session: "bad session!" }, "BAD_SESSION"],
      [{ q: "第三十条", session: 7 }, "BAD_SESSION"],
    ];
    for (const [body, code] of cases) {
      const res = await ask(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
  });

  it("refuses a body that is not JSON with 400", async () => {
    const { status, body } = await ask("q=第三十条", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("MISSING_QUESTION");
  });

  it("refuses a body over 16 KB with 413", async () => {
    const { status, body } = await ask({ q: "x".repeat(17 * 1024) });
    expect(status).toBe(413);
    expect(body).toEqual({
      error: {
        code: "BODY_TOO_LARGE",
        message: "the request body is larger than 16 KB: send only the question",
      },
    });
  });

  it("treats a question that looks like HTML as any other text", async () => {
    const { body } = await ask({ q: "<img src=x onerror=alert(1)>" });
    expect(body.answered).toBe(false);
  });
});

describe("answer ids and POST /api/feedback", () => {
  let rated: RuntimeServer;
  beforeAll(async () => {
    rated = await startRuntimeServer({});
  });
  afterAll(async () => {
    await rated?.close();
  });
  const feedback = (body: unknown) => call("post", "/api/feedback", "/api/feedback", body, {}, rated.server);

  it("gives each answer an id in X-Answer-Id, the body staying the Answer of ask --json", async () => {
    const first = await ask({ q: "第三十条" }, {}, rated.server);
    const second = await ask({ q: "第三十条" }, {}, rated.server);
    const id = first.headers.get("x-answer-id");
    expect(id).toMatch(new RegExp(openApiHeaderPattern()));
    expect(second.headers.get("x-answer-id")).not.toBe(id);
    expect(first.body).toEqual(JSON.parse(JSON.stringify(bot.ask("第三十条"))));
  });

  it("records a rating once: the first counts", async () => {
    const answer = await ask({ q: "城市APP有哪些功能？" }, {}, rated.server);
    const answerId = answer.headers.get("x-answer-id");
    const up = await feedback({ answerId, rating: "up" });
    expect(up).toMatchObject({ status: 200, body: { answerId, rating: "up", recorded: true } });
    const again = await feedback({ answerId, rating: "down" });
    expect(again).toMatchObject({ status: 200, body: { recorded: false } });
    await rated.runtime.feedback.flush();
    const records = await rated.runtime.feedback.read({
      from: new Date(0),
      to: new Date(Date.now() + 60_000),
    });
    expect(
      records.filter((r) => r.kind === "rating").map((r) => [r.answerId, r.kind === "rating" && r.rating]),
    ).toEqual([[answerId, "up"]]);
  });

  it("refuses malformed ratings with 400 and unknown answers with 404", async () => {
    for (const body of [
      {},
      { answerId: "abcdefghijkl" },
      { answerId: "abcdefghijkl", rating: "meh" },
      ["up"],
    ]) {
      const res = await feedback(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("BAD_FEEDBACK");
    }
    for (const answerId of ["abcdefghijkl", "../../etc/passwd"]) {
      const res = await feedback({ answerId, rating: "down" });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("ANSWER_NOT_FOUND");
    }
  });

  it("without a tracker, answers carry no id and ratings find nothing", async () => {
    const { headers } = await ask({ q: "第三十条" });
    expect(headers.get("x-answer-id")).toBeNull();
    const res = await call("post", "/api/feedback", "/api/feedback", {
      answerId: "abcdefghijkl",
      rating: "up",
    });
    expect(res.status).toBe(404);
  });
});

/** The pattern of X-Answer-Id as the OpenAPI document gives it. */
function openApiHeaderPattern(): string {
  const doc = openApiDocument as unknown as {
    paths: Record<
      string,
      { post: { responses: Record<string, { headers: Record<string, { schema: { pattern: string } }> }> } }
    >;
  };
  return doc.paths["/api/ask"]?.post.responses["200"]?.headers["X-Answer-Id"]?.schema.pattern ?? "^$";
}

describe("GET /api/laws", () => {
  it("lists the loaded laws with their chapters", async () => {
    const { status, body } = await call("get", "/api/laws", "/api/laws");
    expect(status).toBe(200);
    expect(body.laws).toHaveLength(1);
    expect(body.laws[0]).toMatchObject({
      id: LAW,
      title: "大同市智慧城市促进条例",
      home: true,
      articleCount: 45,
    });
    expect(body.laws[0].chapters).toHaveLength(7);
  });
});

describe("GET /api/laws/:law/articles/:n", () => {
  const spec = "/api/laws/{law}/articles/{n}";

  it("returns the article with its chapter and neighbours, for 30, 三十 and 第三十条", async () => {
    const { status, body } = await call("get", spec, `/api/laws/${LAW}/articles/30`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      article: 30,
      label: "第三十条",
      chapter: "第四章 智慧治理",
      previous: { article: 29, label: "第二十九条" },
      next: { article: 31, label: "第三十一条" },
    });
    expect(body.text).toContain("市场监督管理部门");
    expect(body.chapterArticles.map((a: { article: number }) => a.article)).toContain(30);
    for (const n of ["三十", "第三十条"]) {
      const other = await call("get", spec, `/api/laws/${LAW}/articles/${encodeURIComponent(n)}`);
      expect(other.body).toEqual(body);
    }
  });

  it("finds a law by its title too", async () => {
    const { status } = await call(
      "get",
      spec,
      `/api/laws/${encodeURIComponent("大同市智慧城市促进条例")}/articles/1`,
    );
    expect(status).toBe(200);
  });

  it("has no previous article before the first", async () => {
    const { body } = await call("get", spec, `/api/laws/${LAW}/articles/1`);
    expect(body.previous).toBeNull();
  });

  it("answers 404 for an unknown article or law, 400 for a non-number", async () => {
    const missing = await call("get", spec, `/api/laws/${LAW}/articles/99`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ARTICLE_NOT_FOUND");
    const noLaw = await call("get", spec, "/api/laws/nosuchlaw/articles/1");
    expect(noLaw.status).toBe(404);
    expect(noLaw.body.error.code).toBe("LAW_NOT_FOUND");
    const bad = await call("get", spec, `/api/laws/${LAW}/articles/abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_ARTICLE_NUMBER");
  });
});

describe("GET /api/search", () => {
  it("ranks articles and marks the matched words as offsets", async () => {
    const { status, body } = await call(
      "get",
      "/api/search",
      `/api/search?q=${encodeURIComponent("食品安全")}`,
    );
    expect(status).toBe(200);
    const first = body.results[0];
    expect(first.article).toBe(30);
    expect(first.highlights.length).toBeGreaterThan(0);
    for (const { start, end } of first.highlights) {
      expect(first.matched).toContain(first.text.slice(start, end));
    }
  });

  it("honours limit and returns nothing for blank text", async () => {
    const two = await call("get", "/api/search", `/api/search?q=${encodeURIComponent("安全")}&limit=2`);
    expect(two.body.results).toHaveLength(2);
    const blank = await call("get", "/api/search", "/api/search?q=%20");
    expect(blank.body.results).toEqual([]);
  });

  it("refuses a missing q, a bad limit and an unknown law", async () => {
    expect((await call("get", "/api/search", "/api/search")).body.error.code).toBe("MISSING_QUERY");
    expect((await call("get", "/api/search", "/api/search?q=a&limit=0")).body.error.code).toBe("BAD_LIMIT");
    expect((await call("get", "/api/search", "/api/search?q=a&limit=x")).body.error.code).toBe("BAD_LIMIT");
    expect((await call("get", "/api/search", "/api/search?q=a&q=b")).body.error.code).toBe("BAD_QUERY");
    const noLaw = await call("get", "/api/search", "/api/search?q=a&law=nosuchlaw");
    expect(noLaw.status).toBe(404);
    const long = await call("get", "/api/search", `/api/search?q=${"a".repeat(501)}`);
    expect(long.status).toBe(422);
  });
});

describe("GET /api/departments", () => {
  it("returns the duty directory: department → duties → articles", async () => {
    const { status, body } = await call("get", "/api/departments", "/api/departments");
    expect(status).toBe(200);
    const market = body.departments.find((d: { department: string }) => d.department === "市场监督管理部门");
    expect(market.duties.map((d: { article: number }) => d.article)).toContain(30);
  });
});

describe("/healthz and /readyz", () => {
  it("are alive and ready once the bot is built", async () => {
    expect((await call("get", "/healthz", "/healthz")).body).toEqual({ status: "ok" });
    expect((await call("get", "/readyz", "/readyz")).body).toEqual({
      status: "ready",
      laws: 1,
      articles: 45,
      problems: [],
    });
  });

  it("lists the files it could not read, named inside their corpus folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-readyz-"));
    try {
      copyFileSync(SEED_FILE, join(dir, "大同市智慧城市促进条例.md"));
      writeFileSync(join(dir, "坏.md"), "---\ntitle: 甲条例\ntitle: 乙条例\n---\n\n第一条 内容。\n");
      const bot = await createBot({ corpusDirs: [dir], intentsDir: INTENTS_DIR });
      const server = await setup({ bot });
      try {
        const res = await call("get", "/readyz", "/readyz", undefined, {}, server);
        expect(res.status).toBe(200);
        expect(res.body.laws).toBe(1);
        expect(res.body.problems).toEqual([
          {
            file: "坏.md",
            line: 3,
            problem: expect.stringMatching(/^front matter is not valid YAML: duplicated mapping key/),
            kind: "unreadable",
          },
        ]);
        expect(JSON.stringify(res.body)).not.toContain(dir);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports the chat channels in /readyz, a channel that is down leaving the server ready", async () => {
    const channels = createChannelStatus();
    channels.set("telegram", {
      state: "retrying",
      detail: "cannot reach the Telegram Bot API",
      retryAt: "2026-01-01T00:00:00.000Z",
    });
    channels.set("wechat", { state: "off" });
    const server = await setup({ channels });
    try {
      const { status, body } = await call("get", "/readyz", "/readyz", undefined, {}, server);
      expect(status).toBe(200);
      expect(body.channels).toEqual(channels.snapshot());
    } finally {
      await server.close();
    }
  });

  it("answers 503 until the bot is ready, then 200", async () => {
    let resolve: (b: Bot) => void = () => {};
    const pending = new Promise<Bot>((r) => {
      resolve = r;
    });
    const server = await setup({ bot: pending });
    try {
      expect((await call("get", "/healthz", "/healthz", undefined, {}, server)).status).toBe(200);
      const starting = await call("get", "/readyz", "/readyz", undefined, {}, server);
      expect(starting).toMatchObject({ status: 503, body: { status: "starting" } });
      const early = await ask({ q: "第三十条" }, {}, server);
      expect(early.status).toBe(503);
      expect(early.body.error.code).toBe("NOT_READY");
      expect(early.headers.get("retry-after")).toBe("1");
      resolve(bot);
      await pending;
      expect((await call("get", "/readyz", "/readyz", undefined, {}, server)).status).toBe(200);
      expect((await ask({ q: "第三十条" }, {}, server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("stays unready when the bot fails to start", async () => {
    const failing = Promise.reject(new Error("no ordinance could be read"));
    failing.catch(() => {});
    const server = await setup({ bot: failing });
    try {
      await new Promise((r) => setImmediate(r));
      const res = await call("get", "/readyz", "/readyz", undefined, {}, server);
      expect(res).toMatchObject({ status: 503, body: { status: "failed" } });
    } finally {
      await server.close();
    }
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once a client used its questions, and lets it ask again later", async () => {
    let now = 1_000_000;
    const server = await setup({ env: { RATE_LIMIT_PER_MINUTE: "2" }, now: () => now });
    try {
      expect((await ask({ q: "第一条" }, {}, server)).status).toBe(200);
      const second = await ask({ q: "第二条" }, {}, server);
      expect(second.headers.get("ratelimit-remaining")).toBe("0");
      const third = await ask({ q: "第三条" }, {}, server);
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe("RATE_LIMITED");
      expect(third.headers.get("retry-after")).toBe("30");
      // Look-ups have their own, larger budget.
      expect((await call("get", "/api/laws", "/api/laws", undefined, {}, server)).status).toBe(200);
      now += 30_000;
      expect((await ask({ q: "第三条" }, {}, server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("counts per client: behind a trusted proxy, by X-Forwarded-For", async () => {
    const server = await setup({ env: { RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "loopback" } });
    try {
      const from = (ip: string) => ({ "X-Forwarded-For": ip });
      expect((await ask({ q: "第一条" }, from("203.0.113.1"), server)).status).toBe(200);
      expect((await ask({ q: "第一条" }, from("203.0.113.1"), server)).status).toBe(429);
      expect((await ask({ q: "第一条" }, from("203.0.113.2"), server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("limits look-ups by LOOKUP_RATE_LIMIT_PER_MINUTE", async () => {
    const server = await setup({ env: { LOOKUP_RATE_LIMIT_PER_MINUTE: "1" } });
    try {
      expect((await call("get", "/api/departments", "/api/departments", undefined, {}, server)).status).toBe(
        200,
      );
      expect((await call("get", "/api/departments", "/api/departments", undefined, {}, server)).status).toBe(
        429,
      );
    } finally {
      await server.close();
    }
  });
});

describe("security headers and CORS", () => {
  const csp = (res: Response) => res.headers.get("content-security-policy") ?? "";

  it("sends a strict CSP everywhere; only the widget may be framed by FRAME_ANCESTORS", async () => {
    const server = await setup({ env: { FRAME_ANCESTORS: "https://www.datong.example" } });
    try {
      for (const path of ["/", "/widget"]) {
        const res = await fetch(`${server.url}${path}`);
        expect(csp(res)).toContain("frame-ancestors 'self' https://www.datong.example");
        expect(res.headers.get("x-frame-options")).toBeNull();
      }
      for (const path of ["/console", "/api/laws", "/healthz"]) {
        const res = await fetch(`${server.url}${path}`);
        expect(csp(res)).toContain("frame-ancestors 'self'");
        expect(csp(res)).not.toContain("datong");
        expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      }
      const page = csp(await fetch(`${server.url}/`));
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
      ]) {
        expect(page).toContain(directive);
      }
      expect(page).not.toContain("unsafe-inline");
    } finally {
      await server.close();
    }
  });

  it("serves /embed.js for use from other origins", async () => {
    const res = await fetch(`${main.url}/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("allows CORS only for ALLOWED_ORIGINS", async () => {
    const server = await setup({ env: { ALLOWED_ORIGINS: "https://app.datong.example" } });
    try {
      const allowed = await post(
        `${server.url}/api/ask`,
        { q: "第三十条" },
        { Origin: "https://app.datong.example" },
      );
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.datong.example");
      const other = await post(
        `${server.url}/api/ask`,
        { q: "第三十条" },
        { Origin: "https://evil.example" },
      );
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const preflight = await fetch(`${server.url}/api/ask`, {
        method: "OPTIONS",
        headers: {
          Origin: "https://app.datong.example",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    } finally {
      await server.close();
    }
    const none = await post(
      `${main.url}/api/ask`,
      { q: "第三十条" },
      { Origin: "https://app.datong.example" },
    );
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("fills the hotline into the pages, escaped", async () => {
    const server = await setup({ env: { HOTLINE: "0352-12345 <b>" } });
    try {
      const html = await (await fetch(`${server.url}/widget`)).text();
      expect(html).toContain('href="tel:035212345"');
      expect(html).toContain('0352-12345 &lt;b&gt; <span data-label="hotline">市民服务热线</span>');
      expect(html).not.toContain("{{");
    } finally {
      await server.close();
    }
  });
});

describe("errors and mounted routes", () => {
  it("answers unknown paths with a JSON 404", async () => {
    const res = await fetch(`${main.url}/no/such/page`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "NOT_FOUND", message: "nothing at GET /no/such/page: see /api/openapi.json" },
    });
  });

  it("runs mounted routes with their raw bodies, and turns their failures into a plain 500", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "error" },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    let mountedBot: Promise<Bot> | undefined;
    const mount = (app: Express, ready: Promise<Bot>) => {
      mountedBot = ready;
      app.post("/wechat", (req, res) => {
        let raw = "";
        req.setEncoding("utf8");
        req.on("data", (c: string) => {
          raw += c;
        });
        req.on("end", () => res.type("text/xml").send(`<echo>${raw.length}</echo>`));
      });
      app.get("/boom", () => {
        throw new Error("secret detail at /srv/tiaowen/src/x.ts:12");
      });
    };
    const server = await setup({ mount, logger });
    try {
      const xml = "<xml><Content>第三十条</Content></xml>";
      const echoed = await fetch(`${server.url}/wechat`, {
        method: "POST",
        body: xml,
        headers: { "Content-Type": "text/xml" },
      });
      expect(await echoed.text()).toBe(`<echo>${xml.length}</echo>`);
      const boom = await fetch(`${server.url}/boom`);
      expect(boom.status).toBe(500);
      expect(await boom.text()).toBe('{"error":{"code":"INTERNAL","message":"internal error"}}');
      expect(lines.join("")).toContain("secret detail");
      expect(await mountedBot).toBe(bot);
    } finally {
      await server.close();
    }
  });
});

describe("logging", () => {
  it("writes an access log line per request at LOG_LEVEL debug", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "debug" },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const server = await setup({ logger });
    try {
      await fetch(`${server.url}/healthz`);
      await server.close();
      const entry = lines.map((l) => JSON.parse(l)).find((e) => e.msg === "request");
      expect(entry).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
    } finally {
      await server.close();
    }
  });
});

describe("trustProxySetting", () => {
  it("reads TRUST_PROXY as express understands it", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("true")).toBe(true);
    expect(trustProxySetting("2")).toBe(2);
    expect(trustProxySetting("loopback, 10.0.0.0/8")).toBe("loopback, 10.0.0.0/8");
  });
});
