import { beforeAll, describe, expect, it } from "vitest";
import {
  articleAnswer,
  citationOf,
  finish,
  leadClause,
  notCovered,
  plainAnswer,
  relatedOf,
  responsibilityAnswer,
  topicAnswer,
} from "../../src/answer/builders.js";
import { type AnswerFixture, answerFixture, CITE_30 } from "../helpers/answer.js";
import { articleOf } from "../helpers/fixtures.js";

let f: AnswerFixture;
beforeAll(async () => {
  f = await answerFixture();
});

describe("citationOf", () => {
  it("cites an indexed article with its law, label, chapter, quote and source", () => {
    expect(citationOf(f.entry(30), "引文")).toEqual({
      law: "大同市智慧城市促进条例",
      lawId: "ff808081736bb19d01744e08caa80dd3",
      article: 30,
      label: "第三十条",
      chapter: "第四章 智慧治理",
      quote: "引文",
      url: "https://flk.npc.gov.cn/detail?id=ff808081736bb19d01744e08caa80dd3",
    });
    expect(citationOf(f.entry(45)).quote).toBe("本条例自2018年5月1日起施行。");
  });
});

describe("relatedOf", () => {
  it("offers up to three other articles with their gist", () => {
    const found = f.hits("智慧城市建设");
    const related = relatedOf(found, found[0]?.entry.article.number ?? 0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related.map((r) => r.article)).not.toContain(found[0]?.entry.article.number);
    for (const r of related) {
      expect(r.law).toBe("大同市智慧城市促进条例");
      expect(r.label).toMatch(/^第.+条$/);
      expect(r.gist.length).toBeGreaterThan(0);
    }
  });
});

describe("plainAnswer", () => {
  it("gives an answer without citations that keeps the conversation's context", () => {
    const a = finish(plainAnswer("greeting", true, "您好！", f.ctx(), { lawId: f.law.id, article: 3 }));
    expect(a).toMatchObject({
      intent: "greeting",
      answered: true,
      lang: "zh",
      text: "您好！",
      lead: "您好！",
      citations: [],
      departments: [],
      confidence: 1,
      related: [],
      context: { lawId: f.law.id, article: 3 },
    });
    expect(plainAnswer("topic", false, "请输入", f.ctx()).confidence).toBe(0);
  });
});

describe("notCovered", () => {
  it("refuses honestly, names the law and points to the hotline", () => {
    const a = finish(notCovered(f.ctx(), "《大同市智慧城市促进条例》"));
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.text).toBe(
      "抱歉，《大同市智慧城市促进条例》中没有找到与您的问题直接相关的规定，我不能凭猜测回答。建议拨打12345市民服务热线咨询。",
    );
  });

  it("refuses in English for English questions", () => {
    const ctx = f.ctx("en");
    expect(finish(notCovered(ctx, "大同市智慧城市促进条例", "responsibility"))).toMatchObject({
      intent: "responsibility",
      lang: "en",
      text: "Sorry, 大同市智慧城市促进条例 does not appear to cover this question, and I will not guess. Please call the 12345 citizen service hotline.",
    });
  });
});

