import { describe, expect, it } from "vitest";
import { finishLaw } from "../../src/law/finish.js";
import type { Structure } from "../../src/law/structure.js";
import type { Article } from "../../src/law/types.js";

function article(number: number, label: string, line: number, texts: string[]): Article {
  return {
    number,
    sub: 0,
    label,
    chapter: null,
    section: null,
    paragraphs: texts.map((text) => ({ text, items: [] })),
    text: "",
    line,
  };
}

/** Finishes a structure with the given articles; returns the law. */
function setup(articles: Article[], extra: Partial<Structure> = {}, file = "x.md") {
  const structure: Structure = {
    title: "测试条例",
    historyText: [],
    chapters: [],
    articles,
    chapterOf: new Map(),
    repeats: new Map(),
    ...extra,
  };
  const warnings: string[] = [];
  const warn = (line: number, problem: string) => {
    warnings.push(`line ${line}: ${problem}`);
  };
  return finishLaw(structure, { front: {}, file, numbering: "articles", lineCount: 20, warn, warnings });
}

describe("finishLaw", () => {
  it("joins paragraphs and items into the text and leaves out an article without text", () => {
    const law = setup([article(1, "第一条", 3, ["甲。", "乙。"]), article(2, "第二条", 5, [""])]);
    expect(law.articles.map((a) => [a.label, a.text])).toEqual([["第一条", "甲。\n乙。"]]);
    expect(law.warnings).toEqual(["line 5: 第二条 has no text: it is left out"]);
  });

  it("gives a repeated number the next number after the highest, keeping its label", () => {
    const again = article(1, "第一条", 9, ["再。"]);
    const law = setup([article(1, "第一条", 3, ["甲。"]), article(7, "第七条", 5, ["乙。"]), again], {
      repeats: new Map([[again, 3]]),
    });
    expect(law.articles.map((a) => [a.number, a.label])).toEqual([
      [1, "第一条"],
      [7, "第七条"],
      [8, "第一条"],
    ]);
    expect(law.warnings).toEqual([
      "line 9: 第一条 appears again (first on line 3): read as article 8, labelled 第一条",
    ]);
  });

  it("warns about a last article without closing punctuation, and sorts the warnings by line", () => {
    const law = setup([article(1, "第一条", 3, ["甲"]), article(2, "第二条", 5, [""])]);
    expect(law.warnings).toEqual([
      'line 3: 第一条 ends without closing punctuation ("…甲"): the file may be cut off',
      "line 5: 第二条 has no text: it is left out",
    ]);
  });

  it("takes the title from the file name when the text gives none, and derives the id", () => {
    const law = setup(
      [article(1, "第一条", 3, ["甲。"])],
      { title: undefined },
      "山东/某市条例(2020-01-02).md",
    );
    expect(law.title).toBe("某市条例");
    expect(law.id).toBe("某市条例(2020-01-02)");
    expect(law.warnings[0]).toMatch(/^line 1: no title found: the file name "某市条例" is used/);
  });

  it("lists a law without articles, with a warning at its last line", () => {
    const law = setup([]);
    expect(law.articles).toEqual([]);
    expect(law.warnings).toEqual([
      "line 20: no text besides the title and history: the law is listed, with nothing to cite",
    ]);
  });
});
