/**
 * The corpus as the engine numbers it: every article of every law gets a document id, the laws in
 * order (home laws first), the articles of one law consecutive. Entries (the article with its
 * law, departments and normalised text) are made when first asked for, so laws read from the
 * cache are parsed only when a question reaches them.
 */
import type { Article, Law } from "../law/types.js";
import type { DepartmentMention } from "../understand/departments.js";
import { IndexedArticle } from "./entry.js";

/** The document ids of one law: [from, to). */
export interface LawRange {
  from: number;
  to: number;
}

// 第N条之M is keyed N × SUB_RANGE + M: no law has an article with 之1000.
const SUB_RANGE = 1000;

/** Document ids ↔ articles. */
export interface DocumentTable {
  /** Every law, in id order. */
  readonly laws: readonly Law[];
  /** Number of documents (articles of all laws). */
  readonly size: number;
  /** Number of documents of each law, in the order of `laws`. */
  readonly counts: readonly number[];
  /** The entry of document `doc`. */
  entryAt(doc: number): IndexedArticle;
  /** Article `number` (第N条之`sub`) of `law`, if it has one. */
  entryOf(law: Law, number: number, sub?: number): IndexedArticle | undefined;
  /** The position in `laws` of the law document `doc` belongs to. */
  lawIndexAt(doc: number): number;
  /** The documents of a law, by id. */
  rangeOf(lawId: string): LawRange | undefined;
}

/**
 * A table over `laws` with `counts[i]` articles each (known without reading the articles of laws
 * from the cache). `departmentsOf(i, k)` gives the departments of article k of law i; it is called
 * after that law's articles have been read.
 */
export function createDocumentTable(
  laws: readonly Law[],
  counts: readonly number[],
  departmentsOf: (law: number, article: number) => DepartmentMention[],
): DocumentTable {
  const starts = new Uint32Array(laws.length + 1);
  counts.forEach((n, i) => {
    starts[i + 1] = (starts[i] as number) + n;
  });
  const size = starts[laws.length] as number;
  const docLaw = new Uint32Array(size);
  for (let i = 0; i < laws.length; i++) docLaw.fill(i, starts[i], starts[i + 1]);
  const lawIndex = new Map(laws.map((l, i) => [l, i]));
  const ranges = new Map(
    laws.map((l, i) => [l.id, { from: starts[i] as number, to: starts[i + 1] as number }]),
  );
  const entries: Array<IndexedArticle | undefined> = new Array(size);

  const entryAt = (doc: number): IndexedArticle => {
    let e = entries[doc];
    if (!e) {
      const i = docLaw[doc] as number;
      const law = laws[i] as Law;
      const k = doc - (starts[i] as number);
      // Reading `articles` parses a cached law's blob on first use.
      const article = law.articles[k] ?? missingArticle(k);
      e = new IndexedArticle(doc, law, article, departmentsOf(i, k));
      entries[doc] = e;
    }
    return e;
  };

  // Position of each article of a law by number and 之N, made when the law is first looked up:
  // callers walk every article of 民法典 (1,260) by number, which a scan per call makes quadratic.
  const positions: Array<Map<number, number> | undefined> = [];
  const positionOf = (i: number, number: number, sub: number): number | undefined => {
    let byKey = positions[i];
    if (!byKey) {
      byKey = new Map();
      const articles = (laws[i] as Law).articles;
      for (let k = articles.length - 1; k >= 0; k--) {
        const a = articles[k] as Article;
        byKey.set(a.number * SUB_RANGE + a.sub, k); // the first of duplicate numbers wins
      }
      positions[i] = byKey;
    }
    return byKey.get(number * SUB_RANGE + sub);
  };

  return {
    laws,
    size,
    counts,
    entryAt,
    entryOf: (law, number, sub = 0) => {
      const i = lawIndex.get(law);
      if (i === undefined || sub < 0 || sub >= SUB_RANGE) return undefined;
      const k = positionOf(i, number, sub);
      return k === undefined || k >= (counts[i] as number) ? undefined : entryAt((starts[i] as number) + k);
    },
    lawIndexAt: (doc) => docLaw[doc] as number,
    rangeOf: (lawId) => ranges.get(lawId),
  };
}

/**
 * Stands in for an article the index counts but the law no longer has (a law re-read from its
 * file after its cached copy was found damaged, and changed meanwhile): empty, so it matches no
 * question, until the next start rebuilds the index.
 */
function missingArticle(k: number): Article {
  return { number: 0, sub: 0, label: "", chapter: null, section: null, paragraphs: [], text: "", line: k };
}