describe("responsibilityAnswer", () => {
  it("names the department, quotes the article and cites it", () => {
    const a = finish(
      responsibilityAnswer(
        { entry: f.entry(30), matched: ["食品"], coverage: 0.95 },
        "谁负责食品安全",
        f.ctx(),
        [],
      ),
    );
    expect(a.lead).toBe(`根据${CITE_30}，负责的是市、县（区）人民政府市场监督管理部门。`);
    expect(a.departments).toEqual(["市、县（区）人民政府市场监督管理部门"]);
    expect(a.citations.map((c) => c.article)).toEqual([30]);
    expect(a.text).toContain(`出处：${CITE_30}`);
    expect(a).toMatchObject({ intent: "responsibility", answered: true, confidence: 0.95 });
    expect(a.context).toEqual({ lawId: f.law.id, article: 30 });
  });

  it("says so when the article names no department", () => {
    const a = responsibilityAnswer({ entry: f.entry(8), matched: [], coverage: 1 }, "谁负责", f.ctx(), []);
    expect(a.lead).toBe(
      "《大同市智慧城市促进条例》第八条（第二章 规划和建设）对此作了规定，但没有指定具体负责部门。",
    );
    expect(a.departments).toEqual([]);
  });

  it("says who the article before acts through when this one names no body, within one chapter", () => {
    // 第十九条 (引导和支持…) continues 第十八条 (市、县（区）人民政府应当建设…) in chapter 3.
    const hit = { entry: f.entry(19), matched: ["医疗"], coverage: 1 };
    const a = responsibilityAnswer(hit, "智慧医疗谁管", f.ctx(), [], f.entry(18));
    expect(a.lead).toBe(
      "《大同市智慧城市促进条例》第十九条（第三章 智慧民生）对此作了规定，但没有指定具体负责部门。前一条（第十八条）规定的责任主体是市、县（区）人民政府。",
    );
    expect(a.departments).toEqual([]);
    const en = responsibilityAnswer(hit, "who handles smart medicine", f.ctx("en"), [], f.entry(18));
    expect(en.lead).toContain(
      "The article before it, 第十八条 (article 18), assigns its duties to 市、县（区）人民政府.",
    );
    // An article of another chapter (第十五条, chapter 2, names 人民政府) says nothing of this one.
    const across = responsibilityAnswer(hit, "智慧医疗谁管", f.ctx(), [], f.entry(15));
    expect(across.lead).not.toContain("前一条");
  });

  it("answers in English", () => {
    const ctx = f.ctx("en");
    const a = responsibilityAnswer({ entry: f.entry(25), matched: [], coverage: 1 }, "who", ctx, []);
    expect(a.lead).toBe(
      "Under 第二十五条 (article 25) of 大同市智慧城市促进条例, the responsible body is 市、县（区）公安机关.",
    );
  });
});

describe("topicAnswer", () => {
  it("cites the best hit and names its actors", () => {
    const best = f.hits("一网通办")[0];
    if (!best) throw new Error("no hit");
    const a = topicAnswer(best, f.ctx(), []);
    expect(a.lead).toBe(
      "《大同市智慧城市促进条例》第十七条（第三章 智慧民生）规定：市、县（区）人民政府应当以政府大数据平台建设为基础，……实现政务服务一窗受理、一网通办。",
    );
    expect(a.departments).toEqual(["市、县（区）人民政府"]);
    expect(a.context).toEqual({ lawId: f.law.id, article: 17 });
  });
});

describe("articleAnswer", () => {
  it("gives the whole article", () => {
    const a = articleAnswer(f.entry(6), f.ctx());
    expect(a.lead).toBe("《大同市智慧城市促进条例》第六条（第一章 总则）全文如下：");
    expect(a.citations[0]?.quote).toBe(articleOf(f.law, 6).text);
    expect(a).toMatchObject({ intent: "article_lookup", answered: true, confidence: 1 });
    expect(a.facet).toBeUndefined();
  });

  it("carries the intent and facet of a follow-up", () => {
    const ctx = f.ctx("en");
    const a = articleAnswer(f.entry(31), ctx, "followup", "next");
    expect(a).toMatchObject({ intent: "followup", facet: "next" });
    expect(a.lead).toBe("大同市智慧城市促进条例, 第三十一条 (article 31, chapter 4) reads:");
  });
});

describe("finish", () => {
  it("renders the text from the parts, once, in the Answer's key order", () => {
    const parts = articleAnswer(f.entry(45), f.ctx());
    const a = finish(parts);
    expect(a.text).toBe(
      "《大同市智慧城市促进条例》第四十五条（第七章 附则）全文如下：\n\n“本条例自2018年5月1日起施行。”\n\n出处：《大同市智慧城市促进条例》第四十五条（第七章 附则）",
    );
    expect(Object.keys(a).slice(0, 5)).toEqual(["intent", "answered", "lang", "text", "lead"]);
    expect({ ...a, text: undefined }).toEqual({ ...parts, text: undefined });
  });
});

describe("leadClause", () => {
  it("gives the clause with the matched words after the one that says who acts", () => {
    const quote = "市人民政府应当统筹规划，建设数据中心，推进数据开放。";
    expect(leadClause(quote, ["开放"])).toBe("市人民政府应当统筹规划，……推进数据开放。");
    expect(leadClause(quote, ["统筹"])).toBe("市人民政府应当统筹规划……");
  });

  it("keeps a lead short", () => {
    expect(leadClause("甲".repeat(100)).length).toBeLessThanOrEqual(62);
  });
});
