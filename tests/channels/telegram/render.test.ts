import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../../src/answer/types.js";
import { type Bot, createBot } from "../../../src/bot.js";
import { decodeButton, lawKeyOf } from "../../../src/channels/telegram/buttons.js";
import {
  answerBlocks,
  answerKeyboard,
  type Block,
  escapeAttribute,
  escapeHtml,
  MESSAGE_BUDGET,
  renderAnswer,
  renderBlocks,
} from "../../../src/channels/telegram/render.js";
import { relatedArticle } from "../../../src/mod.js";
import { parseTelegramHtml } from "../../helpers/fake-telegram.js";

const LAW = "ff808081736bb19d01744e08caa80dd3";

const FIXTURES = fileURLToPath(new URL("../../fixtures/telegram", import.meta.url));

let core: Bot;
let fixtureCore: Bot;
beforeAll(async () => {
  core = await createBot();
  fixtureCore = await createBot({ corpusDirs: [FIXTURES] });
});

/** The visible text of Telegram HTML, or a failure naming what did not parse. */
function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if ("error" in parsed) throw new Error(`${parsed.error} in ${html}`);
  return parsed.text;
}

const squash = (s: string) => s.replace(/\s+/g, "");
const hasArticle = (lawId: string, n: number) => core.entry(lawId, n) !== undefined;

describe("escapeHtml", () => {
  it("escapes the three characters Telegram's HTML reserves", () => {
    expect(escapeHtml("噪声<45分贝 & >55分贝")).toBe("噪声&lt;45分贝 &amp; &gt;55分贝");
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });

  it("gives back any text unchanged once Telegram parses it", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => visible(escapeHtml(s)) === s));
  });
});

describe("escapeAttribute", () => {
  it("also escapes double quotes", () => {
    expect(escapeAttribute('a"b<c&')).toBe("a&quot;b&lt;c&amp;");
  });
});

describe("answerBlocks", () => {
  it("styles a cited answer: bold lead, quoted clause, italic citation", () => {
    const blocks = answerBlocks(core.ask("谁负责食品安全监管？"));
    expect(blocks.map((b) => b.style)).toEqual(["bold", "quote", "italic"]);
    expect(blocks[1]?.text).toMatch(/^市、县（区）人民政府市场监督管理部门应当建设/);
    expect(blocks[1]?.text).not.toMatch(/^“|”$/);
  });

  it("names the departments of a topic or a whole article on a line of their own", () => {
    const blocks = answerBlocks(core.ask("第三十条"));
    expect(blocks.at(-1)).toEqual({ text: "相关部门：市、县（区）人民政府市场监督管理部门", style: "plain" });
  });

  it("keeps every paragraph of an answer without citations as plain text", () => {
    const help = core.ask("帮助");
    expect(answerBlocks(help)).toEqual([{ text: help.text, style: "plain" }]);
  });

  it("keeps the extra paragraphs of a metadata answer", () => {
    const answer = core.ask("条例什么时候施行");
    const blocks = answerBlocks(answer);
    expect(squash(blocks.map((b) => b.text).join(""))).toBe(squash(answer.text.replace(/[“”]/g, "")));
  });
});

