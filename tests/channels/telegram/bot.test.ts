import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import {
  addressedToBot,
  createTelegramBot,
  questionOf,
  type TelegramBotOptions,
} from "../../../src/channels/telegram/bot.js";
import { createTexts } from "../../../src/conversation/texts.js";
import { createMemoryStore, type KeyValueStore } from "../../../src/state/store.js";
import { captureLog, LEVEL } from "../../helpers/capture-log.js";
import { type FakeTelegram, startFakeTelegram, TEST_BOT } from "../../helpers/fake-telegram.js";
import { createUpdateFactory } from "../../helpers/telegram-updates.js";
import { createTestTracker } from "../../helpers/tracker.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/telegram", import.meta.url));
const CHAT = 1001;
const OTHER_CHAT = 2002;
const GROUP = -100_777;

let core: Bot;
let fixtureCore: Bot;
beforeAll(async () => {
  core = await createBot();
  fixtureCore = await createBot({ corpusDirs: [FIXTURES] });
});

const open: FakeTelegram[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

/** A grammY bot against a fresh fake Bot API server; `send` hands updates to it one by one. */
async function setup(options: Partial<TelegramBotOptions> = {}) {
  const fake = await startFakeTelegram();
  open.push(fake);
  const store: KeyValueStore<unknown> = createMemoryStore();
  const log = captureLog();
  const telegram = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    bot: core,
    store,
    logger: log.logger,
    // Generous by default, so only the flood test meets the limit.
    rateLimit: { limit: 1000, timeFrameMs: 600_000 },
    ...options,
  });
  await telegram.init();
  const updates = createUpdateFactory();
  const send = async (...list: Update[]) => {
    for (const u of list) await telegram.handleUpdate(u);
  };
  return { fake, telegram, updates, send, store, log };
}

