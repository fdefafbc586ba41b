/**
 * Chinese numerals as they appear in article and chapter numbers (第四十五条, 第一百零三条,
 * 第二〇条 in some scans), both ways, for 1–9999.
 */

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const NUMERAL_CHARS = `${Object.keys(DIGITS).join("")}${Object.keys(UNITS).join("")}`;

/** A regular-expression character class body matching Chinese numeral characters. */
export const CHINESE_NUMERAL_CLASS = NUMERAL_CHARS;

/**
 * Parses a Chinese numeral ("四十五", "一百零三", "十", "二〇") or ASCII digits ("45", "４５")
 * into a number. Returns `undefined` for anything else, so callers can tell "no number" apart from 0.
 */
export function parseChineseNumber(input: string): number | undefined {
  const s = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (s === "") return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  if (![...s].every((c) => c in DIGITS || c in UNITS)) return undefined;
  // Positional form without units, e.g. 二〇一八 — used in years.
  if (![...s].some((c) => c in UNITS)) {
    return Number([...s].map((c) => DIGITS[c]).join(""));
  }
  let total = 0;
  let digit: number | undefined;
  for (const c of s) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (digit !== undefined && digit !== 0 && d !== 0) return undefined; // 四五 with units elsewhere
      digit = d;
      continue;
    }
    const unit = UNITS[c] as number;
    // A bare 十 at the start means 一十 (十五 = 15), and so does 十 after 零 (一千零十 = 1010).
    const multiplier = digit === 0 ? 1 : (digit ?? (total === 0 ? 1 : undefined));
    total += (multiplier ?? Number.NaN) * unit;
    digit = undefined;
  }
  if (digit !== undefined) total += digit;
  return Number.isFinite(total) && total > 0 ? total : total === 0 && /^[〇零]$/.test(s) ? 0 : undefined;
}

const DIGIT_NAMES = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/**
 * Writes a number 0–9999 the way statutes do: 10 → 十, 15 → 十五, 45 → 四十五,
 * 103 → 一百零三, 110 → 一百一十.
 */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`toChineseNumber takes a whole number from 0 to 9999, got ${n}`);
  }
  if (n === 0) return "零";
  const parts: string[] = [];
  const units: Array<[number, string]> = [
    [1000, "千"],
    [100, "百"],
    [10, "十"],
    [1, ""],
  ];
  let zeroPending = false;
  for (const [value, name] of units) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (parts.length > 0) zeroPending = true;
      continue;
    }
    if (zeroPending) parts.push("零");
    zeroPending = false;
    // 十五 rather than 一十五 when the number starts with the tens.
    if (!(value === 10 && d === 1 && parts.length === 0)) parts.push(DIGIT_NAMES[d] as string);
    parts.push(name);
  }
  return parts.join("");
}
