import { beforeAll, describe, expect, it } from "vitest";
import { createContactDirectory } from "../../src/conversation/contacts.js";
import { type ConversationOptions, createConversation } from "../../src/conversation/service.js";
import { createSessionQuota } from "../../src/conversation/session-quota.js";
import { type Answer, type Bot, createBot, relatedArticle, renderText } from "../../src/mod.js";
import { createBotHolder, NotReadyError } from "../../src/ops/bot-holder.js";
import { createMemoryStore } from "../../src/state/store.js";
import { createTestTracker } from "../helpers/tracker.js";

const LAW = "ff808081736bb19d01744e08caa80dd3";
/** A question the core is unsure of on the seed: its graded answer offers the closest provisions. */
const UNSURE = "空气质量谁来监测";
/** A question the seed refuses outright, to which the wrapped bot below adds two candidates. */
const REFUSED = "离婚财产怎么分";

let bot: Bot;
let unsure: Bot;
beforeAll(async () => {
  bot = await createBot();
  unsure = withCandidates(bot);
});

/**
 * The seed bot, except that its refusal of {@link REFUSED} offers 第二十二条 and 第三十条 as
 * candidates: a fixed offer, so that the service's handling of any offer is checked apart from
 * what the core's grading picks.
 */
function withCandidates(core: Bot): Bot {
  const offer = [22, 30].map((n) =>
    relatedArticle(core.entry(LAW, n) as NonNullable<ReturnType<Bot["entry"]>>),
  );
  return Object.assign(Object.create(core) as Bot, {
    ask: (question: unknown, context?: Answer["context"]) => {
      const answer = core.ask(question, context);
      if (question !== REFUSED) return answer;
      const parts = { ...answer, candidates: offer };
      return { ...parts, text: renderText(parts) };
    },
  });
}

function setup(options: Partial<ConversationOptions> = {}) {
  const store = createMemoryStore<unknown>();
  const t = createTestTracker(() => bot);
  const conversation = createConversation({ bot, store, tracker: t.tracker, ...options });
  return { conversation, store, t };
}