describe("createTelegramBot", () => {
  it("asks getMe once at init and knows its username", async () => {
    const { fake, telegram } = await setup();
    expect(fake.callsOf("getMe")).toHaveLength(1);
    expect(telegram.botInfo.username).toBe("tiaowen_test_bot");
  });

  it("answers a question in HTML: the direct answer, the quoted clause, the citation", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "谁负责食品安全监管？"));
    const [m, ...rest] = fake.messages(CHAT);
    expect(rest).toHaveLength(0);
    expect(m?.parseMode).toBe("HTML");
    expect(m?.params.link_preview_options).toEqual({ is_disabled: true });
    expect(m?.text).toMatch(
      /^<b>根据《大同市智慧城市促进条例》第三十条（第四章 智慧治理），负责的是市、县（区）人民政府市场监督管理部门。<\/b>/,
    );
    expect(m?.text).toContain(
      "<blockquote>市、县（区）人民政府市场监督管理部门应当建设统一信息网络和智能移动监管平台",
    );
    const plain = m?.plain ?? "";
    const lead = plain.indexOf("负责的是");
    const quote = plain.indexOf("应当建设统一信息网络");
    const source = plain.indexOf("出处：《大同市智慧城市促进条例》第三十条（第四章 智慧治理）");
    expect(lead).toBeGreaterThanOrEqual(0);
    expect(quote).toBeGreaterThan(lead);
    expect(source).toBeGreaterThan(quote);
  });

  it("puts the related articles and the official source under the answer as buttons", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "谁负责智慧城市建设？"));
    const keyboard = fake.messages(CHAT)[0]?.keyboard ?? [];
    const related = keyboard.flat().filter((b) => b.callback_data);
    expect(related.length).toBeGreaterThanOrEqual(1);
    expect(related[0]?.text).toMatch(/^相关条文 第[一二三四五六七八九十]+条 \S/);
    for (const b of related) expect(b.callback_data).toMatch(/^art:[\w-]{10}:\d+$/);
    expect(keyboard.at(-1)).toEqual([
      { text: "查看官方原文", url: "https://flk.npc.gov.cn/detail?id=ff808081736bb19d01744e08caa80dd3" },
    ]);
  });

  it("shows the article of a pressed button and stops the button's spinner", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "谁负责食品安全监管？"));
    const button = fake.messages(CHAT)[0]?.keyboard?.[0]?.[0];
    expect(button?.text).toContain("第二十九条");
    const press = updates.callback(CHAT, button?.callback_data ?? "");
    await send(press);
    const answered = fake.callsOf("answerCallbackQuery");
    expect(answered).toHaveLength(1);
    expect(answered[0]?.params).toEqual({ callback_query_id: press.callback_query?.id });
    const shown = fake.messages(CHAT)[1];
    expect(shown?.plain).toMatch(/^《大同市智慧城市促进条例》第二十九条（第四章 智慧治理）全文如下：/);
    // A whole article offers its neighbours.
    expect(shown?.keyboard?.[0]?.map((b) => b.text)).toEqual(["◀ 第二十八条", "第三十条 ▶"]);
  });

  it("offers the provisions the core is unsure between as numbered buttons; a press opens that one", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "空气质量谁来监测"));
    const offer = fake.messages(CHAT)[0];
    expect(offer?.plain).toContain("您是不是想问：\n1. 《大同市智慧城市促进条例》第");
    const buttons = (offer?.keyboard ?? []).flat().filter((b) => b.callback_data?.startsWith("cand:"));
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.map((b) => b.text.slice(0, 3))).toEqual(buttons.map((_, i) => `${i + 1}. `));
    const second = buttons[1];
    const label = second?.text.split(" ")[1] ?? "";
    await send(updates.callback(CHAT, second?.callback_data ?? ""));
    expect(fake.messages(CHAT)[1]?.plain).toMatch(
      new RegExp(`^《大同市智慧城市促进条例》${label}（.+）全文如下：`),
    );
  });

  it("answers a stale or foreign button with a notice and nothing else", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.callback(CHAT, "art:AAAAAAAAAA:3"), updates.callback(CHAT, "vote:yes"));
    expect(fake.callsOf("answerCallbackQuery").map((c) => c.params.text)).toEqual([
      "这个按钮已失效，请重新提问。",
      "这个按钮已失效，请重新提问。",
    ]);
    expect(fake.messages()).toHaveLength(0);
  });

  it("escapes what comes from the law: a quote with < and & stays valid HTML", async () => {
    const { fake, updates, send } = await setup({ bot: fixtureCore });
    await send(updates.text(CHAT, "第三条"));
    const m = fake.messages(CHAT)[0];
    // The fake server parses the HTML as strictly as Telegram and refuses what does not parse.
    expect(fake.callsOf("sendMessage").every((c) => c.ok)).toBe(true);
    expect(m?.text).toContain("夜间噪声应当&lt;45分贝");
    expect(m?.text).toContain("“A&amp;B”类区域");
    expect(m?.text).toContain("标注为&lt;b&gt;不得作为标签解释&lt;/b&gt;的文字");
    expect(m?.plain).toContain("标注为<b>不得作为标签解释</b>的文字");
    expect(m?.keyboard?.at(-1)).toEqual([
      { text: "查看官方原文", url: "https://example.gov.cn/law/detail?id=noise&lang=zh" },
    ]);
  });

  it("escapes what comes from the user", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "/search <script>&"));
    expect(fake.callsOf("sendMessage")[0]?.ok).toBe(true);
    expect(fake.messages(CHAT)[0]?.plain).toContain("“<script>&”");
  });

  it("splits an answer longer than Telegram's limit at sentence ends, buttons under the last part", async () => {
    const { fake, updates, send } = await setup({ bot: fixtureCore });
    await send(updates.text(CHAT, "第五条"));
    const parts = fake.messages(CHAT);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(fake.callsOf("sendMessage").every((c) => c.ok)).toBe(true);
    for (const p of parts) expect(p.plain.length).toBeLessThanOrEqual(4096);
    for (const p of parts.slice(0, -1)) {
      expect(p.plain.trimEnd()).toMatch(/[。；：]$/);
      expect(p.keyboard).toBeUndefined();
    }
    expect(parts[0]?.plain).toMatch(/^《示例市噪声污染防治条例》第五条（第二章 防治措施）全文如下：/);
    expect(
      parts
        .at(-1)
        ?.keyboard?.flat()
        .map((b) => b.text),
    ).toContain("查看官方原文");
    const article = fixtureCore.entry("fixture-noise-2024", 5)?.article.text ?? "";
    const squash = (s: string) => s.replace(/\s+/g, "");
    expect(squash(parts.map((p) => p.plain).join(""))).toContain(squash(article));
  });

  it("/start: a welcome in Chinese, what it answers, three example questions as buttons", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "/start"));
    const m = fake.messages(CHAT)[0];
    expect(m?.plain).toMatch(/^您好！我是条文助手。\n我依据《大同市智慧城市促进条例》回答市民的问题/);
    expect(m?.plain).toContain("/departments");
    expect(m?.keyboard).toEqual([
      [{ text: "谁负责食品安全监管？", callback_data: "ask:谁负责食品安全监管？" }],
      [{ text: "第三十条讲什么", callback_data: "ask:第三十条讲什么" }],
      [{ text: "条例什么时候施行", callback_data: "ask:条例什么时候施行" }],
    ]);
  });

  it("answers an example button as if the question had been typed", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.callback(CHAT, "ask:条例什么时候施行"));
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);
    expect(fake.messages(CHAT)[0]?.plain).toContain("本条例自2018年5月1日起施行");
  });

  it("/help: the core's help and the commands", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "/help"));
    const plain = fake.messages(CHAT)[0]?.plain ?? "";
    expect(plain).toMatch(/^我可以回答与《大同市智慧城市促进条例》有关的问题/);
    for (const c of ["/start", "/help", "/article", "/departments", "/search"]) expect(plain).toContain(c);
  });

  it("/article takes Arabic and Chinese numerals", async () => {
    const { fake, updates, send } = await setup();
    await send(
      updates.text(CHAT, "/article 30"),
      updates.text(CHAT, "/article 三十"),
      updates.text(CHAT, "/article 第三十条"),
    );
    const texts = fake.messages(CHAT).map((m) => m.plain);
    expect(texts).toHaveLength(3);
    for (const t of texts)
      expect(t).toMatch(/^《大同市智慧城市促进条例》第三十条（第四章 智慧治理）全文如下：/);
  });

  it("/article without a number, or with a number the law does not have", async () => {
    const { fake, updates, send } = await setup();
    await send(
      updates.text(CHAT, "/article"),
      updates.text(CHAT, "/article 某条"),
      updates.text(CHAT, "/article 99"),
    );
    const [none, bad, missing] = fake.messages(CHAT).map((m) => m.plain);
    expect(none).toBe("请在命令后写条号，例如：/article 30 或 /article 三十");
    expect(bad).toBe(none);
    expect(missing).toBe(
      "《大同市智慧城市促进条例》共45条，没有第九十九条。请输入1到45之间的条号，例如“第三十条”。",
    );
  });

  it("/departments: the duty directory in pages, turned in place by buttons", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "/departments"));
    const first = fake.messages(CHAT)[0];
    expect(first?.plain).toMatch(/^部门职责目录（第1\/\d+页）/);
    expect(first?.plain).toContain("市、县（区）人民政府");
    expect(first?.keyboard).toEqual([[{ text: "下一页 ▶", callback_data: "dir:1" }]]);
    await send(updates.callback(CHAT, "dir:1", { messageId: 4711 }));
    const [edit] = fake.edits();
    expect(edit?.params.message_id).toBe(4711);
    expect(edit?.plain).toMatch(/^部门职责目录（第2\/\d+页）/);
    expect(edit?.keyboard?.[0]?.[0]).toEqual({ text: "◀ 上一页", callback_data: "dir:0" });
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);
    expect(fake.messages(CHAT)).toHaveLength(1);
  });

  it("/search: matching articles with buttons to open them", async () => {
    const { fake, updates, send } = await setup();
    await send(
      updates.text(CHAT, "/search 食品安全"),
      updates.text(CHAT, "/search"),
      updates.text(CHAT, "/search 火星"),
    );
    const [found, usage, nothing] = fake.messages(CHAT);
    expect(found?.plain).toMatch(/^与“食品安全”相关的条文\n1\. 第三十条：/);
    expect(found?.keyboard?.[0]?.[0]?.text).toBe("查看第三十条");
    expect(usage?.plain).toBe("请在命令后写关键词，例如：/search 食品安全");
    expect(nothing?.plain).toMatch(/^没有找到与“火星”相关的条文/);
  });

  it("points an unknown command to /help", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.text(CHAT, "/weather"));
    expect(fake.messages(CHAT)[0]?.plain).toBe("没有这个命令。可用命令见 /help");
  });

  it("asks for text when sent a sticker", async () => {
    const { fake, updates, send } = await setup();
    await send(updates.sticker(CHAT));
    expect(fake.messages(CHAT).map((m) => m.plain)).toEqual([
      "请用文字发送您的问题，例如：谁负责食品安全监管？",
    ]);
  });

  it("answers an edited question again, as a reply to it", async () => {
    const { fake, updates, send } = await setup();
    const original = updates.text(CHAT, "第三十条");
    await send(original, updates.edited(original, "第三十一条"));
    const [first, second] = fake.messages(CHAT);
    expect(first?.plain).toContain("第三十条（第四章 智慧治理）全文如下");
    expect(second?.plain).toContain("第三十一条（第四章 智慧治理）全文如下");
    expect(second?.replyTo).toBe(original.message.message_id);
  });

  describe("in a group", () => {
    it("stays silent unless spoken to", async () => {
      const { fake, updates, send } = await setup();
      await send(
        updates.text(GROUP, "第三十条讲什么"),
        updates.sticker(GROUP),
        updates.text(GROUP, "/article@another_bot 30"),
        updates.text(GROUP, "问问 @someone_else 第三十条"),
      );
      expect(fake.calls.filter((c) => c.method !== "getMe")).toEqual([]);
    });

    it("answers a mention, as a reply, without the mention in the question", async () => {
      const { fake, updates, send } = await setup();
      const asked = updates.text(GROUP, "@tiaowen_test_bot 第三十条讲什么");
      await send(asked);
      const m = fake.messages(GROUP)[0];
      expect(m?.plain).toContain("第三十条（第四章 智慧治理）全文如下");
      expect(m?.replyTo).toBe(asked.message.message_id);
    });

    it("answers a reply to one of its messages", async () => {
      const { fake, updates, send } = await setup();
      const mine = updates.botMessage(GROUP, "《大同市智慧城市促进条例》第三十条……");
      await send(updates.text(GROUP, "那由哪个部门负责？", { replyTo: mine }));
      expect(fake.messages(GROUP)).toHaveLength(1);
    });

    it("answers its commands, with or without its name", async () => {
      const { fake, updates, send } = await setup();
      await send(updates.text(GROUP, "/article@tiaowen_test_bot 30"), updates.text(GROUP, "/start"));
      const [article, start] = fake.messages(GROUP);
      expect(article?.plain).toContain("第三十条（第四章 智慧治理）全文如下");
      expect(start?.plain).toMatch(/^您好！/);
    });
  });

  describe("follow-up questions", () => {
    it("refer to the article of the previous answer, over several messages", async () => {
      const { fake, updates, send } = await setup();
      await send(updates.text(CHAT, "第三十条讲什么"));
      await send(updates.text(CHAT, "那由哪个部门负责？"));
      await send(updates.text(CHAT, "下一条"));
      await send(updates.text(CHAT, "原文"));
      const [, who, next, full] = fake.messages(CHAT).map((m) => m.plain);
      expect(who).toMatch(
        /^根据《大同市智慧城市促进条例》第三十条（第四章 智慧治理），负责的是市、县（区）人民政府市场监督管理部门。/,
      );
      expect(next).toMatch(/^《大同市智慧城市促进条例》第三十一条（第四章 智慧治理）全文如下：/);
      expect(full).toMatch(/^《大同市智慧城市促进条例》第三十一条（第四章 智慧治理）全文如下：/);
    });

    it("follow the article a button showed", async () => {
      const { fake, updates, send, telegram } = await setup();
      await send(updates.text(CHAT, "谁负责食品安全监管？"));
      const data = fake.messages(CHAT)[0]?.keyboard?.[0]?.[0]?.callback_data ?? "";
      await send(updates.callback(CHAT, data), updates.text(CHAT, "下一条"));
      expect(fake.messages(CHAT)[2]?.plain).toMatch(/^《大同市智慧城市促进条例》第三十条/);
      expect(telegram.botInfo.id).toBe(TEST_BOT.id);
    });

    it("are kept per chat: one chat does not see another's context", async () => {
      const { fake, updates, send, store } = await setup();
      await send(updates.text(CHAT, "第三十条"));
      await send(updates.text(OTHER_CHAT, "下一条"));
      await send(updates.text(CHAT, "下一条"));
      expect(fake.messages(OTHER_CHAT)[0]?.plain).toBe("请先提一个问题，我再为您查看相关条文。");
      expect(fake.messages(CHAT)[1]?.plain).toMatch(/^《大同市智慧城市促进条例》第三十一条/);
      expect(await store.read(`tg:chat:${CHAT}`)).toEqual({
        context: { lawId: "ff808081736bb19d01744e08caa80dd3", article: 31 },
      });
      // A conversation with nothing to remember is not kept.
      expect(await store.read(`tg:chat:${OTHER_CHAT}`)).toBeUndefined();
    });

    it("survive a new bot on the same store (a restart)", async () => {
      const first = await setup();
      await first.send(first.updates.text(CHAT, "第三十条"));
      const second = await setup({ store: first.store });
      await second.send(second.updates.text(CHAT, "下一条"));
      expect(second.fake.messages(CHAT)[0]?.plain).toMatch(/第三十一条/);
    });
  });

  describe("ratings (👍/👎) and the bot serving now", () => {
    it("puts 👍/👎 under each answer; a press records the rating once, with a notice", async () => {
      const t = createTestTracker(() => core);
      const { fake, updates, send } = await setup({ tracker: t.tracker });
      await send(updates.text(CHAT, "第三十条讲什么"));
      const keyboard = fake.messages(CHAT)[0]?.keyboard ?? [];
      const rate = keyboard.at(-1) ?? [];
      expect(rate.map((b) => b.text)).toEqual(["👍 有帮助", "👎 没帮助"]);
      expect(rate[0]?.callback_data).toMatch(/^fb:[A-Za-z0-9_-]{12}:u$/);
      await send(
        updates.callback(CHAT, rate[1]?.callback_data ?? ""),
        updates.callback(CHAT, rate[0]?.callback_data ?? ""),
        updates.callback(CHAT, "fb:AAAAAAAAAAAA:u"),
      );
      const texts = createTexts();
      expect(fake.callsOf("answerCallbackQuery").map((c) => c.params.text)).toEqual([
        texts.ratingReply("recorded", "down", "zh"),
        texts.ratingReply("repeated", "up", "zh"),
        texts.ratingReply("unknown", "up", "zh"),
      ]);
      const records = await t.records();
      expect(
        records.map((r) => [r.kind, r.kind === "rating" ? r.rating : "", r.question, r.channel]),
      ).toEqual([["rating", "down", "第三十条讲什么", "telegram"]]);
      expect(records[0]?.user).toBe(t.hashUser("telegram", String(CHAT)));
    });

    it("logs each answer once, the user only hashed, and records what the law did not answer", async () => {
      const t = createTestTracker(() => core);
      const { updates, send } = await setup({ tracker: t.tracker });
      await send(updates.text(CHAT, "谁负责舌尖安全"));
      const line = t.lines.find((l) => l.msg === "answer");
      expect(line).toMatchObject({ channel: "telegram", intent: "responsibility", answered: false });
      expect(line?.user).toBe(t.hashUser("telegram", String(CHAT)));
      expect(JSON.stringify(t.lines)).not.toContain(String(CHAT));
      expect((await t.records()).map((r) => r.kind)).toEqual(["unanswered"]);
    });

    it("asks the bot serving now for every update (a reload takes effect at once)", async () => {
      let serving = core;
      const { fake, updates, send } = await setup({ bot: () => serving });
      await send(updates.text(CHAT, "第三十条"));
      serving = fixtureCore;
      await send(updates.text(CHAT, "第三条"), updates.text(CHAT, "/departments"));
      const [first, second] = fake.messages(CHAT).map((m) => m.plain);
      expect(first).toContain("大同市智慧城市促进条例");
      expect(second).toContain("示例市噪声污染防治条例");
    });

    it("counts the updates a flood limit refuses", async () => {
      const t = createTestTracker(() => core);
      const { updates, send } = await setup({
        tracker: t.tracker,
        rateLimit: { limit: 1, timeFrameMs: 600_000 },
      });
      await send(updates.text(CHAT, "第一条"), updates.text(CHAT, "第二条"), updates.text(CHAT, "第三条"));
      expect((await t.metrics.render()).body).toContain('tiaowen_rate_limited_total{channel="telegram"} 2');
    });
  });

  describe("floods and failures", () => {
    it("limits each user: one notice, then silence; a pressed button still gets its spinner stopped", async () => {
      const { fake, updates, send } = await setup({ rateLimit: { limit: 2, timeFrameMs: 600_000 } });
      await send(
        updates.text(CHAT, "第一条"),
        updates.text(CHAT, "第二条"),
        updates.text(CHAT, "第三条"),
        updates.text(CHAT, "第四条"),
        updates.callback(CHAT, "ask:第五条"),
        updates.text(OTHER_CHAT, "第六条"),
      );
      expect(fake.messages(CHAT).map((m) => m.plain.slice(0, 24))).toEqual([
        "《大同市智慧城市促进条例》第一条（第一章 总则）",
        "《大同市智慧城市促进条例》第二条（第一章 总则）",
        "您发得太快了，请稍等几秒再问。",
      ]);
      expect(fake.callsOf("answerCallbackQuery").map((c) => c.params.text)).toEqual([
        "您发得太快了，请稍等几秒再问。",
      ]);
      expect(fake.messages(OTHER_CHAT)).toHaveLength(1);
    });

    it("retries a 429 after the time Telegram asks for, and logs the refused attempt", async () => {
      const { fake, updates, send, log } = await setup();
      fake.failNext("sendMessage", {
        error_code: 429,
        description: "Too Many Requests: retry after 0",
        parameters: { retry_after: 0 },
      });
      await send(updates.text(CHAT, "第三十条"));
      expect(fake.callsOf("sendMessage").map((c) => c.ok)).toEqual([false, true]);
      expect(fake.messages(CHAT)[0]?.plain).toContain("第三十条");
      expect(log.lines.filter((l) => l.msg === "Telegram API call failed").map((l) => l.error_code)).toEqual([
        429,
      ]);
      expect(log.lines.some((l) => l.msg === "Telegram update failed")).toBe(false);
    });

    it("logs a failure and apologises instead of staying silent", async () => {
      const { fake, updates, send, log } = await setup({ hotline: "0352-12345" });
      fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
      const update = updates.text(CHAT, "第三十条");
      await send(update);
      expect(fake.messages(CHAT).map((m) => m.plain)).toEqual([
        "抱歉，处理您的消息时出了点问题，请稍后再试；急事请拨打0352-12345市民服务热线。",
      ]);
      const failed = log.lines.find((l) => l.msg === "Telegram update failed");
      expect(failed?.level).toBe(LEVEL.error);
      expect(failed?.update_id).toBe(update.update_id);
      expect(log.lines.find((l) => l.msg === "Telegram API call failed")).toMatchObject({
        method: "sendMessage",
        error_code: 400,
        description: "Bad Request: chat not found",
      });
    });

    it("ignores malformed updates with one warning each: no crash, no stack, no reply", async () => {
      const { fake, updates, send, log } = await setup();
      const base = { message_id: 7, date: 0, chat: { id: GROUP, type: "group" } };
      const malformed = [
        { update_id: 9001, message: {} },
        { update_id: 9002, message: { ...base, text: "/help", entities: "x" } },
        { update_id: 9003, message: { ...base, chat: { id: CHAT, type: "private" }, text: 42 } },
        { update_id: 9004, edited_message: { message_id: 1 } },
      ] as unknown as Update[];
      await send(...malformed);
      // The bot still answers the next well-formed message.
      await send(updates.text(CHAT, "第三十条"));
      expect(fake.messages().map((m) => m.chatId)).toEqual([CHAT]);
      expect(log.lines.filter((l) => l.level >= LEVEL.error)).toEqual([]);
      const ignored = log.lines.filter((l) => l.msg === "ignored a malformed Telegram update");
      expect(ignored.map((l) => [l.level, l.update_id])).toEqual([
        [LEVEL.warn, 9001],
        [LEVEL.warn, 9002],
        [LEVEL.warn, 9003],
        [LEVEL.warn, 9004],
      ]);
      expect(ignored[0]?.problem).toMatch(/^message\./);
      expect(ignored.some((l) => "err" in l || "stack" in l)).toBe(false);
    });

    it("stops a pressed button's spinner when its handler fails", async () => {
      const { fake, updates, send } = await setup();
      fake.failNext("editMessageText", {
        error_code: 400,
        description: "Bad Request: message to edit not found",
      });
      await send(updates.callback(CHAT, "dir:1"));
      expect(fake.callsOf("answerCallbackQuery").length).toBeGreaterThanOrEqual(1);
      expect(fake.messages(CHAT)[0]?.plain).toMatch(/^抱歉/);
    });
  });
});

