/**
 * The one splitter for long replies: cuts text into pieces that each measure at most `max` in the
 * channel's own unit — UTF-16 code units for Telegram, UTF-8 bytes for WeChat — at a paragraph or
 * sentence end where one falls in the second half of the room, else at a clause end, else after
 * the last whole character. Pieces concatenate back to the text; a character is never split.
 */

/** How a channel measures length. */
export type Measure = (text: string) => number;

/** Telegram's unit: UTF-16 code units. */
export const utf16Length: Measure = (text) => text.length;

/** WeChat's unit: UTF-8 bytes. */
export const utf8Length: Measure = (text) => Buffer.byteLength(text, "utf8");

// Where a sentence (or a line) ends — cut after these — and, failing that, where a clause ends.
const SENTENCE_END = new Set(["。", "！", "？", "；", "\n", "!", "?", ";", "”"]);
const CLAUSE_END = new Set(["，", "、", "：", ",", ":", " ", "）"]);

/** Options of {@link cutText} and {@link splitText}. */
export interface CutOptions {
  /**
   * How full a piece must be before a sentence or clause end counts, as a share of `max`.
   * Default 0.5: a cut earlier than half the room would make a short piece and many more after
   * it. A channel that packs pieces into messages itself (Telegram) passes 0, so that whole
   * sentences are kept whenever they fit.
   */
  minFill?: number;
}

/**
 * Splits `text` so that `head` measures at most `max` and ends at a sentence end (or a clause end,
 * or the last whole character that fits). `head + rest === text`; `head` is never empty when
 * `text` is not, unless a single character is longer than `max`.
 */
export function cutText(
  text: string,
  max: number,
  measure: Measure,
  options: CutOptions = {},
): { head: string; rest: string } {
  let size = 0;
  let end = 0;
  let sentence = 0;
  let clause = 0;
  const half = max * (options.minFill ?? 0.5);
  for (const ch of text) {
    const width = measure(ch);
    if (size + width > max) break;
    size += width;
    end += ch.length;
    const isPeriod = ch === "." && /\s/.test(text[end] ?? "\n");
    if (size >= half && (SENTENCE_END.has(ch) || isPeriod)) sentence = end;
    else if (size >= half && CLAUSE_END.has(ch)) clause = end;
  }
  if (end === text.length) return { head: text, rest: "" };
  const at = sentence || clause || end;
  return { head: text.slice(0, at), rest: text.slice(at) };
}

/** Splits `text` into pieces of at most `max` each (see {@link cutText}). */
export function splitText(text: string, max: number, measure: Measure, options: CutOptions = {}): string[] {
  if (!Number.isFinite(max) || max < 1) throw new RangeError("the length limit must be a positive number");
  const out: string[] = [];
  let rest = text;
  while (rest !== "") {
    const cut = cutText(rest, max, measure, options);
    // A single character wider than the limit still has to go somewhere: alone.
    const head = cut.head === "" ? String.fromCodePoint(rest.codePointAt(0) as number) : cut.head;
    out.push(head);
    rest = rest.slice(head.length);
  }
  return out;
}
