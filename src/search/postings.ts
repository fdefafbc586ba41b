/**
 * One field of the index as postings in typed arrays: for each term (a {@link TermDictionary}
 * id) the documents that hold it and how often, and for each document its length (distinct
 * terms). Built once from the articles, saved to the cache as the arrays themselves, so a warm
 * start maps them back in milliseconds.
 *
 * Why not MiniSearch, which indexed the home laws before: measured at 55,304 articles (the
 * national laws as home laws) it took 27 s to build, 7.6 s to load from its JSON and 1.4 GB of
 * RSS; these arrays build in seconds, load in a fraction of one and take tens of megabytes.
 */
import type { Bm25Params } from "./settings.js";
import { compare, TermDictionary, type TermDictionaryData } from "./term-dictionary.js";

/** The serialisable form of a {@link PostingsIndex}. */
export interface PostingsData {
  dictionary: TermDictionaryData;
  /** offsets[t] .. offsets[t+1] are the postings of term t (one more entry than terms). */
  offsets: Uint32Array;
  /** Document ids of the postings, increasing within a term. */
  docs: Uint32Array;
  /** Term frequency of each posting (capped at 65,535). */
  tfs: Uint16Array;
  /** Number of distinct terms of each document. */
  lengths: Uint32Array;
}

/** Where the scores of a term go: called once per matching document. */
export interface ScoreSink {
  add(doc: number, score: number): void;
}

/** The postings of one field. */
export class PostingsIndex {
  readonly data: PostingsData;
  readonly dictionary: TermDictionary;
  /** Mean document length; 1 for an empty index. */
  readonly averageLength: number;

  constructor(data: PostingsData) {
    this.data = data;
    this.dictionary = new TermDictionary(data.dictionary);
    let total = 0;
    for (const l of data.lengths) total += l;
    this.averageLength = data.lengths.length > 0 && total > 0 ? total / data.lengths.length : 1;
  }

  /** Builds the index from each document's terms (document id = position). */
  static build(documents: Iterable<Iterable<string>>): PostingsIndex {
    const builder = new PostingsBuilder();
    for (const terms of documents) {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      builder.add(counts);
    }
    return builder.finish();
  }

  /** Number of documents. */
  get size(): number {
    return this.data.lengths.length;
  }

  /** The id of a term, −1 when the field does not hold it. */
  termId(term: string): number {
    return this.dictionary.id(term);
  }

  /** In how many documents term `id` occurs. */
  documentFrequency(id: number): number {
    return (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
  }

  /**
   * Adds `weight` × BM25+ of term `id` for every document in [from, to) that holds it. The
   * inverse document frequency is over the whole field, whatever the range, so a law-scoped search
   * ranks a law's articles as the unscoped one does.
   */
  score(id: number, weight: number, params: Bm25Params, from: number, to: number, sink: ScoreSink): void {
    const { docs, tfs, lengths, offsets } = this.data;
    const n = this.size;
    const df = this.documentFrequency(id);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const { k1, b, delta } = params;
    const avg = this.averageLength;
    let k = offsets[id] as number;
    const end = offsets[id + 1] as number;
    if (from > 0) k = lowerBound(docs, k, end, from);
    for (; k < end; k++) {
      const doc = docs[k] as number;
      if (doc >= to) break;
      const tf = tfs[k] as number;
      const norm = tf + k1 * (1 - b + (b * (lengths[doc] as number)) / avg);
      sink.add(doc, weight * (idf * (delta + (tf * (k1 + 1)) / norm)));
    }
  }
}

/**
 * Collects documents' term counts in id order, then lays them out as a {@link PostingsIndex}.
 * Postings are kept as (term, document, frequency) triples in growing typed arrays and sorted by
 * term at the end (a counting sort): at 55,000 articles, one JS array per term made the build
 * spend a second in the garbage collector.
 */
export class PostingsBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly lengths: number[] = [];
  private triples = new Uint32Array(3 * 1024);
  private count = 0;

  /** Number of documents added. */
  get size(): number {
    return this.lengths.length;
  }

  /** Adds the next document (id = number of documents added so far) with its term counts. */
  add(counts: ReadonlyMap<string, number>): void {
    const doc = this.lengths.length;
    this.lengths.push(counts.size);
    for (const [term, tf] of counts) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
      }
      if (3 * (this.count + 1) > this.triples.length) this.grow();
      const at = 3 * this.count++;
      this.triples[at] = id;
      this.triples[at + 1] = doc;
      this.triples[at + 2] = Math.min(tf, 65_535);
    }
  }

  private grow(): void {
    const bigger = new Uint32Array(this.triples.length * 2);
    bigger.set(this.triples);
    this.triples = bigger;
  }

  /** The finished index. */
  finish(): PostingsIndex {
    const { terms, triples, count } = this;
    // Term ids in dictionary order, and each id's rank in it.
    const order = Uint32Array.from(terms.keys()).sort((a, b) =>
      compare(terms[a] as string, terms[b] as string),
    );
    const rank = new Uint32Array(terms.length);
    order.forEach((id, r) => {
      rank[id] = r;
    });
    const offsets = new Uint32Array(terms.length + 1);
    for (let k = 0; k < count; k++) {
      const r = (rank[triples[3 * k] as number] as number) + 1;
      offsets[r] = (offsets[r] as number) + 1;
    }
    for (let r = 0; r < terms.length; r++)
      offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
    const next = offsets.slice(0, terms.length);
    const docs = new Uint32Array(count);
    const tfs = new Uint16Array(count);
    // Triples are in document order, so each term's postings come out sorted by document.
    for (let k = 0; k < count; k++) {
      const r = rank[triples[3 * k] as number] as number;
      const at = next[r] as number;
      next[r] = at + 1;
      docs[at] = triples[3 * k + 1] as number;
      tfs[at] = triples[3 * k + 2] as number;
    }
    const sorted = Array.from(order, (id) => terms[id] as string);
    return new PostingsIndex({
      dictionary: TermDictionary.sorted(sorted).data,
      offsets,
      docs,
      tfs,
      lengths: Uint32Array.from(this.lengths),
    });
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