describe("createConversation: ask", () => {
  it("keeps each resident's context per channel, so 下一条 follows their own article", async () => {
    const { conversation, store } = setup();
    await conversation.ask("http", "s1", "第三十条");
    await conversation.ask("telegram", "s1", "第五条");
    expect((await conversation.ask("http", "s1", "下一条")).answer.citations[0]?.article).toBe(31);
    expect((await conversation.ask("telegram", "s1", "下一条")).answer.citations[0]?.article).toBe(6);
    expect((await conversation.ask("http", "s2", "下一条")).answer.answered).toBe(false);
    expect(await store.read("http:session:s1")).toEqual({ context: { lawId: LAW, article: 31 } });
    expect(await store.read("tg:chat:s1")).toEqual({ context: { lawId: LAW, article: 6 } });
  });

  it("answers typed requests: an article of a named law, help, a follow-up, and refuses an unknown law", async () => {
    const { conversation } = setup();
    const article = await conversation.ask("http", "s1", { kind: "article", lawId: LAW, article: 12 });
    expect(article.answer.citations[0]).toMatchObject({ lawId: LAW, article: 12 });
    const next = await conversation.ask("http", "s1", { kind: "followUp", facet: "next" });
    expect(next.answer.citations[0]?.article).toBe(13);
    expect((await conversation.ask("http", "s1", { kind: "help" })).answer.intent).toBe("help");
    await expect(
      conversation.ask("http", "s1", { kind: "article", lawId: "nope", article: 1 }),
    ).rejects.toMatchObject({
      code: "UNKNOWN_LAW",
    });
  });

  it("answers in the context an API client passes instead of the stored one", async () => {
    const { conversation } = setup();
    await conversation.ask("http", "s1", "第三十条");
    const { answer } = await conversation.ask("http", "s1", "下一条", {
      context: { lawId: LAW, article: 5 },
    });
    expect(answer.citations[0]?.article).toBe(6);
  });

  it("gives an id to answers worth rating, not to greetings, help or empty input", async () => {
    const { conversation } = setup();
    expect((await conversation.ask("http", "s1", "第三十条")).answerId).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect((await conversation.ask("http", "s1", "怎么办护照")).answerId).toBeDefined();
    expect((await conversation.ask("http", "s1", "你好")).answerId).toBeUndefined();
    expect((await conversation.ask("http", "s1", { kind: "help" })).answerId).toBeUndefined();
    expect((await conversation.ask("http", "s1", "？？")).answerId).toBeUndefined();
  });

  it("records console questions apart from residents'", async () => {
    const { conversation, t } = setup();
    await conversation.ask("console", "desk-1", "谁负责舌尖安全");
    const [record] = await t.records();
    expect(record).toMatchObject({ kind: "unanswered", channel: "console" });
  });

  it("says the bot is not ready while it is being built", async () => {
    let release: (b: Bot) => void = () => {};
    const holder = createBotHolder(() => new Promise<Bot>((r) => (release = r)));
    const conversation = createConversation({ bot: holder });
    await expect(conversation.ask("http", undefined, "第三十条")).rejects.toBeInstanceOf(NotReadyError);
    release(bot);
    await holder.ready;
    expect((await conversation.ask("http", undefined, "第三十条")).answer.answered).toBe(true);
  });

  it("answers a repeated question from its cache, and afresh after a reload", async () => {
    let serving = bot;
    const holder = {
      ...createBotHolder(async () => bot),
      current: () => serving,
      state: () => "ready" as const,
    };
    const conversation = createConversation({ bot: holder });
    const first = await conversation.ask("http", undefined, "城市APP有哪些功能？");
    expect((await conversation.ask("http", undefined, "城市APP有哪些功能？")).answer).toBe(first.answer);
    serving = withCandidates(bot);
    expect((await conversation.ask("http", undefined, "城市APP有哪些功能？")).answer).not.toBe(first.answer);
  });
});

describe("createConversation: sessions per client", () => {
  it("forgets a client's oldest conversations beyond its quota, never another client's", async () => {
    const { conversation, store } = setup({ sessionQuota: createSessionQuota({ perClient: 2 }) });
    await conversation.ask("http", "resident", "第三十条", { client: "198.51.100.2" });
    for (const s of ["f1", "f2", "f3"])
      await conversation.ask("http", s, "第五条", { client: "203.0.113.7" });
    expect(await store.read("http:session:f1")).toBeUndefined();
    expect(await store.read("http:session:f3")).toEqual({ context: { lawId: LAW, article: 5 } });
    expect((await conversation.ask("http", "resident", "下一条")).answer.citations[0]?.article).toBe(31);
  });

  it("frees a place when a conversation ends with nothing to remember, and caps no asker without a client", async () => {
    const { conversation, store } = setup({ sessionQuota: createSessionQuota({ perClient: 2 }) });
    const from = { client: "203.0.113.7" };
    await conversation.ask("http", "a", "第五条", from);
    await conversation.ask("http", "b", "第六条", from);
    // A greeting in an empty context (the client passed {} back) leaves b with nothing to
    // remember: deleted, and no longer counted.
    await conversation.ask("http", "b", "你好", { ...from, context: {} });
    expect(await store.read("http:session:b")).toBeUndefined();
    await conversation.ask("http", "c", "第七条", from);
    expect(await store.read("http:session:a")).toEqual({ context: { lawId: LAW, article: 5 } });
    for (const s of ["t1", "t2", "t3"]) await conversation.ask("telegram", s, "第八条");
    expect(await store.read("tg:chat:t1")).toEqual({ context: { lawId: LAW, article: 8 } });
  });
});

