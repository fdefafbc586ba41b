import { beforeAll, describe, expect, it } from "vitest";
import type { QuestionMessage, WechatMessage } from "../../../src/channels/wechat/message.js";
import {
  createWechatResponder,
  DEDUP_TTL_MS,
  ONLY_TEXT_REPLY,
  WELCOME_LEAD,
  type WechatLogger,
  type WechatRecord,
  type WechatResponderOptions,
} from "../../../src/channels/wechat/responder.js";
import { describeRequest } from "../../../src/conversation/requests.js";
import { type Conversation, createConversation } from "../../../src/conversation/service.js";
import {
  type Bot,
  type ConversationContext,
  createBot,
  relatedArticle,
  renderText,
} from "../../../src/mod.js";
import type { AnswerTracker } from "../../../src/ops/answer-tracker.js";
import { createMemoryStore, type KeyValueStore } from "../../../src/state/store.js";
import { createTestTracker } from "../../helpers/tracker.js";

let bot: Bot;
beforeAll(async () => {
  bot = await createBot();
});

const ACCOUNT = "gh_3f2a1b0c9d8e";
let msgIds = 24523658924125736181n;

/** A text message from `user`, with a fresh MsgId unless one is given. */
function text(question: string, user = "oResidentA", msgId = String(msgIds++)): QuestionMessage {
  return {
    kind: "question",
    account: ACCOUNT,
    user,
    createTime: "1710000000",
    question,
    via: "text",
    dedupKey: `msg:${msgId}`,
  };
}

function event(name: string, user = "oResidentA"): WechatMessage {
  return {
    kind: "event",
    account: ACCOUNT,
    user,
    createTime: "1710000001",
    event: name,
    dedupKey: `event:${user}:1710000001:${name}`,
  };
}

/** A gate an answer waits at: the "deliberately slow" answer, released by the test, not a clock. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** How the tests steer answering: slow it down, make it hang or fail, per question. */
type Steer = (question: string) => Promise<void> | undefined;

/** A conversation service over the seed bot that notes each question and may be steered. */
function conversationFor(
  store: KeyValueStore<unknown>,
  options: { tracker?: AnswerTracker; hotline?: string; steer?: Steer; core?: Bot } = {},
) {
  const asked: Array<{ question: string; context: ConversationContext }> = [];
  const base = createConversation({
    bot: options.core ?? bot,
    store,
    ...(options.tracker ? { tracker: options.tracker } : {}),
    ...(options.hotline ? { hotline: options.hotline } : {}),
  });
  const conversation: Conversation = {
    ...base,
    async ask(channel, user, input, opts) {
      const question = typeof input === "string" ? input : describeRequest(input);
      const { context } = user === undefined ? { context: {} } : await base.state(channel, user);
      asked.push({ question, context });
      await options.steer?.(question);
      return base.ask(channel, user, input, opts);
    },
  };
  return { conversation, asked };
}

function setup(
  options: Partial<Omit<WechatResponderOptions, "conversation">> & {
    slow?: Promise<void>;
    steer?: Steer;
    tracker?: AnswerTracker;
    hotline?: string;
    core?: Bot;
  } = {},
) {
  const errors: string[] = [];
  const logger: WechatLogger = { warn() {}, error: (_d, message) => errors.push(message) };
  const store = options.store ?? createMemoryStore<WechatRecord>();
  const steer = options.steer ?? (options.slow ? () => options.slow : undefined);
  const { conversation, asked } = conversationFor(store as KeyValueStore<unknown>, {
    ...options,
    ...(steer ? { steer } : {}),
  });
  const responder = createWechatResponder({ conversation, logger, ...options, store });
  return { responder, asked, errors, store, conversation };
}

const APOLOGY = "抱歉，处理您的消息时出了点问题，请稍后再试；急事请拨打12345市民服务热线。";
const RATING_HINT = {
  zh: "\n\n回复1表示有帮助，回复2表示没帮助",
  en: "\n\nReply 1 if this helped, 2 if it did not.",
};

