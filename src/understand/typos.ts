/**
 * Typos of a phone keyboard: a pinyin input method offers every character of the same sound, so
 * residents write 食品安权 for 食品安全, 第三十跳 for 第三十条, 应急管里 for 应急管理. A span of the
 * question that is not a word but differs from a term of the corpus in one character of the same
 * (or nearly the same) pinyin is read as that term. The terms are the corpus's own vocabulary —
 * its words, article labels and department names — never a list of typos.
 */
import { pinyin } from "@napi-rs/pinyin";
import type { Law } from "../law/types.js";
import { hanLength } from "../text/han.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import type { DepartmentMention } from "./departments.js";
import type { Vocabulary } from "./vocabulary.js";

/** One correction made in a question. */
export interface Correction {
  /** What the resident wrote. */
  from: string;
  /** The corpus term it is read as. */
  to: string;
}

/** Corrects typos against a fixed vocabulary. */
export interface TypoCorrector {
  /** The question with its typos replaced, and what was replaced. */
  correct(text: string): { text: string; corrections: Correction[] };
}

/** Options of {@link createTypoCorrector}. */
export interface TypoOptions {
  /** The terms a question may mean (2–8 Chinese characters each; others are ignored). */
  terms: Iterable<string>;
  /** Whether a span is a word in its own right (then it is not a typo, whatever it looks like). */
  isWord: (span: string) => boolean;
  /**
   * The question's words: a span is only read as a typo when it starts and ends between words, so
   * 开始时行 may hold the typo 时行 but not 始时.
   */
  cut: (text: string) => string[];
  /**
   * Whether a character is one of the words every sentence has (和, 要, 起, 去): in a two-character
   * span it is read as written, never as a typo ("哪天起" is not 天气, "物联网和" is not 网格).
   */
  isCommonChar?: (ch: string) => boolean;
}

const HAN = /^\p{Script=Han}+$/u;
const MIN_TERM = 2;
const MAX_TERM = 8;
const HOLE = "\u0000";

const readings = new Map<string, string[]>();

/** The toneless pinyin readings of one character (all of them, for 行: xing, hang, heng). */
function readingsOf(ch: string): string[] {
  let r = readings.get(ch);
  if (r === undefined) {
    r = [...new Set((pinyin(ch, { heteronym: true })[0] as string[] | undefined) ?? [])];
    readings.set(ch, r);
  }
  return r;
}

// The fuzzy syllables of pinyin input methods (模糊音): retroflex and flat initials, n and l,
// front and back nasals are the confusions a phone keyboard lets through.
const FUZZY: Array<[RegExp, string]> = [
  [/^zh/, "z"],
  [/^ch/, "c"],
  [/^sh/, "s"],
  [/^n(?=[^g]|$)/, "l"],
  [/ang$/, "an"],
  [/eng$/, "en"],
  [/ing$/, "in"],
];

function fuzzy(reading: string): string {
  let r = reading;
  for (const [from, to] of FUZZY) r = r.replace(from, to);
  return r;
}

const fuzzyReadings = new Map<string, ReadonlySet<string>>();

/** The fuzzy forms of a character's readings, worked out once per character. */
function fuzzyReadingsOf(ch: string): ReadonlySet<string> {
  let r = fuzzyReadings.get(ch);
  if (r === undefined) {
    r = new Set(readingsOf(ch).map(fuzzy));
    fuzzyReadings.set(ch, r);
  }
  return r;
}

/**
 * Whether two characters sound alike on a pinyin keyboard: a reading in common, counting the
 * fuzzy syllables an input method accepts (zhi/zi, lan/nan, qing/qin) as one.
 */
export function soundAlike(a: string, b: string): boolean {
  const rb = fuzzyReadingsOf(b);
  for (const x of fuzzyReadingsOf(a)) if (rb.has(x)) return true;
  return false;
}

// The spans of questions looked up, with what they stand for (null: no typo). A question's spans
// are its words and their neighbours, which the next questions ask again: a look-up of the span
// costs less than building and looking up a key for each of its characters. Bounded in entries
// (a few MB at most).
const SPAN_MEMO = 50_000;

