import { describe, expect, it } from "vitest";
import { classifyLine, classifyLines, settleArticles } from "../../src/law/lines.js";

describe("classifyLine", () => {
  it("reads both layouts' article lines, with the label in statute form", () => {
    expect(classifyLine("- **第四十五条**　　本条例自2018年5月1日起施行。", 9).article).toEqual({
      number: 45,
      sub: 0,
      label: "第四十五条",
      rest: "本条例自2018年5月1日起施行。",
      written: "第四十五条",
      spaced: true,
    });
    expect(classifyLine("第17条之1 甲。", 1).article).toMatchObject({
      number: 17,
      sub: 1,
      label: "第十七条之一",
      written: "第17条之1",
    });
    expect(classifyLine("第一万条 甲。", 1).article).toMatchObject({ number: 10_000, label: "第一万条" });
  });

  it("marks 第X条 written straight before its text as unspaced, and a reference as no article", () => {
    expect(classifyLine("第一条依法登记。", 1).article).toMatchObject({
      number: 1,
      rest: "依法登记。",
      spaced: false,
    });
    for (const text of [
      "第二条规定的情形。",
      "第三条第二款所称",
      "第一条增加第二款：",
      "第一百零四条的解释",
      "第二十三条：组织",
    ]) {
      expect(classifyLine(text, 1).article, text).toBeUndefined();
    }
  });

  it("keeps an article number it cannot read as a bad article, not an article", () => {
    const line = classifyLine("第十十条 甲。", 4);
    expect(line.article).toBeUndefined();
    expect(line.badArticle).toBe("十十");
  });

  it("reads items, third-level points, headings, bold lines, history and markers", () => {
    expect(classifyLine("- (二)乙；", 1).item).toEqual({ number: 2, label: "（二）", rest: "乙；" });
    expect(classifyLine("2、个人数据。", 1).sub).toBe("2.个人数据。");
    expect(classifyLine("（3）其他。", 1).sub).toBe("（3）其他。");
    expect(classifyLine("## **第二章　　附则**", 1).heading).toEqual({ level: 2, text: "第二章　　附则" });
    expect(classifyLine("**测试条例**", 1).bold).toBe("测试条例");
    expect(classifyLine("> （2020年1月1日通过）", 1).history).toBe("（2020年1月1日通过）");
    expect(classifyLine("<!-- INFO END -->", 1).marker).toBe("info-end");
    expect(classifyLine("<!-- 注 -->", 1).marker).toBe("comment");
    expect(classifyLine("---", 1).marker).toBe("rule");
  });
});

describe("classifyLines", () => {
  it("keeps the non-blank lines from the given index, trimmed, with their line numbers", () => {
    const lines = classifyLines(["---", "title: x", "---", "", "\u3000第一条\u00a0甲。 ", ""], 3);
    expect(lines.map((l) => [l.no, l.text])).toEqual([[5, "第一条\u00a0甲。"]]);
  });
});

describe("settleArticles", () => {
  /** Classified lines of a body text. */
  function setup(body: string) {
    return classifyLines(body.split("\n"), 0);
  }

  it("keeps unspaced articles that continue the numbering and drops the others", () => {
    const lines = setup("第一条依法。\n第二条建筑。\n第五条公司。\n第三条 其他。\n第四条本解释。");
    expect(settleArticles(lines)).toBe(4);
    expect(lines.map((l) => l.article?.label ?? "text")).toEqual([
      "第一条",
      "第二条",
      "text",
      "第三条",
      "第四条",
    ]);
  });

  it("never drops an article written with a space, in order or not", () => {
    const lines = setup("第三条 丙。\n第一条 甲。");
    expect(settleArticles(lines)).toBe(2);
  });

  it("reads an unspaced first article only as 第一条", () => {
    const lines = setup("第三百四十四条有关问题的批复\n正文。");
    expect(settleArticles(lines)).toBe(0);
  });
});