describe("createWechatResponder", () => {
  it("answers a question with the core's answer rendered for WeChat", async () => {
    const { responder } = setup();
    const reply = await responder.reply(text("谁负责食品安全监管？"));
    expect(reply).toContain("负责的是市、县（区）人民政府市场监督管理部门");
    expect(reply).toContain("出处：《大同市智慧城市促进条例》第三十条（第四章 智慧治理）");
  });

  it("keeps each resident's follow-up context apart", async () => {
    const { responder } = setup();
    await responder.reply(text("第三十条", "oResidentA"));
    const next = await responder.reply(text("下一条", "oResidentA"));
    expect(next).toContain("《大同市智慧城市促进条例》第三十一条");
    // (The core does not yet read "那由哪个部门负责？" as a follow-up; "那谁负责？" it does.)
    const department = await responder.reply(text("那谁负责？", "oResidentA"));
    expect(department).toContain("根据《大同市智慧城市促进条例》第三十一条");
    expect(await responder.reply(text("下一条", "oResidentB"))).toBe(bot.ask("下一条").text);
  });

  it("answers a retry of the same MsgId once, with the same reply", async () => {
    const { responder, asked } = setup();
    const first = text("第三十条", "oResidentA", "7000000000000000001");
    const a = await responder.reply(first);
    const b = await responder.reply({ ...first });
    expect(b).toBe(a);
    expect(asked).toHaveLength(1);
  });

  it("replies nothing when the answer misses the budget, and gives the finished answer to the retry", async () => {
    const slow = gate();
    const { responder, asked } = setup({ replyBudgetMs: 150, slow: slow.opened });
    const message = text("谁负责食品安全监管？", "oResidentA", "7000000000000000002");
    expect(await responder.reply(message)).toBeUndefined();
    slow.open();
    await responder.settled();
    const retry = await responder.reply({ ...message });
    expect(retry).toContain("负责的是市、县（区）人民政府市场监督管理部门");
    expect(asked).toHaveLength(1);
  });

  it("joins a retry that arrives while the first answer is still in progress", async () => {
    const slow = gate();
    const { responder, asked } = setup({ replyBudgetMs: 150, slow: slow.opened });
    const message = text("第三十条", "oResidentA", "7000000000000000003");
    const first = responder.reply(message);
    const second = responder.reply({ ...message });
    expect(await first).toBeUndefined();
    expect(await second).toBeUndefined();
    slow.open();
    await responder.settled();
    expect(await responder.reply({ ...message })).toContain("第三十条");
    expect(asked).toHaveLength(1);
  });

  it("takes a resident's messages in order, so a follow-up waits for the question before it", async () => {
    const slow = gate();
    const { responder, asked } = setup({ steer: (q) => (q === "第三十条" ? slow.opened : undefined) });
    const first = responder.reply(text("第三十条"));
    const next = responder.reply(text("下一条"));
    slow.open();
    await first;
    expect(await next).toContain("第三十一条");
    expect(asked.map((a) => a.question)).toEqual(["第三十条", "下一条"]);
  });

  it("gives up an answer that never comes, so the resident's next message is answered", async () => {
    const never = new Promise<never>(() => {});
    const { responder } = setup({
      steer: (q) => (q === "第三十条" ? never : undefined),
      answerTimeoutMs: 50,
    });
    const stuck = responder.reply(text("第三十条"));
    const next = responder.reply(text("第三十一条"));
    expect(await stuck).toBe(APOLOGY);
    expect(await next).toContain("第三十一条");
  });

  it("shares processed messages with another instance through the store", async () => {
    const store = createMemoryStore<WechatRecord>();
    const slow = gate();
    const a = setup({ store, slow: slow.opened, replyBudgetMs: 150 });
    const b = setup({ store, replyBudgetMs: 4000 });
    const message = text("第三十条", "oResidentA", "7000000000000000004");
    expect(await a.responder.reply(message)).toBeUndefined();
    const retryOnB = b.responder.reply({ ...message });
    slow.open();
    expect(await retryOnB).toContain("第三十条");
    expect(b.asked).toHaveLength(0);
  });

  it("welcomes new followers with example questions, and says nothing on unsubscribe or menu events", async () => {
    const { responder } = setup();
    const welcome = await responder.reply(event("subscribe"));
    expect(welcome?.startsWith(WELCOME_LEAD)).toBe(true);
    expect(welcome).toContain("谁负责食品安全监管？");
    expect(await responder.reply(event("unsubscribe"))).toBeUndefined();
    expect(await responder.reply(event("click"))).toBeUndefined();
  });

  it("takes a configured welcome as is", async () => {
    const { responder } = setup({ welcome: "欢迎！" });
    expect(await responder.reply(event("subscribe"))).toBe("欢迎！");
  });

  it("asks for text when given an image, video, location or link", async () => {
    const { responder } = setup();
    const image: WechatMessage = { ...text(""), kind: "unsupported", msgType: "image" };
    expect(await responder.reply(image)).toBe(ONLY_TEXT_REPLY);
  });

  it("apologises with the hotline when answering fails, and logs it", async () => {
    const { responder, errors } = setup({
      hotline: "0352-12345",
      steer: () => {
        throw new Error("index unavailable");
      },
    });
    const message = text("第三十条");
    const reply = await responder.reply(message);
    expect(reply).toBe(APOLOGY.replace("12345", "0352-12345"));
    expect(await responder.reply({ ...message })).toBe(reply);
    expect(errors).toEqual(["wechat: answering failed"]);
  });

  it("sends the rest of a cut reply on “全文” or “更多”, then lets the core take “全文” again", async () => {
    const { responder } = setup({ maxReplyBytes: 600 });
    const first = await responder.reply(text("第六条"));
    expect(first?.endsWith("回复“全文”查看完整条文")).toBe(true);
    const rest = await responder.reply(text("全文"));
    expect(rest?.startsWith("（续）")).toBe(true);
    expect(rest).toContain("（六）建立考核评估机制，落实智慧城市推进责任。");
    // The rest is spent: now "全文" is the core's "whole article" of the context (article 6).
    const whole = await responder.reply(text("全文"));
    expect(whole?.startsWith("《大同市智慧城市促进条例》第六条（第一章 总则）全文如下：")).toBe(true);

    await responder.reply(text("第六条", "oResidentC"));
    expect(await responder.reply(text("更多", "oResidentC"))).toBe(rest);
  });

  it("forgets a kept rest when the next question is asked", async () => {
    const { responder } = setup({ maxReplyBytes: 600 });
    await responder.reply(text("第六条"));
    await responder.reply(text("第三十条"));
    expect(await responder.reply(text("全文"))).toContain("第三十条");
  });

  it("ignores a store record of the wrong kind", async () => {
    const store: KeyValueStore<WechatRecord> = createMemoryStore<WechatRecord>();
    await store.write("wechat:rest:oResidentA", { kind: "reply", content: "stray" });
    await (store as KeyValueStore<unknown>).write("wechat:session:oResidentA", { kind: "reply", context: 7 });
    const { responder } = setup({ store });
    expect(await responder.reply(text("下一条"))).toBe(bot.ask("下一条").text);
  });
});