describe("createConversation: candidates and numbered replies", () => {
  it("remembers the provisions the core offers on WeChat, so that a number picks one", async () => {
    const { conversation } = setup();
    const { answer } = await conversation.ask("wechat", "o1", UNSURE);
    expect(answer.answered).toBe(false);
    const offered = answer.candidates.map((c) => ({ lawId: c.lawId, article: c.article }));
    expect(offered.length).toBeGreaterThan(1);
    expect((await conversation.state("wechat", "o1")).offered).toEqual(offered);
    const picked = await conversation.ask("wechat", "o1", { kind: "choice", number: 2 });
    expect(picked.answer.citations[0]).toMatchObject(offered[1] ?? {});
    expect((await conversation.state("wechat", "o1")).offered).toBeUndefined();
  });

  it("remembers a fixed offer in its order, so that a number picks that one", async () => {
    const { conversation } = setup({ bot: unsure });
    const { answer } = await conversation.ask("wechat", "o1", REFUSED);
    expect(answer.candidates.map((c) => c.article)).toEqual([22, 30]);
    expect((await conversation.state("wechat", "o1")).offered).toEqual([
      { lawId: LAW, article: 22 },
      { lawId: LAW, article: 30 },
    ]);
    const picked = await conversation.ask("wechat", "o1", { kind: "choice", number: 2 });
    expect(picked.answer.citations[0]?.article).toBe(30);
    expect((await conversation.state("wechat", "o1")).offered).toBeUndefined();
  });

  it("answers a candidate button with that provision and follows on from it", async () => {
    const { conversation } = setup();
    const { answer } = await conversation.ask("telegram", "c1", UNSURE);
    const first = answer.candidates[0];
    if (!first) throw new Error(`the seed offers no candidates for ${UNSURE}`);
    // Telegram's buttons carry the provision: only numbered channels remember the offer.
    expect((await conversation.state("telegram", "c1")).offered).toBeUndefined();
    const picked = await conversation.ask("telegram", "c1", {
      kind: "candidate",
      lawId: first.lawId,
      article: first.article,
    });
    expect(picked.answer.citations[0]).toMatchObject({ lawId: first.lawId, article: first.article });
    expect((await conversation.ask("telegram", "c1", "下一条")).answer.citations[0]?.article).toBe(
      first.article + 1,
    );
  });

  it("rates the last answer of a numbered channel once", async () => {
    const { conversation, t } = setup();
    expect(await conversation.rateLast("wechat", "o1", "up")).toBeUndefined();
    await conversation.ask("wechat", "o1", "第三十条讲什么");
    expect(await conversation.rateLast("wechat", "o1", "down")).toEqual({ outcome: "recorded", lang: "zh" });
    expect(await conversation.rateLast("wechat", "o1", "up")).toEqual({ outcome: "repeated", lang: "zh" });
    expect((await t.records()).map((r) => r.kind)).toEqual(["rating"]);
  });
});

describe("createConversation: contacts", () => {
  // A clearly fictitious office: the shipped directory is empty, and no real number is made up.
  const contacts = createContactDirectory([
    {
      department: "市场监督管理部门",
      office: "示例市市场监督管理局（测试用，虚构）",
      phone: "000-0000000",
      hours: "工作日 9:00–17:00",
    },
  ]);

  it("adds the city's office for a department the answer names, to the fields and the text", async () => {
    const { conversation } = setup({ contacts });
    const { answer } = await conversation.ask("http", undefined, "谁负责食品安全监管？");
    expect(answer.contacts).toEqual([
      {
        department: "市场监督管理部门",
        office: "示例市市场监督管理局（测试用，虚构）",
        phone: "000-0000000",
        address: null,
        web: null,
        hours: "工作日 9:00–17:00",
      },
    ]);
    expect(answer.text).toContain(
      "联系（市场监督管理部门）：示例市市场监督管理局（测试用，虚构），电话 000-0000000",
    );
  });

  it("adds nothing without a directory, or when the answer names no listed department", async () => {
    expect(
      (await setup().conversation.ask("http", undefined, "谁负责食品安全监管？")).answer.contacts,
    ).toEqual([]);
    const { conversation } = setup({ contacts });
    expect((await conversation.ask("http", undefined, "条例什么时候施行？")).answer.contacts).toEqual([]);
  });
});