describe("answerKeyboard", () => {
  it("offers the closest provisions as numbered “您是不是想问” buttons that name their law", () => {
    const refusal = core.ask("市民卡能不能坐公交");
    const offer = [22, 30].map((n) =>
      relatedArticle(core.entry(refusal.context.lawId ?? LAW, n) as NonNullable<ReturnType<Bot["entry"]>>),
    );
    const unsure: Answer = { ...refusal, answered: false, candidates: offer, related: [] };
    const rows = answerKeyboard(unsure, { hasArticle })?.inline_keyboard ?? [];
    expect(rows.slice(0, 2).map((r) => r[0]?.text)).toEqual([
      `1. 第二十二条 ${offer[0]?.gist}`,
      `2. 第三十条 ${offer[1]?.gist}`,
    ]);
    const data = rows[0]?.[0] && "callback_data" in rows[0][0] ? rows[0][0].callback_data : "";
    expect(decodeButton(data ?? "")).toEqual({ kind: "candidate", lawKey: lawKeyOf(LAW), article: 22 });
    // The text above the buttons numbers them the same way.
    expect(renderAnswer(unsure)[0]?.html).toContain(
      "您是不是想问：\n1. 《大同市智慧城市促进条例》第二十二条",
    );
  });

  it("numbers the provisions the core offers when unsure, the same above and on the buttons", () => {
    const unsure = core.ask("空气质量谁来监测");
    expect(unsure.candidates.length).toBeGreaterThan(1);
    const rows = answerKeyboard(unsure, { hasArticle })?.inline_keyboard ?? [];
    const buttons = rows.slice(0, unsure.candidates.length).map((r) => r[0]);
    expect(buttons.map((b) => b?.text)).toEqual(
      unsure.candidates.map((c, i) => `${i + 1}. ${c.label} ${c.gist}`),
    );
    const html = renderAnswer(unsure)[0]?.html ?? "";
    for (const [i, c] of unsure.candidates.entries())
      expect(html).toContain(`${i + 1}. 《${c.law}》${c.label}`);
  });

  it("offers the related articles, then the official source", () => {
    const answer = core.ask("谁负责智慧城市建设？");
    expect(answer.related.length).toBeGreaterThan(0);
    const rows = answerKeyboard(answer, { hasArticle })?.inline_keyboard ?? [];
    expect(rows).toHaveLength(answer.related.length + 1);
    expect(rows[0]?.[0]).toMatchObject({
      text: `相关条文 ${answer.related[0]?.label} ${answer.related[0]?.gist}`,
    });
    expect(rows.at(-1)).toEqual([
      { text: "查看官方原文", url: "https://flk.npc.gov.cn/detail?id=ff808081736bb19d01744e08caa80dd3" },
    ]);
  });

  it("offers the neighbouring articles under a whole article, only those that exist", () => {
    const first = answerKeyboard(core.ask("第一条"), { hasArticle })?.inline_keyboard ?? [];
    expect(first[0]?.map((b) => b.text)).toEqual(["第二条 ▶"]);
    const last = answerKeyboard(core.ask("第四十五条"), { hasArticle })?.inline_keyboard ?? [];
    expect(last[0]?.map((b) => b.text)).toEqual(["◀ 第四十四条"]);
  });

  it("adds 👍/👎 for an answer with an id, as the last row, also under a refusal", () => {
    const rows = answerKeyboard(core.ask("第三十条"), {
      hasArticle,
      answerId: "Xk3_9aQ-2LmP",
    })?.inline_keyboard;
    expect(rows?.at(-1)).toEqual([
      { text: "👍 有帮助", callback_data: "fb:Xk3_9aQ-2LmP:u" },
      { text: "👎 没帮助", callback_data: "fb:Xk3_9aQ-2LmP:d" },
    ]);
    const refusal = answerKeyboard(core.ask("怎么办护照"), { answerId: "Xk3_9aQ-2LmP" })?.inline_keyboard;
    expect(refusal).toHaveLength(1);
    const en = answerKeyboard(core.ask("What does article 30 say?"), { answerId: "Xk3_9aQ-2LmP" });
    expect(en?.inline_keyboard.at(-1)?.map((b) => b.text)).toEqual(["👍 Helpful", "👎 Not helpful"]);
  });

  it("has nothing to offer for an answer without citations", () => {
    expect(answerKeyboard(core.ask("你好"), { hasArticle })).toBeUndefined();
  });

  it("labels the buttons in English for an English answer", () => {
    const answer = core.ask("Who handles food safety monitoring?");
    const labels =
      answerKeyboard(answer)
        ?.inline_keyboard.flat()
        .map((b) => b.text) ?? [];
    expect(labels.at(-1)).toBe("Official text");
    for (const l of labels.slice(0, -1)) expect(l).toMatch(/^Related /);
  });

  it("offers no source button for a law without an http(s) source", () => {
    const answer = core.ask("第三十条");
    const noUrl: Answer = { ...answer, citations: answer.citations.map((c) => ({ ...c, url: null })) };
    expect(answerKeyboard(noUrl)).toBeUndefined();
  });
});

