import { beforeAll, describe, expect, it } from "vitest";
import { articleAnswer, citationOf, notCovered, relatedArticle } from "../../src/answer/builders.js";
import {
  candidatesBlock,
  contactLine,
  elsewhereBlock,
  relatedLine,
  renderText,
  sourceLine,
} from "../../src/answer/render-text.js";
import { type AnswerFixture, answerFixture } from "../helpers/answer.js";

let f: AnswerFixture;
beforeAll(async () => {
  f = await answerFixture();
});

const CONTACT = {
  department: "市场监督管理部门",
  office: "示例市市场监督管理局（虚构）",
  phone: "0000-0000000",
  address: null,
  web: null,
  hours: "工作日 9:00-17:00",
};

describe("renderText", () => {
  it("puts the lead, the quote and the source in that order", () => {
    expect(renderText({ ...articleAnswer(f.entry(45), f.ctx()), lead: "答复。" })).toBe(
      "答复。\n\n“本条例自2018年5月1日起施行。”\n\n出处：《大同市智慧城市促进条例》第四十五条（第七章 附则）",
    );
    expect(renderText(articleAnswer(f.entry(45), f.ctx("en")))).toMatch(
      /\n\nSource: 《大同市智慧城市促进条例》第四十五条/,
    );
  });

  it("gives the lead alone when there is nothing else", () => {
    expect(renderText(notCovered(f.ctx(), "《大同市智慧城市促进条例》"))).toMatch(
      /^抱歉，《大同市智慧城市促进条例》中没有找到/,
    );
  });

  it("adds notes, candidates, provisions of other laws and contacts, each a paragraph", () => {
    const base = notCovered(f.ctx(), "《大同市智慧城市促进条例》");
    const text = renderText({
      ...base,
      notes: ["说明。"],
      candidates: [relatedArticle(f.entry(30))],
      elsewhere: [citationOf(f.entry(28), "引文")],
      contacts: [CONTACT],
    });
    const paragraphs = text.split("\n\n");
    expect(paragraphs.slice(1)).toEqual([
      "说明。",
      "您是不是想问：\n1. 《大同市智慧城市促进条例》第三十条：市场监督管理部门应当建设统一信息网络和智能移动监…",
      "其他法规中的相关规定（不适用于本地，仅供参考）：《大同市智慧城市促进条例》第二十八条（第四章 智慧治理）：“引文”",
      "联系（市场监督管理部门）：示例市市场监督管理局（虚构），电话 0000-0000000，办公时间 工作日 9:00-17:00",
    ]);
  });

  it("adds the related articles only when asked to", () => {
    const parts = { ...articleAnswer(f.entry(30), f.ctx()), related: [relatedArticle(f.entry(31))] };
    expect(renderText(parts)).not.toContain("相关条文");
    expect(renderText(parts, { related: true })).toMatch(/\n\n相关条文：第三十一条（.+）$/);
  });
});

describe("sourceLine", () => {
  it("labels the source in the answer's language", () => {
    expect(sourceLine("《法》第一条", "zh")).toBe("出处：《法》第一条");
    expect(sourceLine("《法》第一条", "en")).toBe("Source: 《法》第一条");
  });
});

describe("candidatesBlock", () => {
  it("numbers the closest provisions so that a resident can reply with the number", () => {
    const block = candidatesBlock([relatedArticle(f.entry(30)), relatedArticle(f.entry(17))], "en");
    expect(block.split("\n")).toHaveLength(3);
    expect(block).toMatch(/^Did you mean:\n1\. 第三十条 \(article 30\) of 大同市智慧城市促进条例: /);
  });
});

describe("elsewhereBlock", () => {
  it("marks another law's provision as not the local rule", () => {
    expect(elsewhereBlock(citationOf(f.entry(1), "引文"), "en")).toMatch(
      /^Related provision in another law \(it does not apply here/,
    );
  });
});

describe("contactLine", () => {
  it("leaves out what the directory does not give", () => {
    expect(contactLine({ ...CONTACT, phone: null, hours: null, web: "https://example.invalid" }, "en")).toBe(
      "Contact（市场监督管理部门）：示例市市场监督管理局（虚构）, https://example.invalid",
    );
  });
});

describe("relatedLine", () => {
  it("lists label and gist", () => {
    expect(relatedLine([relatedArticle(f.entry(45))], "zh")).toBe(
      "相关条文：第四十五条（本条例自2018年5月1日起施行）",
    );
  });
});
