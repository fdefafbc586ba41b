import { describe, expect, it } from "vitest";
import { classifyLines, settleArticles } from "../../src/law/lines.js";
import { buildStructure, buildWhole, tidyTitle, WHOLE_TEXT_LABEL } from "../../src/law/structure.js";

/** Builds a body text; returns the structure and the warnings it gave. */
function setup(body: string, frontTitle?: string) {
  const lines = classifyLines(body.split("\n"), 0);
  settleArticles(lines);
  const warnings: string[] = [];
  const warn = (line: number, problem: string) => {
    warnings.push(`line ${line}: ${problem}`);
  };
  return {
    lines,
    warnings,
    warn,
    build: () => buildStructure(lines, { frontTitle, numbering: "articles", warn }),
  };
}

describe("buildStructure", () => {
  it("builds chapters, sections and articles with paragraphs and items", () => {
    const { build, warnings } = setup(
      "# 测试条例\n## 第一章 总 则\n### 第一节 一般规定\n第一条 甲：\n（一）子；\n第二条 乙。\n另一款。",
    );
    const s = build();
    expect(s.title).toBe("测试条例");
    expect(s.chapters.map((c) => [c.label, c.title, c.sections.map((x) => x.label)])).toEqual([
      ["第一章", "总则", ["第一节"]],
    ]);
    expect(s.articles.map((a) => [a.label, a.paragraphs])).toEqual([
      ["第一条", [{ text: "甲：", items: [{ number: 1, label: "（一）", text: "子；" }] }]],
      [
        "第二条",
        [
          { text: "乙。", items: [] },
          { text: "另一款。", items: [] },
        ],
      ],
    ]);
    expect(s.chapterOf.get(s.articles[1] as never)?.label).toBe("第一章");
    expect(warnings).toEqual([]);
  });

  it("records a repeated number with the line of its first use, and warns about numbers out of order", () => {
    const { build, warnings } = setup("# 测试条例\n第一条 甲。\n第三条 丙。\n第二条 乙。\n第一条 再。");
    const s = build();
    expect([...s.repeats.entries()].map(([a, first]) => [a.label, a.line, first])).toEqual([
      ["第一条", 5, 2],
    ]);
    expect(warnings).toEqual([
      "line 3: article 2 is missing before 第三条",
      "line 4: 第二条 comes after 第三条; it is read where it stands",
    ]);
  });

  it("reads a short bare line as a heading that lost its 第X章 prefix", () => {
    const { build, warnings } = setup("# 测试条例\n第一条 甲。\n法律责任\n第二条 乙。");
    expect(build().chapters.map((c) => [c.number, c.title])).toEqual([
      [1, ""],
      [2, "法律责任"],
    ]);
    expect(warnings[0]).toBe('line 3: heading "法律责任" has no 第X章 prefix; read as the next chapter');
  });

  it("keeps short bare lines as text in a text numbered by paragraph", () => {
    const lines = classifyLines("一、甲。\n此复".split("\n"), 0);
    const [first] = lines;
    if (first)
      first.article = { number: 1, sub: 0, label: "一、", rest: "甲。", written: "一、", spaced: true };
    const s = buildStructure(lines, { frontTitle: "测试批复", numbering: "paragraphs", warn: () => {} });
    expect(s.articles[0]?.paragraphs.map((p) => p.text)).toEqual(["甲。", "此复"]);
  });
});

describe("buildWhole", () => {
  it("makes one passage, 全文, of every line after the title and history note", () => {
    const { lines, warn, warnings } = setup(
      "**测试批复**\n> （2014年4月11日通过）\n公 告\n**测试批复**\n> （2014年4月11日通过）\n## 某某院：\n同意。\n此复",
    );
    const s = buildWhole(lines, { frontTitle: "测试批复", warn });
    expect(s.articles.map((a) => [a.number, a.label, a.line, a.paragraphs.map((p) => p.text)])).toEqual([
      [1, WHOLE_TEXT_LABEL, 3, ["公 告", "测试批复", "（2014年4月11日通过）", "某某院：", "同意。", "此复"]],
    ]);
    expect(s.historyText).toEqual(["（2014年4月11日通过）", "（2014年4月11日通过）"]);
    expect(warnings).toEqual([]);
  });

  it("reads LawRefBook history above <!-- INFO END -->, and dated lines when that line is missing", () => {
    const a = setup("# 测试决定\n2019年7月26日 某市人大常委会通过\n会议地点\n<!-- INFO END -->\n正文。");
    expect(buildWhole(a.lines, { frontTitle: undefined, warn: a.warn }).historyText).toEqual([
      "2019年7月26日 某市人大常委会通过",
      "会议地点",
    ]);
    const b = setup("# 测试决定\n2019年7月26日 某市人大常委会通过\n正文。");
    const s = buildWhole(b.lines, { frontTitle: undefined, warn: b.warn });
    expect(s.historyText).toEqual(["2019年7月26日 某市人大常委会通过"]);
    expect(s.articles[0]?.paragraphs.map((p) => p.text)).toEqual(["正文。"]);
  });

  it("has no passage when there is no text", () => {
    const { lines, warn } = setup("# 测试决定\n2019年7月26日 某市人大常委会通过\n<!-- INFO END -->");
    expect(buildWhole(lines, { frontTitle: undefined, warn }).articles).toEqual([]);
  });
});

describe("tidyTitle", () => {
  it("removes the spacing typesetting puts inside titles", () => {
    expect(tidyTitle("总\u3000则 ")).toBe("总则");
  });
});
