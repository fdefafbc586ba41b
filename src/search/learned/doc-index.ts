/**
 * The corpus's documents as small integers for the ranker: each article's law, chapter and
 * section ids, its law type and how often training questions cited it, and the learned fields
 * (the words earlier questions used, per cited article and per cited chapter).
 */
import { Bm25Field } from "./bm25.js";
import type { RankerDoc } from "./ranker.js";
import type { LearnedTables } from "./tables.js";

/** Interns strings as small integers in first-seen order. */
export class Interner {
  readonly ids = new Map<string, number>();

  /** The id of a key, assigning the next one when the key is new. */
  id(key: string): number {
    let i = this.ids.get(key);
    if (i === undefined) {
      i = this.ids.size;
      this.ids.set(key, i);
    }
    return i;
  }
}

/** Law type codes: what the two law-type features test. */
export const TYPE_CODE = { other: 0, judicialInterpretation: 1, administrativeRegulation: 2 } as const;

/** Per-document and per-group arrays, built once per corpus. */
export interface DocIndex {
  size: number;
  laws: Interner;
  chapters: Interner;
  sections: Interner;
  docSection: Int32Array;
  /** log(1 + number of training questions citing the article). */
  popularity: Float32Array;
  docLaw: Int32Array;
  docChapter: Int32Array;
  docType: Uint8Array;
  /** Each section lies in one chapter of one law, with one type. */
  sectionChapter: Int32Array;
  sectionLaw: Int32Array;
  sectionType: Uint8Array;
  /** The asked field: one row per cited article (tables.articles order), and its documents. */
  asked: Bm25Field;
  docsOfAskedRow: number[][];
  /** The chapter asked field: one row per cited chapter, and the row of each chapter id (-1: none). */
  chapterAsked: Bm25Field;
  chapterRowOf: Int32Array;
}

/** Builds the arrays for the documents and the tables. */
export function indexDocs(docs: readonly RankerDoc[], tables: LearnedTables): DocIndex {
  const n = docs.length;
  const laws = new Interner();
  const chapters = new Interner();
  const sections = new Interner();
  const docLaw = new Int32Array(n);
  const docChapter = new Int32Array(n);
  const docSection = new Int32Array(n);
  const docType = new Uint8Array(n);
  const popularity = new Float32Array(n);
  const askedKeys = [...tables.articles.groups.keys()];
  const rowOfKey = new Map(askedKeys.map((k, i) => [k, i]));
  const docsOfAskedRow: number[][] = askedKeys.map(() => []);
  docs.forEach((d, i) => {
    docLaw[i] = laws.id(d.law);
    docChapter[i] = chapters.id(d.chapter);
    docSection[i] = sections.id(d.section);
    docType[i] =
      d.lawType === "司法解释"
        ? TYPE_CODE.judicialInterpretation
        : d.lawType === "行政法规"
          ? TYPE_CODE.administrativeRegulation
          : TYPE_CODE.other;
    const row = rowOfKey.get(d.key);
    if (row !== undefined) {
      (docsOfAskedRow[row] as number[]).push(i);
      popularity[i] = Math.log1p(tables.articles.groups.get(d.key)?.questions ?? 0);
    }
  });
  const sectionCount = sections.ids.size;
  const sectionChapter = new Int32Array(sectionCount);
  const sectionLaw = new Int32Array(sectionCount);
  const sectionType = new Uint8Array(sectionCount);
  for (let d = n - 1; d >= 0; d--) {
    const sec = docSection[d] as number;
    sectionChapter[sec] = docChapter[d] as number;
    sectionLaw[sec] = docLaw[d] as number;
    sectionType[sec] = docType[d] as number;
  }
  const chapterKeys = [...tables.chapters.groups.keys()];
  const chapterRowOf = new Int32Array(chapters.ids.size).fill(-1);
  chapterKeys.forEach((k, r) => {
    const c = chapters.ids.get(k);
    if (c !== undefined) chapterRowOf[c] = r;
  });
  const wordsOf = (table: LearnedTables["articles"]) => (k: string) =>
    table.groups.get(k)?.words ?? new Map();
  return {
    size: n,
    laws,
    chapters,
    sections,
    docLaw,
    docChapter,
    docSection,
    docType,
    popularity,
    sectionChapter,
    sectionLaw,
    sectionType,
    asked: Bm25Field.fromCounts(askedKeys.map(wordsOf(tables.articles))),
    docsOfAskedRow,
    chapterAsked: Bm25Field.fromCounts(chapterKeys.map(wordsOf(tables.chapters))),
    chapterRowOf,
  };
}
