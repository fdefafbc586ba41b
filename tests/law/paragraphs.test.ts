import { describe, expect, it } from "vitest";
import { classifyLines, type SourceLine } from "../../src/law/lines.js";
import { markNumberedParagraphs } from "../../src/law/paragraphs.js";

/** Classified lines of a body text without 第X条, and what the pass marks on them. */
function setup(body: string) {
  const lines = classifyLines(body.split("\n"), 0);
  const result = markNumberedParagraphs(lines);
  const marked = (l: SourceLine) => l.article?.label ?? l.chapter?.label ?? "-";
  return { lines, result, marks: lines.map(marked) };
}

describe("markNumberedParagraphs", () => {
  it("marks a run 一、二、三、 as passages: label 一、, number 1, the rest of the line as text", () => {
    const { lines, result, marks } = setup("决定如下：\n一、甲。\n（一）子项；\n二、乙。\n三、丙。");
    expect(result).toEqual({ numbering: "paragraphs" });
    expect(marks).toEqual(["-", "一、", "-", "二、", "三、"]);
    expect(lines[1]?.article).toEqual({
      number: 1,
      sub: 0,
      label: "一、",
      rest: "甲。",
      written: "一、",
      spaced: true,
    });
  });

  it("reads numbered headings and bold numerals: ## 一、…, **二**、…", () => {
    const { marks, lines } = setup("## 一、适用税额\n说明。\n**二**、其他规定。");
    expect(marks).toEqual(["一、", "-", "二、"]);
    expect(lines[0]?.article?.rest).toBe("适用税额");
  });

  it("leaves a line numbered out of turn as text, and allows one missing number", () => {
    expect(setup("一、甲。\n二、乙：\n一、内部列表。\n三、丙。").marks).toEqual([
      "一、",
      "二、",
      "-",
      "三、",
    ]);
    expect(setup("1. 甲\n2. 乙\n1. 误排\n4. 丁").marks).toEqual(["1.", "2.", "-", "4."]);
  });

  it("reads points 1. 2. … under short numbered titles as passages, the titles as chapters", () => {
    const { marks, lines } = setup("一、执行机构\n1. 甲。\n2. 乙。\n二、执行管辖\n3. 丙。");
    expect(marks).toEqual(["一、", "1.", "2.", "二、", "3."]);
    expect(lines[0]?.chapter).toEqual({ number: 1, label: "一、", title: "执行机构" });
    expect(lines[0]?.article).toBeUndefined();
  });

  it("keeps 一、 passages when the points under them start again in each", () => {
    const { marks } = setup("一、甲\n1. 子甲。\n2. 子乙。\n二、乙\n1. 子丙。");
    expect(marks).toEqual(["一、", "-", "-", "二、", "-"]);
  });

  it("splits a first 一、 off the preamble line it was run into", () => {
    const { lines, result, marks } = setup("作如下解释：一、关于甲。\n二、关于乙。");
    expect(result.numbering).toBe("paragraphs");
    expect(result.split?.text).toBe("一、关于甲。");
    expect(lines.map((l) => [l.no, l.text])).toEqual([
      [1, "作如下解释："],
      [1, "一、关于甲。"],
      [2, "二、关于乙。"],
    ]);
    expect(marks).toEqual(["-", "一、", "二、"]);
  });

  it("answers whole when there is no run of two numbered paragraphs", () => {
    expect(setup("某某院：\n经研究，批复如下：同意。\n此复").result).toEqual({ numbering: "whole" });
    expect(setup("一、只有一段。").result).toEqual({ numbering: "whole" });
  });
});