describe("createWechatResponder with a tracker: ratings by 1 and 2", () => {
  function rated() {
    const t = createTestTracker(() => bot);
    return { ...setup({ tracker: t.tracker, hotline: "0352-12345" }), t };
  }

  it("ends each answer with the invitation to rate it, within WeChat's 2048 bytes", async () => {
    const { responder } = rated();
    const reply = (await responder.reply(text("第三十条"))) ?? "";
    expect(reply.endsWith(RATING_HINT.zh)).toBe(true);
    expect(Buffer.byteLength(reply)).toBeLessThanOrEqual(2048);
    const long = (await responder.reply(text("第四条"))) ?? "";
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(2048);
    expect(await responder.reply(text("你好"))).not.toContain(RATING_HINT.zh);
    expect(await responder.reply(text("What does article 30 say?"))).toMatch(
      /Reply 1 if this helped, 2 if it did not\.$/,
    );
  });

  it("takes a 2 after an answer as its rating, once, and thanks the resident", async () => {
    const { responder, asked, t } = rated();
    await responder.reply(text("第三十条讲什么"));
    expect(await responder.reply(text("２"))).toBe(
      "感谢反馈，我们会据此完善答复。如需人工帮助，请拨打0352-12345市民服务热线。",
    );
    expect(await responder.reply(text("1"))).toBe("您已经评价过这条答复了，谢谢。");
    expect(asked.map((a) => a.question)).toEqual(["第三十条讲什么"]);
    const records = await t.records();
    expect(records.map((r) => [r.kind, r.kind === "rating" && r.rating, r.question])).toEqual([
      ["rating", "down", "第三十条讲什么"],
    ]);
    expect(records[0]?.user).toBe(t.hashUser("wechat", "oResidentA"));
    // The next answer can be rated again.
    await responder.reply(text("下一条"));
    expect(await responder.reply(text("1"))).toBe("感谢您的反馈！");
  });

  it("asks the core about a 1 that follows no answer", async () => {
    const { responder, asked } = rated();
    await responder.reply(text("1", "oResidentC"));
    expect(asked.map((a) => a.question)).toEqual(["1"]);
  });

  it("records the questions the law did not answer, the resident only hashed", async () => {
    const { responder, t } = rated();
    await responder.reply(text("谁负责舌尖安全", "oResidentD"));
    const [record] = await t.records();
    expect(record).toMatchObject({ kind: "unanswered", channel: "wechat", question: "谁负责舌尖安全" });
    expect(JSON.stringify(record)).not.toContain("oResidentD");
    expect(JSON.stringify(t.lines)).not.toContain("oResidentD");
  });
});

