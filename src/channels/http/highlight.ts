/**
 * Highlight offsets: where the words a search matched occur in an article's text. The API sends
 * offsets, never HTML, so every client inserts the law text as text and marks the ranges itself.
 */
import { normalize } from "../../mod.js";

/** A highlighted range of a text: [start, end) in UTF-16 code units (JavaScript string indices). */
export interface Highlight {
  start: number;
  end: number;
}

/**
 * Folds each character the way the index normalises text (full width → half width, traditional →
 * simplified, lower case) while keeping one character per character, so that an offset found in the
 * folded text is the same offset in the original.
 */
export function foldForMatching(text: string): string {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}

// Folding a character goes through OpenCC, which is slow next to a look-up; the alphabet of the
// laws is a few thousand characters, so each is folded once. Bounded all the same.
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 65_536;

function foldChar(c: string): string {
  let f = FOLDED.get(c);
  if (f === undefined) {
    const n = normalize(c);
    f = n.length === c.length ? n : c;
    if (FOLDED.size < MAX_FOLDED) FOLDED.set(c, f);
  }
  return f;
}

/**
 * The ranges of `text` where any of `words` occurs (matching as the index does), sorted and merged
 * where they overlap or touch.
 */
export function highlightOffsets(text: string, words: readonly string[]): Highlight[] {
  const hay = foldForMatching(text);
  const ranges: Highlight[] = [];
  for (const word of new Set(words.map((w) => foldForMatching(w)))) {
    if (word === "") continue;
    for (let i = hay.indexOf(word); i !== -1; i = hay.indexOf(word, i + 1)) {
      ranges.push({ start: i, end: i + word.length });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