describe("questionOf", () => {
  it("removes the mentions of the bot, keeps other words", () => {
    const updates = createUpdateFactory();
    const m = updates.text(GROUP, "@tiaowen_test_bot，第三十条讲什么 @TIAOWEN_TEST_BOT").message;
    expect(questionOf(m, TEST_BOT)).toBe("第三十条讲什么");
    const other = updates.text(GROUP, "@someone_else 第三十条").message;
    expect(questionOf(other, TEST_BOT)).toBe("@someone_else 第三十条");
  });
});

describe("addressedToBot", () => {
  it("is true in private chats and for buttons, in groups only when spoken to", async () => {
    const { telegram, updates } = await setup();
    const { Context } = await import("grammy");
    const check = (u: Update) => addressedToBot(new Context(u, telegram.api, telegram.botInfo));
    expect(check(updates.text(CHAT, "你好"))).toBe(true);
    expect(check(updates.callback(GROUP, "dir:0"))).toBe(true);
    expect(check(updates.text(GROUP, "你好"))).toBe(false);
    expect(check(updates.text(GROUP, "/help"))).toBe(true);
    expect(check(updates.text(GROUP, "/help@tiaowen_test_bot"))).toBe(true);
    expect(check(updates.text(GROUP, "/help@other_bot"))).toBe(false);
    expect(check(updates.text(GROUP, "你好 @tiaowen_test_bot"))).toBe(true);
  });

  it("is false for a message without a chat instead of throwing", async () => {
    const { telegram } = await setup();
    const { Context } = await import("grammy");
    const update = { update_id: 1, message: {} } as unknown as Update;
    expect(addressedToBot(new Context(update, telegram.api, telegram.botInfo))).toBe(false);
  });
});
