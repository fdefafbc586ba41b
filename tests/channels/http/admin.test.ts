/**
 * The staff routes through a real server: the token check (the same 401 for everything without
 * it), the review of what residents asked, and the reload that makes an added synonym answer.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_CONFIDENCE } from "../../../src/bot.js";
import { ADMIN_REALM } from "../../../src/channels/http/admin.js";
import { openApiDocument } from "../../../src/channels/http/openapi.js";
import { post } from "../../helpers/http-server.js";
import { copyIntents } from "../../helpers/intents.js";
import { type RuntimeServer, startRuntimeServer } from "../../helpers/runtime.js";

const TOKEN = "adm-7f3c9e1a2b4d6f80a1c3e5g7";
const QUESTION = "谁负责舌尖安全";

let s: RuntimeServer;
let intents: ReturnType<typeof copyIntents>;

beforeAll(async () => {
  intents = copyIntents();
  s = await startRuntimeServer({ ADMIN_TOKEN: TOKEN, INTENTS_DIR: intents.dir });
});
afterAll(async () => {
  await s?.close();
});

/** A request to the server with the admin token, another token, or (null) none. */
/** Checks a body against a schema of the OpenAPI document the server publishes. */
function conforms(schema: string, body: unknown): void {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...openApiDocument, $id: "https://tiaowen.test/openapi.json" });
  const check = ajv.compile({ $ref: `https://tiaowen.test/openapi.json#/components/schemas/${schema}` });
  if (!check(body)) throw new Error(`${schema}: ${ajv.errorsText(check.errors)}`);
}

const admin = (path: string, init: RequestInit = {}, token: string | null = TOKEN) =>
  fetch(`${s.server.url}${path}`, {
    ...init,
    headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...init.headers },
  });

describe("requireAdmin", () => {
  it("answers 401, the same way, to every request without the right token", async () => {
    const bodies = new Set<string>();
    for (const [path, method, token] of [
      ["/admin/review", "GET", null],
      ["/admin/review", "GET", "wrong-token"],
      ["/admin/review", "GET", `${TOKEN}x`],
      ["/admin/reload", "POST", null],
      ["/admin/nothing-here", "GET", null],
      ["/admin", "DELETE", "wrong-token"],
    ] as const) {
      const res = await admin(path, { method }, token);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe(`Bearer realm="${ADMIN_REALM}"`);
      bodies.add(await res.text());
    }
    expect([...bodies]).toEqual([
      JSON.stringify({
        error: {
          code: "UNAUTHORIZED",
          message: "send the admin token as Authorization: Bearer <ADMIN_TOKEN>",
        },
      }),
    ]);
  });

  it("takes the token as a bearer token only", async () => {
    const res = await fetch(`${s.server.url}/admin/review?token=${TOKEN}`, {
      headers: { Authorization: TOKEN },
    });
    expect(res.status).toBe(401);
  });

  it("with the token, an unknown path is an ordinary 404", async () => {
    expect((await admin("/admin/nothing-here")).status).toBe(404);
  });

  it("refuses everything when no ADMIN_TOKEN is configured", async () => {
    const open = await startRuntimeServer({});
    try {
      for (const token of [undefined, "", "undefined", TOKEN]) {
        const res = await fetch(`${open.server.url}/admin/review`, {
          headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(401);
      }
    } finally {
      await open.close();
    }
  });
});

describe("createAdminRouter", () => {
  it("reviews what residents asked: unanswered and down-voted questions, grouped, with candidates", async () => {
    for (const q of [QUESTION, "誰負責舌尖安全", QUESTION]) {
      await post(`${s.server.url}/api/ask`, { q, session: `resident-${q.length}` });
    }
    const good = await post(`${s.server.url}/api/ask`, { q: "第三十条讲什么" });
    const answerId = good.headers.get("x-answer-id") ?? "";
    await post(`${s.server.url}/api/feedback`, { answerId, rating: "down" });

    const res = await admin("/admin/review");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const review = (await res.json()) as { from: string; to: string; groups: Array<Record<string, unknown>> };
    conforms("Review", review);
    expect(Date.parse(review.to) - Date.parse(review.from)).toBeGreaterThanOrEqual(6 * 86_400_000);
    const [first, second] = review.groups;
    expect(first).toMatchObject({
      normalized: QUESTION,
      examples: ["誰負責舌尖安全", QUESTION],
      counts: { unanswered: 3, lowConfidence: 0, down: 0, up: 0 },
      total: 3,
      residents: 1,
      channels: { http: 3 },
      now: { answered: false, intent: "responsibility" },
    });
    expect((first as { now: { confidence: number } }).now.confidence).toBeLessThanOrEqual(MIN_CONFIDENCE);
    expect(((first?.candidates ?? []) as unknown[]).length).toBeGreaterThan(0);
    expect(second).toMatchObject({ normalized: "第三十条讲什么", counts: { down: 1 } });
  });

  it("refuses a malformed range", async () => {
    const res = await admin("/admin/review?from=2024-13-01");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BAD_DATE");
  });

  it("reloads: an added synonym answers at once, on every channel's next question", async () => {
    intents.addSynonym();
    const res = await admin("/admin/reload", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      reloaded: true,
      generation: 2,
      laws: 1,
      articles: 45,
      others: 0,
    });
    const answer = (await (await post(`${s.server.url}/api/ask`, { q: QUESTION })).json()) as {
      citations: Array<{ label: string }>;
    };
    expect(answer.citations[0]?.label).toBe("第三十条");
    const review = (await (await admin("/admin/review")).json()) as {
      groups: Array<Record<string, unknown>>;
    };
    expect(review.groups[0]).toMatchObject({
      normalized: QUESTION,
      now: { answered: true, citation: "第三十条" },
    });
  });

  it("keeps the previous vocabulary answering when the edited one is broken, and says why", async () => {
    intents.breakSynonyms();
    const res = await admin("/admin/reload", { method: "POST" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    conforms("Error", body);
    expect(body.error.code).toBe("RELOAD_FAILED");
    expect(body.error.message).toMatch(/previous one is still answering: .*synonyms\.yaml: not valid YAML/);
    const answer = (await (await post(`${s.server.url}/api/ask`, { q: QUESTION })).json()) as {
      answered: boolean;
    };
    expect(answer.answered).toBe(true);
    intents.restore();
  });
});
