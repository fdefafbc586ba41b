/**
 * Text normalisation, applied before anything else looks at a question or an article:
 * full-width → half-width, traditional → simplified Chinese, case folding, one space for any run
 * of white space, control characters dropped. Questions and the index go through the same function,
 * so "食品安全監管", "食品安全监管" and "ＡＰＰ"/"app" meet.
 */
import * as OpenCC from "opencc-js/t2cn";

// Traditional (Taiwan, Hong Kong and generic) → mainland simplified. Built once: it holds the tables.
const convert = OpenCC.Converter({ from: "t", to: "cn" });

/**
 * Where the converter could replace something: the converter replaces only text that matches a
 * key of its dictionaries, so a text in which no key starts comes out as it went in. A key starts
 * at a character when the key is that character, or when the key's first two characters are there.
 * Read from the dictionaries the converter was built from (its `t2s` configuration); undefined
 * when their shape is not the one expected, and then every text is converted.
 */
interface KeyStarts {
  /** Code points that are keys by themselves (bits over the BMP; a set above it). */
  single: CodePointSet;
  /** Code points that begin a longer key. */
  first: CodePointSet;
  /** The first two code points of every longer key, as first × 0x110000 + second. */
  pairs: Set<number>;
}

/** A set of code points: 8 KB of bits for the BMP, a Set for the rest. */
class CodePointSet {
  private readonly bmp = new Uint8Array(0x10000 / 8);
  private readonly astral = new Set<number>();

  add(cp: number): void {
    if (cp > 0xffff) this.astral.add(cp);
    else this.bmp[cp >> 3] = (this.bmp[cp >> 3] as number) | (1 << (cp & 7));
  }

  has(cp: number): boolean {
    return cp > 0xffff ? this.astral.has(cp) : ((this.bmp[cp >> 3] as number) & (1 << (cp & 7))) !== 0;
  }
}

const KEY_STARTS = keyStarts();

function keyStarts(): KeyStarts | undefined {
  const config = (OpenCC.Locale.configs as Record<string, unknown>).t2s as
    | { normalizationChain?: unknown; conversionChain?: unknown; segmentation?: unknown }
    | undefined;
  if (!config || config.segmentation !== undefined) return undefined;
  // Each chain is a list of dictionary groups, each group a list of dictionaries.
  const chains = [config.normalizationChain, config.conversionChain];
  if (!chains.every(Array.isArray)) return undefined;
  const groups = (chains as unknown[][]).flat();
  if (!groups.every(Array.isArray)) return undefined;
  const starts: KeyStarts = { single: new CodePointSet(), first: new CodePointSet(), pairs: new Set() };
  let keys = 0;
  const add = (key: string) => {
    const a = key.codePointAt(0);
    if (a === undefined) return;
    keys++;
    const b = key.codePointAt(a > 0xffff ? 2 : 1);
    if (b === undefined) {
      starts.single.add(a);
    } else {
      starts.first.add(a);
      starts.pairs.add(a * 0x110000 + b);
    }
  };
  for (const group of groups as unknown[][]) {
    for (const dict of group) {
      // A dictionary is "key value|key value…" or a list of [key, value] pairs.
      if (typeof dict === "string") for (const pair of dict.split("|")) add(pair.split(" ")[0] ?? "");
      else if (Array.isArray(dict)) for (const pair of dict) add(String((pair as unknown[])[0] ?? ""));
      else return undefined;
    }
  }
  // The dictionaries hold some 5,000 keys: far fewer means they were not read as they should.
  return keys >= 1_000 ? starts : undefined;
}

/**
 * Traditional → simplified. Most questions are simplified already: looking for a place where a
 * dictionary key starts is cheaper than the converter's walk through its tries, which touched
 * memory enough to cost some 4 µs of every question on a busy server (`npm run bench`, README
 * "Speed").
 */
export function toSimplified(text: string): string {
  return mayConvert(text) ? convert(text) : text;
}

/** Whether a dictionary key of the converter starts somewhere in `text` (true when unknown). */
export function mayConvert(text: string): boolean {
  if (!KEY_STARTS) return true;
  const { single, first, pairs } = KEY_STARTS;
  // Code point by code point, as the converter walks the text.
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const next = i + (cp > 0xffff ? 2 : 1);
    if (single.has(cp)) return true;
    if (first.has(cp) && next < text.length && pairs.has(cp * 0x110000 + (text.codePointAt(next) as number)))
      return true;
    i = next;
  }
  return false;
}

// C0/C1 controls, zero-width characters and bidi marks: invisible, never meaningful in a question.
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}]/gu;

// Emoji (a waving hand, a smile, a thumbs-up with its skin tone, a keycap): how a message feels,
// never what it asks; a greeting with one is still a greeting. Pictographs, skin tones, the emoji
// variation selector and the keycap mark.
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u20E3/gu;

/** Full-width ASCII (！–～) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

/**
 * Normalises text for matching (not for display): half-width, simplified, lower case,
 * single spaces, no control characters.
 */
export function normalize(text: string): string {
  return plainForm(text) ?? fullForm(text);
}

/**
 * The normal form of a text made only of characters every step but three leaves alone — printable
 * ASCII, CJK ideographs, full-width ASCII, the common CJK and typographic punctuation, no white
 * space — or undefined for any other text. For these characters the steps reduce to full-width →
 * half-width and lower case (no controls, nothing NFC or white space would touch), and to the
 * converter when a dictionary key starts in the text (then the full form is computed instead).
 * The full steps, one ICU and five Unicode-class regexp passes, cost about 7 µs of a question on a
 * busy server, where caches are cold (`npm run bench`, README "Speed"); this is one pass.
 */
function plainForm(text: string): string | undefined {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let to: number;
    if (c >= 0x41 && c <= 0x5a) to = c + 0x20;
    else if ((c >= 0x21 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))
      continue;
    else if (c >= 0xff01 && c <= 0xff5e) {
      to = c - 0xfee0;
      if (to >= 0x41 && to <= 0x5a) to += 0x20;
    } else if ((c >= 0x3001 && c <= 0x3011) || c === 0x2014 || (c >= 0x2018 && c <= 0x201d) || c === 0x2026)
      continue;
    else return undefined;
    out += text.slice(from, i) + String.fromCharCode(to);
    from = i + 1;
  }
  const plain = from === 0 ? text : out + text.slice(from);
  return mayConvert(plain) ? undefined : plain;
}

/** Every step of normalisation, for any text. */
function fullForm(text: string): string {
  const visible = text.replace(INVISIBLE, "").replace(EMOJI, " ");
  return (
    toSimplified(toHalfWidth(visible.normalize("NFC")))
      .toLowerCase()
      .replace(/\s+/g, " ")
      // Chinese is written without spaces: "食 品 安 全" is 食品安全.
      .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1")
      .trim()
  );
}
