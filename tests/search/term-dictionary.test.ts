import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, TermDictionary } from "../../src/search/term-dictionary.js";

describe("TermDictionary", () => {
  it("numbers terms in sorted order and finds each one", () => {
    const d = TermDictionary.from(["监管", "食品", "安全", "app", "12345"]);
    expect(d.size).toBe(5);
    const terms = Array.from({ length: d.size }, (_, i) => d.term(i));
    expect(terms).toEqual(["12345", "app", "安全", "监管", "食品"]);
    for (const [i, t] of terms.entries()) expect(d.id(t)).toBe(i);
  });

  it("says −1 for a term it does not hold, and works empty", () => {
    const d = TermDictionary.from(["安全"]);
    expect(d.id("安")).toBe(-1);
    expect(d.id("安全生产")).toBe(-1);
    expect(TermDictionary.from([]).id("安全")).toBe(-1);
  });

  it("finds every term of any set, astral characters included (property)", () => {
    const unit = fc.constantFrom("安", "全", "a", "1", "𠀀", "龘", " ");
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit, minLength: 1, maxLength: 5 }), { maxLength: 40 }),
        (terms) => {
          const d = TermDictionary.from(terms);
          return terms.every((t) => d.term(d.id(t)) === t) && d.size === terms.length;
        },
      ),
    );
  });

  it("round-trips through its data", () => {
    const d = TermDictionary.from(["工资", "加班"]);
    const copy = new TermDictionary(structuredClone(d.data));
    expect(copy.id("加班")).toBe(d.id("加班"));
  });
});

describe("compare", () => {
  it("orders as < does", () => {
    expect(compare("a", "b")).toBe(-1);
    expect(compare("b", "a")).toBe(1);
    expect(compare("安", "安")).toBe(0);
  });
});
