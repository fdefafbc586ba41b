/**
 * Chinese numerals as they appear in article and chapter numbers (第四十五条, 第一百零三条,
 * 第一万条, 第二〇条 in some scans), both ways, for every whole number JavaScript holds exactly
 * (up to Number.MAX_SAFE_INTEGER, about 九千万亿).
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
/** Units inside a group of four digits. */
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const GROUP_CHARS = "万萬亿億";
const NUMERAL_CHARS = `${Object.keys(DIGITS).join("")}${Object.keys(UNITS).join("")}${GROUP_CHARS}`;

/** A regular-expression character class body matching Chinese numeral characters. */
export const CHINESE_NUMERAL_CLASS = NUMERAL_CHARS;

/**
 * Parses a Chinese numeral ("四十五", "一百零三", "十", "一万零一", "二〇") or ASCII digits ("45", "４５")
 * into a number. Returns `undefined` for anything else — including numerals whose units are out of
 * order (一百一千) and numbers too large to hold exactly — so callers can tell "no number" apart from 0.
 */
export function parseChineseNumber(input: string): number | undefined {
  const s = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (s === "") return undefined;
  if (/^\d+$/.test(s)) return safe(Number(s));
  if (![...s].every((c) => c in DIGITS || c in UNITS || GROUP_CHARS.includes(c))) return undefined;
  // Positional form without units, e.g. 二〇一八 — used in years.
  if (![...s].some((c) => c in UNITS || GROUP_CHARS.includes(c))) {
    return safe(Number([...s].map((c) => DIGITS[c]).join("")));
  }
  if (/^[〇零]$/.test(s)) return 0;
  const n = parseGroups(s, true);
  return n !== undefined && n > 0 ? safe(n) : undefined;
}

function safe(n: number): number | undefined {
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Units that close a group of four digits, largest first: 万亿 = 10¹², 亿 = 10⁸, 万 = 10⁴. */
const GROUPS: Array<[names: string[], unit: number]> = [
  [["万亿", "萬億"], 1e12],
  [["亿", "億"], 1e8],
  [["万", "萬"], 1e4],
];

/**
 * A numeral with 万/亿: what stands before the largest group unit times that unit, plus the rest
 * (which must be smaller than the unit: 一万零一 = 10001; 一万二万 is refused).
 * `leading`: the numeral starts here, so a bare 十 means 一十 (十五万 = 150000).
 */
function parseGroups(s: string, leading: boolean): number | undefined {
  for (const [names, unit] of GROUPS) {
    for (const name of names) {
      const at = s.indexOf(name);
      if (at < 0) continue;
      const high = at === 0 ? undefined : parseGroups(s.slice(0, at), leading);
      if (high === undefined || high === 0) return undefined;
      const rest = s.slice(at + name.length).replace(/^[〇零]/, "");
      const low = rest === "" ? 0 : parseGroups(rest, false);
      if (low === undefined || low >= unit) return undefined;
      return high * unit + low;
    }
  }
  return parseGroup(s, leading);
}

/**
 * One group below 万: "四十五", "一百零三", "十", "九千九百九十九". Units must fall (千 before 百 before
 * 十), each with at most one digit before it; 零 marks a gap and is otherwise ignored.
 */
function parseGroup(s: string, leading: boolean): number | undefined {
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Number.POSITIVE_INFINITY;
  let first = true;
  for (const c of s) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (digit !== undefined && digit !== 0 && d !== 0) return undefined; // 四五 with units elsewhere
      digit = d;
      first = false;
      continue;
    }
    const unit = UNITS[c];
    if (unit === undefined || unit >= lastUnit) return undefined;
    // A bare 十 at the start means 一十 (十五 = 15), and so does 十 after 零 (一千零十 = 1010).
    const multiplier = digit === 0 ? 1 : (digit ?? (first && (leading || unit === 10) ? 1 : undefined));
    if (multiplier === undefined) return undefined;
    total += multiplier * unit;
    lastUnit = unit;
    digit = undefined;
    first = false;
  }
  if (digit !== undefined) {
    // A trailing digit counts as the units: 一百零三 = 103.
    total += digit;
  }
  return total;
}

const DIGIT_NAMES = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** Units of the groups of four digits, from the lowest: 1, 万, 亿, 万亿. */
const GROUP_NAMES = ["", "万", "亿", "万亿"];

/**
 * Writes a whole number the way statutes do: 10 → 十, 15 → 十五, 45 → 四十五, 103 → 一百零三,
 * 110 → 一百一十, 10000 → 一万, 10001 → 一万零一, 100000 → 十万.
 * @throws RangeError for anything but a whole number from 0 to Number.MAX_SAFE_INTEGER.
 */
export function toChineseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `toChineseNumber takes a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${n}`,
    );
  }
  if (n === 0) return "零";
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  const parts: string[] = [];
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g] as number;
    if (value === 0) {
      if (parts.length > 0) zeroPending = true;
      continue;
    }
    // 一万零一: a group after a higher one that does not fill its thousands starts with 零.
    if (parts.length > 0 && (zeroPending || value < 1000)) parts.push("零");
    zeroPending = false;
    parts.push(writeGroup(value, parts.length === 0), GROUP_NAMES[g] as string);
  }
  return parts.join("");
}

/** One group of four digits (1–9999); `leading`: 十五 rather than 一十五 at the very start. */
function writeGroup(n: number, leading: boolean): string {
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
    if (!(value === 10 && d === 1 && parts.length === 0 && leading)) parts.push(DIGIT_NAMES[d] as string);
    parts.push(name);
  }
  return parts.join("");
}
