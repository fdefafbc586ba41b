/**
 * A small BM25 field index: postings in typed arrays, scores accumulated into a caller's dense
 * array so that several fields and term groups can be scored over the same candidates without
 * allocating per question. The learned "asked" field (words of the questions that cited an
 * article) lives in one of these; the research harness also uses it for the article fields.
 */
import type { TouchedSink } from "./doc-list.js";

/** BM25 saturation and length normalisation of one field. */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** A BM25 index over one field of a set of documents (document id = position). */
export class Bm25Field {
  private readonly termIds = new Map<string, number>();
  private readonly offsets: Uint32Array;
  private readonly docs: Uint32Array;
  private readonly tfs: Uint16Array;
  private readonly lengths: Float32Array;
  private readonly avgLength: number;
  /** Number of documents. */
  readonly size: number;

  /** Builds the index from each document's tokens (repeats count as term frequency). */
  constructor(documents: ReadonlyArray<readonly string[]>) {
    const perTerm: number[][] = [];
    this.size = documents.length;
    this.lengths = new Float32Array(documents.length);
    let total = 0;
    documents.forEach((tokens, doc) => {
      this.lengths[doc] = tokens.length;
      total += tokens.length;
      const counts = new Map<number, number>();
      for (const t of tokens) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = perTerm.length;
          this.termIds.set(t, id);
          perTerm.push([]);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, tf] of counts) (perTerm[id] as number[]).push(doc, tf);
    });
    this.avgLength = documents.length > 0 ? Math.max(total / documents.length, 1) : 1;
    this.offsets = new Uint32Array(perTerm.length + 1);
    let size = 0;
    perTerm.forEach((p, i) => {
      this.offsets[i] = size;
      size += p.length / 2;
    });
    this.offsets[perTerm.length] = size;
    this.docs = new Uint32Array(size);
    this.tfs = new Uint16Array(size);
    perTerm.forEach((p, i) => {
      let k = this.offsets[i] as number;
      for (let j = 0; j < p.length; j += 2) {
        this.docs[k] = p[j] as number;
        this.tfs[k] = Math.min(p[j + 1] as number, 65_535);
        k++;
      }
    });
  }

  /** Builds the index from term counts per document (a learned bag of words). */
  static fromCounts(documents: ReadonlyArray<ReadonlyMap<string, number>>): Bm25Field {
    return new Bm25Field(
      documents.map((counts) => {
        const tokens: string[] = [];
        for (const [t, n] of counts) for (let i = 0; i < n; i++) tokens.push(t);
        return tokens;
      }),
    );
  }

  /** In how many documents a term occurs (0 when unknown). */
  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.offsets[id + 1] as number) - (this.offsets[id] as number);
  }

  /** The BM25 idf of a term (Lucene's form, never negative). */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Adds `scale` × Σ weight(t) · BM25(t, d) to `out[d]` for every document d holding a term, and
   * records in `touched` each document whose score was 0 before (so the caller can reset it).
   */
  accumulate(
    weights: ReadonlyMap<string, number>,
    params: Bm25Params,
    out: Float64Array,
    touched?: TouchedSink,
    scale = 1,
  ): void {
    const { k1, b } = params;
    const norm = k1 * (1 - b);
    const perLength = (k1 * b) / this.avgLength;
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined || weight === 0) continue;
      const start = this.offsets[id] as number;
      const end = this.offsets[id + 1] as number;
      const df = end - start;
      const w = scale * weight * Math.log(1 + (this.size - df + 0.5) / (df + 0.5)) * (k1 + 1);
      for (let k = start; k < end; k++) {
        const doc = this.docs[k] as number;
        const tf = this.tfs[k] as number;
        const s = (w * tf) / (tf + norm + perLength * (this.lengths[doc] as number));
        if (touched && out[doc] === 0) touched.push(doc);
        out[doc] = (out[doc] as number) + s;
      }
    }
  }
}