/** Builds a corrector: the terms indexed by each of their characters left out. */
export function createTypoCorrector(options: TypoOptions): TypoCorrector {
  const known = new Set<string>();
  const byHole = new Map<string, string[]>();
  for (const term of options.terms) {
    if (term.length < MIN_TERM || term.length > MAX_TERM || !HAN.test(term) || known.has(term)) continue;
    known.add(term);
    for (let i = 0; i < term.length; i++) {
      const key = term.slice(0, i) + HOLE + term.slice(i + 1);
      const list = byHole.get(key);
      if (list) list.push(term);
      else byHole.set(key, [term]);
    }
  }

  const spans = new Map<string, string | null>();
  /** The term a span stands for, if it is a typo of exactly one (remembered per span). */
  const termFor = (span: string): string | undefined => {
    let term = spans.get(span);
    if (term === undefined) {
      term = typoOf(span) ?? null;
      if (spans.size >= SPAN_MEMO) spans.clear();
      spans.set(span, term);
    }
    return term ?? undefined;
  };

  const typoOf = (span: string): string | undefined => {
    if (known.has(span) || options.isWord(span)) return undefined;
    const found = new Set<string>();
    for (let i = 0; i < span.length; i++) {
      const typed = span[i] as string;
      if (span.length === 2 && options.isCommonChar?.(typed)) continue;
      for (const term of byHole.get(span.slice(0, i) + HOLE + span.slice(i + 1)) ?? []) {
        if (soundAlike(typed, term[i] as string)) found.add(term);
      }
    }
    // Two terms a span could be (社去: 社区? 社会?) — no guess.
    return found.size === 1 ? [...found][0] : undefined;
  };

  return {
    correct(text) {
      const corrections: Correction[] = [];
      // Where words end (1) and where not (0); the cut's words add up to the text.
      const bounds = new Uint8Array(text.length + 1);
      bounds[0] = 1;
      let at = 0;
      for (const word of options.cut(text)) {
        at += word.length;
        if (at <= text.length) bounds[at] = 1;
      }
      // The text is copied only from its first correction on: most questions have none.
      let out: string | undefined;
      let copied = 0;
      let i = 0;
      while (i < text.length) {
        const found = bounds[i] === 1 ? longestTypoAt(text, i) : undefined;
        if (found) {
          corrections.push({ from: text.slice(i, i + found.length), to: found });
          out = (out ?? "") + text.slice(copied, i) + found;
          i += found.length;
          copied = i;
        } else {
          i++;
        }
      }
      return { text: out === undefined ? text : out + text.slice(copied), corrections };

      // Longest span first, so 第三十跳 is read as 第三十条 before 十跳 is looked at.
      function longestTypoAt(t: string, start: number): string | undefined {
        for (let len = Math.min(MAX_TERM, t.length - start); len >= MIN_TERM; len--) {
          if (bounds[start + len] !== 1) continue;
          const span = t.slice(start, start + len);
          if (hanLength(span) <= 0) continue;
          const term = termFor(span);
          if (term) return term;
        }
        return undefined;
      }
    },
  };
}

/** What {@link termsOfLaws} reads. */
export interface TermSource {
  laws: readonly Law[];
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  /** The departments of an article, as the index found them. */
  departmentsOf: (law: Law, article: Law["articles"][number]) => readonly DepartmentMention[];
}

/**
 * The terms a question about `laws` may mean: the words of their articles (search mode, so parts of
 * long words too), article labels (第三十条), chapter titles, department names, and the vocabulary's
 * dictionary and synonyms (公交, 警察: what residents say).
 */
export function termsOfLaws(source: TermSource): Set<string> {
  const { laws, tokenizer, vocabulary } = source;
  const terms = new Set<string>();
  for (const law of laws) {
    for (const article of law.articles) {
      for (const w of tokenizer.cutForSearch(normalize(article.text))) terms.add(w);
      terms.add(normalize(article.label));
      for (const d of source.departmentsOf(law, article)) {
        terms.add(normalize(d.name));
        terms.add(normalize(d.canonical));
        // The field a department is named for: 应急管理 of 应急管理部门.
        terms.add(normalize(d.canonical).replace(/(主管部门|相关部门|有关部门|部门|机关|单位)$/, ""));
      }
    }
    for (const c of law.chapters) if (c.title) terms.add(normalize(c.title));
  }
  for (const d of vocabulary.dictionary) terms.add(d.word);
  for (const [term, others] of vocabulary.synonyms) {
    terms.add(term);
    for (const o of others) terms.add(o);
  }
  return terms;
}

/**
 * Chinese terms written in pinyin in an English question ("zhihui nongye", "chengguan"): the
 * corpus term whose toneless pinyin, run together, is the given letters, when exactly one is.
 */
export function createPinyinLookup(terms: Iterable<string>): (letters: string) => string | undefined {
  const byPinyin = new Map<string, string | null>();
  for (const term of terms) {
    if (term.length < MIN_TERM || term.length > 6 || !HAN.test(term)) continue;
    // Each character by its first reading: how a dictionary would romanise the term.
    const key = [...term].map((ch) => readingsOf(ch)[0] ?? "").join("");
    const seen = byPinyin.get(key);
    byPinyin.set(key, seen === undefined || seen === term ? term : null);
  }
  return (letters) => byPinyin.get(letters) ?? undefined;
}
