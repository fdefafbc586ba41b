import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldForMatching, highlightOffsets } from "../../../src/channels/http/highlight.js";

/** The obvious reference: mark every character covered by an occurrence, then read off the runs. */
function reference(text: string, words: string[]): Array<{ start: number; end: number }> {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    if (!w) continue;
    for (let i = 0; i + w.length <= text.length; i++) {
      if (text.slice(i, i + w.length) === w) for (let k = i; k < i + w.length; k++) covered[k] = true;
    }
  }
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) continue;
    const start = i;
    while (i < text.length && covered[i]) i++;
    out.push({ start, end: i });
  }
  return out;
}

describe("highlightOffsets", () => {
  const article =
    "市、县（区）人民政府市场监督管理部门应当建设统一信息网络和智能移动监管平台，实现食品药品安全监管信息共享与业务协同。";

  it("finds every occurrence of every word, as [start, end) offsets", () => {
    const marks = highlightOffsets(article, ["食品", "安全"]);
    expect(marks.map(({ start, end }) => article.slice(start, end))).toEqual(["食品", "安全"]);
  });

  it("merges overlapping and touching matches", () => {
    expect(highlightOffsets("安全监管", ["安全", "全监", "监管"])).toEqual([{ start: 0, end: 4 }]);
    expect(highlightOffsets("食品安全", ["食品", "安全"])).toEqual([{ start: 0, end: 4 }]);
  });

  it("matches as the index does: full width, traditional characters and case", () => {
    const text = "推進ＡＰＰ應用";
    const marks = highlightOffsets(text, ["app", "应用"]);
    expect(marks.map(({ start, end }) => text.slice(start, end))).toEqual(["ＡＰＰ應用"]);
  });

  it("ignores empty words and words that do not occur", () => {
    expect(highlightOffsets(article, ["", "护照"])).toEqual([]);
  });

  it("agrees with marking characters one by one (property)", () => {
    const alphabet = fc.constantFrom("安", "全", "监", "管", "a", "b", "，");
    const text = fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join(""));
    const word = fc.array(alphabet, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, fc.array(word, { maxLength: 4 }), (t, ws) => {
        expect(highlightOffsets(t, ws)).toEqual(reference(t, ws));
      }),
    );
  });
});

describe("foldForMatching", () => {
  it("keeps the length of any text, so offsets stay valid", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (t) => {
        expect(foldForMatching(t).length).toBe(t.length);
      }),
    );
    expect(foldForMatching("監管 ＡＰＰ\n")).toBe("监管 app\n");
  });
});
