import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHINESE_NUMERAL_CLASS, parseChineseNumber, toChineseNumber } from "../../src/law/numerals.js";

/**
 * A deliberately plain reference for the statute style: each non-zero digit with its unit, one 零
 * for any run of zeros inside the number, and 一十 shortened to 十 at the start.
 */
function reference(n: number): string {
  const digits = "零一二三四五六七八九";
  const places: Array<[number, string]> = [
    [Math.floor(n / 1000) % 10, "千"],
    [Math.floor(n / 100) % 10, "百"],
    [Math.floor(n / 10) % 10, "十"],
    [n % 10, ""],
  ];
  let out = "";
  let gap = false;
  for (const [d, unit] of places) {
    if (d === 0) {
      gap = out !== "";
      continue;
    }
    if (gap) out += "零";
    gap = false;
    out += digits[d] + unit;
  }
  return out.replace(/^一十/, "十");
}

/** The positional form (二〇一八) that years and some scans use, from ICU's han decimal digits. */
const positional = new Intl.NumberFormat("zh-CN-u-nu-hanidec", { useGrouping: false });

function setup() {
  return { reference, positional };
}

describe("parseChineseNumber", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十五", 15],
    ["一十五", 15],
    ["二十", 20],
    ["四十五", 45],
    ["一百", 100],
    ["一百零三", 103],
    ["一百一十", 110],
    ["两百", 200],
    ["一千零一", 1001],
    ["一千〇一十", 1010],
    ["九千九百九十九", 9999],
    ["壹佰零叁", 103],
    ["拾伍", 15],
  ])("reads %s as %i", (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it("reads the article numbers of the seed as they are written", () => {
    expect(parseChineseNumber("四十五")).toBe(45);
    expect(parseChineseNumber("三十")).toBe(30);
    expect(parseChineseNumber("二十一")).toBe(21);
  });

  it("reads 〇 and 零 alone as 0, so that 0 is told apart from no number", () => {
    expect(parseChineseNumber("〇")).toBe(0);
    expect(parseChineseNumber("零")).toBe(0);
  });

  it("reads the positional form used in years", () => {
    expect(parseChineseNumber("二〇一八")).toBe(2018);
    expect(parseChineseNumber("二〇")).toBe(20);
  });

  it("reads ASCII and full-width digits, and ignores surrounding space", () => {
    expect(parseChineseNumber("45")).toBe(45);
    expect(parseChineseNumber("４５")).toBe(45);
    expect(parseChineseNumber("１２３４５")).toBe(12345);
    expect(parseChineseNumber(" 十五 ")).toBe(15);
    expect(parseChineseNumber("\u3000三十\u3000")).toBe(30);
  });

  it.each([
    ["一万", 10_000],
    ["一万零一", 10_001],
    ["一万零十", 10_010],
    ["十万", 100_000],
    ["一万五千", 15_000],
    ["一亿零一十万", 100_100_000],
    ["一万亿", 1_000_000_000_000],
    ["壹萬", 10_000],
  ])("reads %s as %i (numbers past 9,999: 第一万条)", (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each([
    "",
    "   ",
    "abc",
    "第三十",
    "三十条",
    "十十",
    "三点五",
    "-1",
    "1.5",
    "4五",
    "一百一千",
    "万",
    "一万一万",
    "一万亿亿亿",
  ])("returns undefined for %j", (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });

  it("round-trips every number the statute style writes (property, 1–9999)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => parseChineseNumber(toChineseNumber(n)) === n),
    );
  });

  it("round-trips 1–999 (property, the range of article numbers)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (n) => parseChineseNumber(toChineseNumber(n)) === n),
      { numRuns: 1000 },
    );
  });

  it("reads the reference's statute form (property)", () => {
    const { reference } = setup();
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), (n) => parseChineseNumber(reference(n)) === n));
  });

  it("reads ICU's positional han digits (property)", () => {
    const { positional } = setup();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => parseChineseNumber(positional.format(n)) === n),
    );
  });

  it("reads ASCII and full-width digits of any size (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        const ascii = String(n);
        const wide = ascii.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        return parseChineseNumber(ascii) === n && parseChineseNumber(wide) === n;
      }),
    );
  });
});

describe("toChineseNumber", () => {
  it.each([
    [0, "零"],
    [1, "一"],
    [10, "十"],
    [15, "十五"],
    [20, "二十"],
    [45, "四十五"],
    [100, "一百"],
    [103, "一百零三"],
    [110, "一百一十"],
    [111, "一百一十一"],
    [1001, "一千零一"],
    [1010, "一千零一十"],
    [1100, "一千一百"],
    [9999, "九千九百九十九"],
  ])("writes %i as %s", (n, text) => {
    expect(toChineseNumber(n)).toBe(text);
  });

  it("agrees with the reference for 1–9999 (property)", () => {
    const { reference } = setup();
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), (n) => toChineseNumber(n) === reference(n)));
  });

  it("writes only characters of CHINESE_NUMERAL_CLASS (property)", () => {
    const only = new RegExp(`^[${CHINESE_NUMERAL_CLASS}]+$`);
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), (n) => only.test(toChineseNumber(n))));
  });

  it.each([
    [10_000, "一万"],
    [10_001, "一万零一"],
    [10_010, "一万零一十"],
    [15_000, "一万五千"],
    [100_000, "十万"],
    [110_000, "十一万"],
    [100_100_000, "一亿零一十万"],
    [100_000_001, "一亿零一"],
    [1_000_000_000_000, "一万亿"],
  ])("writes %i as %s", (n, text) => {
    expect(toChineseNumber(n)).toBe(text);
  });

  it("round-trips every whole number JavaScript holds exactly (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (n) => parseChineseNumber(toChineseNumber(n)) === n,
      ),
      { numRuns: 2000 },
    );
    expect(parseChineseNumber(toChineseNumber(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([-1, Number.MAX_SAFE_INTEGER + 1, 1.5, Number.NaN])(
    "refuses %d with a RangeError that says the range",
    (n) => {
      expect(() => toChineseNumber(n)).toThrow(RangeError);
      expect(() => toChineseNumber(n)).toThrow(
        `toChineseNumber takes a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${n}`,
      );
    },
  );
});

describe("regressions: 零 before 十", () => {
  it("一千零十", () => {
    expect(parseChineseNumber("一千零十")).toBe(1010);
  });
  it("一百零十", () => {
    expect([110, undefined]).toContain(parseChineseNumber("一百零十"));
  });
});