describe("renderAnswer", () => {
  it("renders a short answer as one message with its buttons", () => {
    const [m, ...rest] = renderAnswer(core.ask("谁负责食品安全监管？"), { hasArticle });
    expect(rest).toHaveLength(0);
    expect(m?.html).toMatch(/^<b>根据《大同市智慧城市促进条例》第三十条（第四章 智慧治理），负责的是/);
    expect(m?.html).toMatch(
      /<blockquote>[^<]+<\/blockquote>\n\n<i>出处：《大同市智慧城市促进条例》第三十条（第四章 智慧治理）<\/i>$/,
    );
    expect(m?.keyboard?.inline_keyboard.length).toBeGreaterThan(0);
  });

  it("escapes a law quote with < and &", () => {
    const [m] = renderAnswer(fixtureCore.ask("第三条"));
    expect(m?.html).toContain("<blockquote>居民住宅区夜间噪声应当&lt;45分贝");
    expect(visible(m?.html ?? "")).toContain("“A&B”类区域的划分办法");
  });

  it("splits a long article into messages under the limit, buttons under the last", () => {
    const messages = renderAnswer(fixtureCore.ask("第五条"));
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(visible(m.html).length).toBeLessThanOrEqual(MESSAGE_BUDGET);
    expect(messages.slice(0, -1).every((m) => m.keyboard === undefined)).toBe(true);
    expect(messages.at(-1)?.keyboard).toBeDefined();
    // Each part of the quote is a blockquote of its own: no tag spans two messages.
    expect(messages[1]?.html).toMatch(/^<blockquote>（/);
  });
});

describe("renderBlocks", () => {
  const sentence = (ends: string[]) =>
    fc
      .tuple(
        fc.string({
          unit: fc.constantFrom("市", "区", "部", "门", "<", "&", "a", "😀"),
          minLength: 1,
          maxLength: 60,
        }),
        fc.constantFrom(...ends),
      )
      .map(([words, end]) => words + end);
  const blockOf = (ends: string[]): fc.Arbitrary<Block> =>
    fc.record({
      text: fc.array(sentence(ends), { minLength: 1, maxLength: 12 }).map((s) => s.join("")),
      style: fc.constantFrom("bold", "italic", "quote", "plain"),
    });
  const block = blockOf(["。", "；", "！", "\n"]);

  it("keeps every message under the budget, valid, and loses no text", () => {
    fc.assert(
      fc.property(
        fc.array(block, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 62, max: 400 }),
        (blocks, budget) => {
          const messages = renderBlocks(blocks, budget);
          const texts = messages.map(visible);
          for (const t of texts) expect(t.length).toBeLessThanOrEqual(budget);
          expect(squash(texts.join(""))).toBe(squash(blocks.map((b) => b.text).join("")));
        },
      ),
    );
  });

  it("cuts only at sentence ends when every sentence fits", () => {
    fc.assert(
      // Without newlines as sentence ends: a message that ends at one loses it to trimming.
      fc.property(fc.array(blockOf(["。", "；", "！"]), { minLength: 1, maxLength: 6 }), (blocks) => {
        const budget = 62; // longer than any generated sentence (60 + its end)
        const messages = renderBlocks(blocks, budget).map(visible);
        for (const t of messages.slice(0, -1)) expect(t).toMatch(/[。；！]$/u);
      }),
    );
  });

  it("cuts a sentence longer than a message at a comma, else anywhere but inside a character", () => {
    const commas = renderBlocks([{ text: `${"甲".repeat(30)}，${"乙".repeat(30)}。`, style: "plain" }], 40);
    expect(commas).toEqual([`${"甲".repeat(30)}，`, `${"乙".repeat(30)}。`]);
    const emoji = renderBlocks([{ text: "😀".repeat(50), style: "plain" }], 41);
    for (const m of emoji) expect(m).toMatch(/^(😀)+$/u);
    expect(emoji.join("")).toBe("😀".repeat(50));
  });

  it("packs short paragraphs together", () => {
    const html = renderBlocks([
      { text: "甲", style: "bold" },
      { text: "乙", style: "quote" },
      { text: "丙", style: "italic" },
      { text: "丁", style: "plain" },
    ]);
    expect(html).toEqual(["<b>甲</b>\n\n<blockquote>乙</blockquote>\n\n<i>丙</i>\n\n丁"]);
  });
});
