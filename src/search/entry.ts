/**
 * An article as the search layer holds it: the law, the article, its departments, and its
 * normalised text, computed on first use (80,000 articles need not be normalised at start-up
 * when a question only ever looks at a few dozen candidates).
 */
import type { Article, Law } from "../law/types.js";
import { isPunctuation } from "../text/han.js";
import { normalize } from "../text/normalize.js";
import type { DepartmentMention } from "../understand/departments.js";

/** One article in the index. */
export class IndexedArticle {
  private normalizedText: string | undefined;
  private haystack: string | undefined;
  private haystackChars: CharBits | undefined;

  constructor(
    /** Position in the corpus: articles of one law have consecutive ids. */
    readonly id: number,
    readonly law: Law,
    readonly article: Article,
    readonly departments: DepartmentMention[],
  ) {}

  /** Normalised text of the article (what matching looks at). */
  get normalized(): string {
    this.normalizedText ??= normalize(this.article.text);
    return this.normalizedText;
  }

  /**
   * The normalised text and department names: where question words are looked for. Words in a
   * list are also joined ("推进、监督、管理" gives "监督管理" too), as residents write them.
   */
  get hay(): string {
    if (this.haystack === undefined) {
      const text = `${this.normalized} ${normalize(this.departments.map((d) => d.name).join(" "))}`;
      this.haystack = text.includes("、") ? `${text} ${text.replace(/、/g, "")}` : text;
    }
    return this.haystack;
  }

  /** The characters of {@link hay}, as bits: what rules out most words before a search of it. */
  get hayChars(): CharBits {
    this.haystackChars ??= charBits(this.hay);
    return this.haystackChars;
  }
}

/**
 * The characters a text holds, as 1,024 bits (character c sets bit c mod 1,024): a word with a
 * character whose bit is not set is not in the text. Ranking looks for each question word in each
 * of 40 candidate articles, most of them without it; testing a few bits instead of reading the
 * article cut the ranking stage from … µs to … µs a question (`npm run bench`, README "Speed").
 */
export type CharBits = Uint32Array;

/** The bits of a text's characters. */
export function charBits(text: string): CharBits {
  const bits = new Uint32Array(32);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) & 1023;
    bits[c >>> 5] = (bits[c >>> 5] as number) | (1 << (c & 31));
  }
  return bits;
}

/** False when the text the bits were made of cannot contain `term`; true when it may. */
export function mayContain(bits: CharBits, term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i) & 1023;
    if (((bits[c >>> 5] as number) & (1 << (c & 31))) === 0) return false;
  }
  return true;
}

/** Overlapping two-character pieces of each run of Chinese characters. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** The index words of a text: jieba search mode, without punctuation and stop words. */
export function indexWords(
  text: string,
  cutForSearch: (t: string) => string[],
  stopwords: ReadonlySet<string>,
): string[] {
  return cutForSearch(text).filter((w) => !isPunctuation(w) && !stopwords.has(w));
}
