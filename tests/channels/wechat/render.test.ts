import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { citationLine } from "../../../src/answer/format.js";
import { renderText } from "../../../src/answer/render-text.js";
import type { Answer } from "../../../src/answer/types.js";
import { type Bot, createBot } from "../../../src/bot.js";
import {
  byteLength,
  cutAtSentence,
  fitWechatText,
  renderForWechat,
  WECHAT_TEXT_MAX_BYTES,
} from "../../../src/channels/wechat/render.js";

let bot: Bot;
beforeAll(async () => {
  bot = await createBot();
});

const HINT = "回复“全文”查看完整条文";

/** An answer quoting articles 1–10 of the seed law as one long clause: well over 2048 bytes. */
function longAnswer(): Answer {
  const law = bot.homeLaws[0];
  if (!law) throw new Error("no home law");
  const quote = law.articles
    .slice(0, 10)
    .map((a) => a.text)
    .join("\n");
  const base = bot.ask("第一条");
  const citation = { ...(base.citations[0] as Answer["citations"][number]), quote };
  const lead = `${citationLine(citation)}全文如下：`;
  const parts = { ...base, lead, quote, citations: [citation] };
  return { ...parts, text: renderText(parts) };
}

/** Every part a kept rest yields, as the resident replying “全文” again and again would see them. */
function allParts(first: { text: string; rest?: string }, lang: "zh" | "en", max: number): string[] {
  const parts = [first.text];
  let rest = first.rest;
  while (rest !== undefined) {
    const next = fitWechatText(rest, lang, max);
    parts.push(next.text);
    rest = next.rest;
    if (parts.length > 100) throw new Error("the rest never ends");
  }
  return parts;
}

describe("renderForWechat", () => {
  it("sends a short answer as the core wrote it, with related articles when they fit", () => {
    const answer = bot.ask("智慧旅游谁负责");
    const { text, rest } = renderForWechat(answer);
    expect(rest).toBeUndefined();
    expect(text.startsWith(answer.text)).toBe(true);
    expect(text).toContain("出处：《大同市智慧城市促进条例》第三十八条（第五章 智慧产业）");
    expect(text).toContain("相关条文：第四十一条（将智慧农业、智慧乡村纳入建设规划）");
  });

  it("drops the related articles before cutting anything", () => {
    const answer = bot.ask("智慧旅游谁负责");
    const limit = byteLength(answer.text) + 1;
    expect(renderForWechat(answer, Math.max(limit, 256))).toEqual({ text: answer.text });
  });

  it("cuts a long quote at a sentence, keeping the direct answer and the citation in the first reply", () => {
    const answer = bot.ask("第六条");
    const { text, rest } = renderForWechat(answer, 600);
    expect(byteLength(text)).toBeLessThanOrEqual(600);
    expect(text.startsWith(`${answer.lead}\n\n“市、县（区）智慧城市主管部门负责`)).toBe(true);
    expect(text).toMatch(
      /[。；]……”\n\n出处：《大同市智慧城市促进条例》第六条（第一章 总则）\n\n回复“全文”查看完整条文$/,
    );
    expect(rest).toMatch(/^（续）\n\n“……/);
    expect(rest).toContain("出处：《大同市智慧城市促进条例》第六条（第一章 总则）");
    // Nothing of the article is lost between the two parts (the line break at the cut aside).
    const shown = (text.split("……”")[0] as string).split("“")[1] as string;
    const remaining = ((rest as string).split("“……")[1] as string).split("”")[0] as string;
    const squeeze = (x: string | undefined) => x?.replace(/\s/g, "");
    expect(squeeze(shown + remaining)).toBe(squeeze(answer.citations[0]?.quote));
  });

  it("keeps every reply within WeChat's 2048 bytes, across all the follow-ups", () => {
    const answer = longAnswer();
    expect(byteLength(answer.text)).toBeGreaterThan(WECHAT_TEXT_MAX_BYTES);
    const first = renderForWechat(answer);
    const parts = allParts(first, "zh", WECHAT_TEXT_MAX_BYTES);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(byteLength(part)).toBeLessThanOrEqual(WECHAT_TEXT_MAX_BYTES);
    for (const part of parts.slice(0, -1)) expect(part.endsWith(HINT)).toBe(true);
    expect(parts.at(-1)?.endsWith(HINT)).toBe(false);
  });

  it("cuts other long answers (a chapter's list) as text, at a line end", () => {
    const answer = bot.ask("第四章讲什么");
    const { text, rest } = renderForWechat(answer, 300);
    expect(byteLength(text)).toBeLessThanOrEqual(300);
    expect(text).toMatch(/\n\n回复“全文”查看完整条文$/);
    expect(rest?.startsWith("（续）第")).toBe(true);
  });

  it("refuses a limit too small to hold a sentence", () => {
    expect(() => renderForWechat(bot.ask("第六条"), 100)).toThrow(
      "a WeChat reply limit must be an integer of at least 256 bytes",
    );
  });
});

describe("fitWechatText", () => {
  it("closes a quotation open at the cut and reopens it in the rest", () => {
    const text = `前言：“${"这是一句很长的条文内容，".repeat(30)}结束。”`;
    const { text: shown, rest } = fitWechatText(text, "zh", 300);
    expect(shown).toMatch(/……”\n\n回复“全文”查看完整条文$/);
    expect(rest).toMatch(/^（续）“……/);
  });

  it("says “more” in English answers", () => {
    const { text } = fitWechatText("An article. ".repeat(40), "en", 256);
    expect(text.endsWith("\n\nReply “more” to read the rest.")).toBe(true);
  });

  it("keeps every part within the limit and loses no character, for any text", () => {
    const nonSpace = (s: string) => [...s.replace(/\s/g, "")];
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("条", "文", "。", "，", "“", "”", "\n", " ", "a", "😀"),
          maxLength: 2000,
        }),
        fc.integer({ min: 256, max: 2048 }),
        (text, max) => {
          const parts = allParts(fitWechatText(text, "zh", max), "zh", max);
          for (const part of parts) expect(byteLength(part)).toBeLessThanOrEqual(max);
          // The original's characters appear in order among the parts' (which only add hints).
          const all = nonSpace(parts.join(""));
          let at = 0;
          for (const ch of nonSpace(text)) {
            at = all.indexOf(ch, at) + 1;
            expect(at).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("cutAtSentence", () => {
  it("cuts after the last sentence end in the room", () => {
    expect(cutAtSentence("第一句。第二句；第三句很长很长", 24)).toEqual({
      head: "第一句。第二句；",
      rest: "第三句很长很长",
    });
  });

  it("falls back to a clause end, then to the last whole character", () => {
    expect(cutAtSentence("一二三四五，六七八九十", 21)).toEqual({ head: "一二三四五，", rest: "六七八九十" });
    expect(cutAtSentence("一二三四五六七八九十", 10)).toEqual({ head: "一二三", rest: "四五六七八九十" });
  });

  it("splits without loss and never inside a character", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.integer({ min: 4, max: 600 }),
        (text, max) => {
          const { head, rest } = cutAtSentence(text, max);
          expect(head + rest).toBe(text);
          expect(byteLength(head)).toBeLessThanOrEqual(max);
          expect(head).not.toMatch(/[\ud800-\udbff]$/);
        },
      ),
    );
  });
});
