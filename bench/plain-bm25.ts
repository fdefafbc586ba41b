/**
 * A plain BM25, written for clarity rather than speed: maps of maps, no typed arrays, no
 * segments, no ranking stage. Two uses: the reference the engine's postings are tested against
 * (tests/helpers/bm25-suite.ts runs one suite on both and checks that they agree), and the
 * baseline `npm run bench` ranks the STARD questions with, next to the engine.
 *
 * score(d) = Σ over query terms t in d of boost(t) × idf(t) × (δ + tf·(k1+1) / (tf + k1·(1 − b + b·len(d)/avglen)))
 * with idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)); δ = 0 is Okapi BM25, δ > 0 BM25+.
 */

/** Parameters of {@link PlainBm25}. */
export interface PlainBm25Options {
  k1?: number;
  b?: number;
  delta?: number;
  /** What a document's length counts: its tokens (Okapi) or its distinct terms (MiniSearch). */
  length?: "tokens" | "distinct";
}

/** One scored document. */
export interface PlainHit {
  doc: number;
  score: number;
}

/** BM25 over documents given as token lists (document id = position). */
export class PlainBm25 {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private readonly average: number;
  private readonly k1: number;
  private readonly b: number;
  private readonly delta: number;

  constructor(documents: readonly (readonly string[])[], options: PlainBm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.delta = options.delta ?? 0;
    documents.forEach((tokens, doc) => {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      this.lengths.push(options.length === "distinct" ? counts.size : tokens.length);
      for (const [t, tf] of counts) {
        let list = this.postings.get(t);
        if (!list) {
          list = new Map();
          this.postings.set(t, list);
        }
        list.set(doc, tf);
      }
    });
    const total = this.lengths.reduce((a, b) => a + b, 0);
    this.average = total > 0 ? total / this.lengths.length : 1;
  }

  /** Number of documents. */
  get size(): number {
    return this.lengths.length;
  }

  /** In how many documents a term occurs. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** The score of every document in [from, to) that holds a query term, best first (ties: lower id). */
  search(
    boosts: ReadonlyMap<string, number>,
    range: { from?: number; to?: number; limit?: number } = {},
  ): PlainHit[] {
    const from = range.from ?? 0;
    const to = range.to ?? this.size;
    const scores = new Map<number, number>();
    for (const [term, boost] of boosts) {
      const list = this.postings.get(term);
      if (!list) continue;
      const n = this.size;
      const df = list.size;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (const [doc, tf] of list) {
        if (doc < from || doc >= to) continue;
        const norm = tf + this.k1 * (1 - this.b + (this.b * (this.lengths[doc] as number)) / this.average);
        const s = boost * (idf * (this.delta + (tf * (this.k1 + 1)) / norm));
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, range.limit ?? Number.POSITIVE_INFINITY);
  }
}
