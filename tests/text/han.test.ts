import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hanLength, isHan, isPunctuation } from "../../src/text/han.js";

describe("isHan", () => {
  it("agrees with \\p{Script=Han} on every code point of the BMP and the CJK extensions", () => {
    const han = /^\p{Script=Han}$/u;
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x3ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (cp > 0xffff && cp < 0x20000) continue;
      if (isHan(cp) !== han.test(String.fromCodePoint(cp))) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  });
});

describe("hanLength", () => {
  it("counts the code points of an all-Han text, −1 for anything else", () => {
    expect(hanLength("食品安全")).toBe(4);
    expect(hanLength("𠀀食")).toBe(2);
    expect(hanLength("")).toBe(0);
    expect(hanLength("食品app")).toBe(-1);
    expect(hanLength("食，")).toBe(-1);
    expect(hanLength("\ud800")).toBe(-1);
  });

  it("is what the regexps it replaces say (property)", () => {
    const chars = [..."食品安全监管〇々〆𠀀𠀁abc1，。 \ud800"];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...chars), maxLength: 8 }), (s) => {
        const n = hanLength(s);
        return (
          n > 0 === /^\p{Script=Han}+$/u.test(s) &&
          (n === 1) === /^\p{Script=Han}$/u.test(s) &&
          (n === 2) === /^\p{Script=Han}{2}$/u.test(s)
        );
      }),
    );
  });
});

describe("isPunctuation", () => {
  it("holds for a non-empty text of punctuation, symbols and space only", () => {
    expect(isPunctuation("，。！")).toBe(true);
    expect(isPunctuation(" \u3000+")).toBe(true);
    expect(isPunctuation("")).toBe(false);
    expect(isPunctuation("食，")).toBe(false);
    expect(isPunctuation("a")).toBe(false);
  });

  it("is what the regexp it replaces says (property)", () => {
    const chars = [..."，。！？、…—+ \t\u3000食a1𠀀😀\ud800"];
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...chars), maxLength: 8 }),
        (s) => isPunctuation(s) === /^[\p{P}\p{S}\s]+$/u.test(s),
      ),
    );
  });
});
