import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../../src/bot.js";
import { articleView, findLaw, lawSummary, searchResult } from "../../../src/channels/http/views.js";
import { seedBot } from "../../helpers/http-server.js";

let bot: Bot;
beforeAll(async () => {
  bot = await seedBot();
});
const law = () => bot.laws[0] as Bot["laws"][number];

describe("lawSummary", () => {
  it("summarises a law with its chapters and article numbers", () => {
    const s = lawSummary(law(), true);
    expect(s).toMatchObject({ title: "大同市智慧城市促进条例", home: true, articleCount: 45 });
    expect(s.chapters[3]).toMatchObject({ label: "第四章", title: "智慧治理" });
    expect(s.chapters.flatMap((c) => c.articles)).toHaveLength(45);
  });
});

describe("articleView", () => {
  it("gives the chapter, the neighbours and the chapter's articles", () => {
    const v = articleView(bot.entry(law().id, 30) as NonNullable<ReturnType<Bot["entry"]>>);
    expect(v.chapter).toBe("第四章 智慧治理");
    expect(v.previous?.label).toBe("第二十九条");
    expect(v.next?.label).toBe("第三十一条");
    expect(v.chapterArticles.every((a) => law().chapters[3]?.articles.includes(a.article))).toBe(true);
  });

  it("has no next article after the last", () => {
    const v = articleView(bot.entry(law().id, 45) as NonNullable<ReturnType<Bot["entry"]>>);
    expect(v.next).toBeNull();
  });
});

describe("searchResult", () => {
  it("turns the matched words into highlight offsets of the article text", () => {
    const hit = bot.search("智慧交通")[0];
    expect(hit).toBeDefined();
    const r = searchResult(hit as NonNullable<typeof hit>);
    expect(r.highlights.length).toBeGreaterThan(0);
    for (const { start, end } of r.highlights) {
      expect(r.text.slice(start, end).length).toBe(end - start);
      expect(r.matched.some((m) => r.text.slice(start, end).includes(m))).toBe(true);
    }
  });
});

describe("findLaw", () => {
  it("finds a law by id or title", () => {
    expect(findLaw(bot, law().id)).toBe(law());
    expect(findLaw(bot, "大同市智慧城市促进条例")).toBe(law());
    expect(findLaw(bot, "nope")).toBeUndefined();
  });
});
