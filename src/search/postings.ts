/**
 * A compact inverted index for the whole corpus (1,900 laws, 80,000 articles): postings in typed
 * arrays, BM25 scoring, documents of one law in one contiguous id range.
 *
 * Why not MiniSearch here, as for the home laws: measured on this machine at 82,618 articles,
 * MiniSearch took about a minute to build, several seconds to load from its JSON and hundreds of
 * milliseconds per question (common words have tens of thousands of postings). Typed arrays load
 * from disk in milliseconds, and a law-scoped search only touches that law's id range.
 */

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;

/** The serialisable form of a {@link PostingsIndex}. */
export interface PostingsData {
  terms: string[];
  /** offsets[t] .. offsets[t+1] are the postings of term t. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  docLengths: Uint16Array;
}

/** One scored document. */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/** Options of {@link PostingsIndex.search}. */
export interface PostingsSearchOptions {
  /** Only documents in [from, to). */
  from?: number;
  to?: number;
  /** Leave out documents in [skipFrom, skipTo) (e.g. the home laws, searched elsewhere). */
  skipFrom?: number;
  skipTo?: number;
  /**
   * Terms in more than this share of all documents are skipped when there are rarer ones: they
   * rank nothing and cost most (a question's 建设 has tens of thousands of postings).
   */
  maxDocShare?: number;
  limit?: number;
}

/** A BM25 index over token lists. */
export class PostingsIndex {
  readonly data: PostingsData;
  private readonly termIds: Map<string, number>;
  private readonly avgLength: number;
  // Score accumulator reused across searches: one slot per document.
  private readonly scores: Float64Array;

  constructor(data: PostingsData) {
    this.data = data;
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
    let total = 0;
    for (const l of data.docLengths) total += l;
    this.avgLength = data.docLengths.length > 0 ? total / data.docLengths.length : 1;
    this.scores = new Float64Array(data.docLengths.length);
  }

  /** Builds the index from each document's tokens (document id = position). */
  static build(documents: string[][]): PostingsIndex {
    const termIds = new Map<string, number>();
    const perTerm: number[][] = [];
    const docLengths = new Uint16Array(documents.length);
    documents.forEach((tokens, doc) => {
      docLengths[doc] = Math.min(tokens.length, 65_535);
      const counts = new Map<number, number>();
      for (const t of tokens) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = perTerm.length;
          termIds.set(t, id);
          perTerm.push([]);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, tf] of counts) (perTerm[id] as number[]).push(doc, tf);
    });
    const offsets = new Uint32Array(perTerm.length + 1);
    let size = 0;
    perTerm.forEach((p, i) => {
      offsets[i] = size;
      size += p.length / 2;
    });
    offsets[perTerm.length] = size;
    const docs = new Uint32Array(size);
    const tfs = new Uint16Array(size);
    perTerm.forEach((p, i) => {
      let k = offsets[i] as number;
      for (let j = 0; j < p.length; j += 2) {
        docs[k] = p[j] as number;
        tfs[k] = Math.min(p[j + 1] as number, 65_535);
        k++;
      }
    });
    return new PostingsIndex({ terms: [...termIds.keys()], offsets, docs, tfs, docLengths });
  }

  /** Number of documents. */
  get size(): number {
    return this.data.docLengths.length;
  }

  /** In how many documents a term occurs (0 when unknown). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    return (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
  }

  /** True when the term is in the index. */
  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /** BM25 over the given terms, each with its boost; best first. */
  search(boosts: ReadonlyMap<string, number>, options: PostingsSearchOptions = {}): ScoredDoc[] {
    const n = this.size;
    const from = options.from ?? 0;
    const to = options.to ?? n;
    const { docs, tfs, offsets, docLengths } = this.data;
    const scoped = to - from;
    let terms = [...boosts.entries()]
      .map(([t, boost]) => ({ id: this.termIds.get(t), boost }))
      .filter((t): t is { id: number; boost: number } => t.id !== undefined)
      .map((t) => ({ ...t, df: (offsets[t.id + 1] as number) - (offsets[t.id] as number) }));
    const maxShare = options.maxDocShare ?? 1;
    if (scoped === n && maxShare < 1) {
      const rare = terms.filter((t) => t.df <= maxShare * n);
      // Keep the two rarest common terms when nothing rarer is asked, so a question of common
      // words still finds something.
      terms = rare.length >= 2 ? rare : [...terms].sort((a, b) => a.df - b.df).slice(0, 2);
    }
    const touched: number[] = [];
    const scores = this.scores;
    for (const { id, boost, df } of terms) {
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      let start = offsets[id] as number;
      const end = offsets[id + 1] as number;
      if (from > 0) start = lowerBound(docs, start, end, from);
      for (let k = start; k < end; k++) {
        const doc = docs[k] as number;
        if (doc >= to) break;
        if (options.skipFrom !== undefined && doc >= options.skipFrom && doc < (options.skipTo ?? 0))
          continue;
        const tf = tfs[k] as number;
        const len = docLengths[doc] as number;
        const s = (boost * idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * len) / this.avgLength));
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] as number) + s;
      }
    }
    const limit = options.limit ?? 40;
    const out: ScoredDoc[] = touched.map((doc) => ({ doc, score: scores[doc] as number }));
    for (const d of touched) scores[d] = 0;
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, limit);
  }
}

function lowerBound(arr: Uint32Array, lo: number, hi: number, value: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((arr[mid] as number) < value) a = mid + 1;
    else b = mid;
  }
  return a;
}