describe("createWechatResponder: “您是不是想问” by number", () => {
  /** A question the core is unsure of on the seed: its graded answer offers the closest provisions. */
  const UNSURE = "空气质量谁来监测";
  /** A question the seed refuses outright. */
  const REFUSED = "离婚财产怎么分";
  /** The seed bot, offering 第二十二条 and 第三十条 for {@link REFUSED}: a fixed offer of two. */
  function offering(): Bot {
    const law = "ff808081736bb19d01744e08caa80dd3";
    const offer = [22, 30].map((n) =>
      relatedArticle(bot.entry(law, n) as NonNullable<ReturnType<Bot["entry"]>>),
    );
    return Object.assign(Object.create(bot) as Bot, {
      ask: (question: unknown, context?: ConversationContext) => {
        const answer = bot.ask(question, context);
        if (question !== REFUSED) return answer;
        const parts = { ...answer, candidates: offer };
        return { ...parts, text: renderText(parts) };
      },
    });
  }

  it("lists the provisions the core offers with 回复1/2/3, and a number opens that one", async () => {
    const t = createTestTracker(() => bot);
    const { responder } = setup({ tracker: t.tracker });
    const offered = bot.ask(UNSURE).candidates;
    expect(offered.length).toBeGreaterThan(1);
    const reply = (await responder.reply(text(UNSURE))) ?? "";
    expect(reply).toContain(`您是不是想问：\n1. 《大同市智慧城市促进条例》${offered[0]?.label}`);
    expect(reply.endsWith(`回复${offered.map((_, i) => i + 1).join("/")}查看对应条文`)).toBe(true);
    expect(reply).not.toContain("回复1表示有帮助");
    const picked = (await responder.reply(text("２"))) ?? "";
    expect(picked.startsWith(`《大同市智慧城市促进条例》${offered[1]?.label}（`)).toBe(true);
    expect(picked).toContain("全文如下：");
    // That answer is rated by number again.
    expect(picked.endsWith(RATING_HINT.zh)).toBe(true);
    expect(await responder.reply(text("1"))).toBe("感谢您的反馈！");
  });

  it("lists a fixed offer of two with 回复1/2 instead of the rating hint, and a number opens that one", async () => {
    const t = createTestTracker(() => bot);
    const { responder } = setup({ core: offering(), tracker: t.tracker });
    const reply = (await responder.reply(text(REFUSED))) ?? "";
    expect(reply).toContain("您是不是想问：\n1. 《大同市智慧城市促进条例》第二十二条");
    expect(reply).toMatch(/回复1\/2查看对应条文$/);
    expect(reply).not.toContain("回复1表示有帮助");
    const picked = (await responder.reply(text("２"))) ?? "";
    expect(picked).toMatch(/^《大同市智慧城市促进条例》第三十条（.+）全文如下：/);
    // That answer is rated by number again.
    expect(picked.endsWith(RATING_HINT.zh)).toBe(true);
    expect(await responder.reply(text("1"))).toBe("感谢您的反馈！");
  });
});

describe("stored replies", () => {
  it("are kept as long as the message is remembered, not as long as a conversation", async () => {
    const clock = { now: 1_000_000 };
    const store = createMemoryStore<WechatRecord>({ now: () => clock.now });
    const { responder, asked } = setup({ store });
    const message = text("第三十条", "oResidentA", "7000000000000000099");
    await responder.reply(message);
    expect(await store.read("wechat:reply:msg:7000000000000000099")).toMatchObject({ kind: "reply" });
    clock.now += DEDUP_TTL_MS;
    expect(await store.read("wechat:reply:msg:7000000000000000099")).toBeUndefined();
    expect(await (store as KeyValueStore<unknown>).read("wechat:session:oResidentA")).toMatchObject({
      context: { article: 30 },
    });
    expect(asked).toHaveLength(1);
  });
});
