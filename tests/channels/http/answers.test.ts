/**
 * Every kind of Answer the API gives, with the ten laws of the test corpus beside the seed,
 * checked against the OpenAPI document the server publishes: the schema and the answers come
 * from one source (answer/schema.ts), and this is where a drift would show.
 */
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, ROOT } from "../../helpers/fixtures.js";
import { post } from "../../helpers/http-server.js";
import { type RuntimeServer, startRuntimeServer } from "../../helpers/runtime.js";

const SPEC_ID = "https://tiaowen.test/openapi.json";
const HOME = "ff808081736bb19d01744e08caa80dd3";

let running: RuntimeServer;
let check: (body: unknown) => string | undefined;
let shanghai: string;

beforeAll(async () => {
  running = await startRuntimeServer({ CORPUS_DIRS: `${join(ROOT, "seeds")},${CORPUS_DIR}` });
  const base = running.server.url;
  const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  const validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/Answer` });
  check = (body) => (validate(body) ? undefined : ajv.errorsText(validate.errors));
  const laws = (await (await fetch(`${base}/api/laws`)).json()) as {
    laws: Array<{ id: string; title: string }>;
  };
  shanghai = laws.laws.find((l) => l.title === "上海市数据条例")?.id ?? "";
}, 60_000);
afterAll(async () => {
  await running?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: validated against the schema before fields are read.
async function ask(body: Record<string, unknown>): Promise<any> {
  const res = await post(`${running.server.url}/api/ask`, body);
  expect(res.status).toBe(200);
  const answer = await res.json();
  expect(check(answer), JSON.stringify(body)).toBeUndefined();
  return answer;
}

describe("POST /api/ask with ten laws: every Answer matches the published schema", () => {
  it.each([
    ["greeting", "你好"],
    ["help", "帮助"],
    ["article_lookup", "第三十条"],
    ["topic", "数据共享有什么规定"],
    ["responsibility", "谁负责食品安全监管？"],
    ["metadata", "条例是谁批准的"],
    ["structure", "条例一共有几章"],
    ["responsibility", "Who handles food safety monitoring?"],
  ])("%s: %s", async (intent, q) => {
    expect((await ask({ q })).intent).toBe(intent);
  });

  it("a refusal that offers a provision of another law (elsewhere)", async () => {
    const answer = await ask({ q: "数据交易所" });
    expect(answer.answered).toBe(false);
    expect(answer.elsewhere.length).toBeGreaterThan(0);
    expect(answer.elsewhere[0].lawId).not.toBe(HOME);
  });

  it("an unsure answer that offers the closest provisions (candidates), and one of them asked for", async () => {
    const answer = await ask({ q: "空气质量谁来监测" });
    expect(answer.answered).toBe(false);
    expect(answer.candidates.length).toBeGreaterThan(1);
    const { lawId, article } = answer.candidates[0];
    const picked = await ask({ request: { kind: "candidate", lawId, article } });
    expect(picked.citations[0]).toMatchObject({ lawId, article });
  });

  it("follow-ups: by session, by context passed back, and as a typed request", async () => {
    const session = "answers-test-1";
    await ask({ q: "第三十条", session });
    expect((await ask({ q: "下一条", session })).citations[0].article).toBe(31);
    expect((await ask({ q: "下一条", context: { lawId: HOME, article: 5 } })).citations[0].article).toBe(6);
    const typed = await ask({ request: { kind: "followUp", facet: "previous" }, session });
    expect(typed.citations[0].article).toBe(30);
  });

  it("typed requests: an article of another law, a candidate, help", async () => {
    const article = await ask({ request: { kind: "article", lawId: shanghai, article: 56 } });
    expect(article.citations[0]).toMatchObject({ lawId: shanghai, article: 56, law: "上海市数据条例" });
    const candidate = await ask({ request: { kind: "candidate", lawId: HOME, article: 22 } });
    expect(candidate.citations[0].article).toBe(22);
    expect((await ask({ request: { kind: "help" } })).intent).toBe("help");
  });

  it("refuses a typed request for a law that is not loaded with 404, and unknown fields with 400", async () => {
    const missing = await post(`${running.server.url}/api/ask`, {
      request: { kind: "article", lawId: "gone", article: 1 },
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("LAW_NOT_FOUND");
    const extra = await post(`${running.server.url}/api/ask`, { q: "第三十条", lang: "en" });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { code: string } }).error.code).toBe("UNKNOWN_FIELD");
    const badContext = await post(`${running.server.url}/api/ask`, {
      q: "下一条",
      context: { article: "5" },
    });
    expect(((await badContext.json()) as { error: { code: string } }).error.code).toBe("BAD_CONTEXT");
  });
});
