/**
 * A segment: the index over one contiguous run of the corpus's articles (the home laws, or the
 * other laws), with statistics of its own — a word common in the national laws must not count as
 * common in a city's ordinance. Four fields of postings (settings.ts) and a character table, and
 * retrieval: the BM25+ candidates of a question.
 *
 * How retrieval scores an article (the scoring MiniSearch gave the home index, kept so that the
 * seed's ranking does not change): words are looked up in the word fields and the bigrams of
 * unknown words in the bigram field, as two runs; within a run an article scores the sum over
 * the terms it holds of term boost × Σ fields (field boost × BM25+), times the number of those
 * terms (so articles with more of the question's terms come first); the two runs add up.
 */
import { hanLength } from "../text/han.js";
import type { Analyzer, ArticleTerms } from "./analyze.js";
import type { IndexedArticle } from "./entry.js";
import { PostingsBuilder, type PostingsData, PostingsIndex, type ScoreSink } from "./postings.js";
import { BM25, type Bm25Params, FIELD_BOOSTS, FIELDS, type FieldName } from "./settings.js";
import { TermDictionary, type TermDictionaryData } from "./term-dictionary.js";

/** The serialisable form of a {@link Segment}. */
export interface SegmentData {
  fields: Record<FieldName, PostingsData>;
  /** Han characters and the number of articles each occurs in (the rarity of one-character words). */
  chars: { dictionary: TermDictionaryData; dfs: Uint32Array };
}

/** One lookup run: terms with their boosts, looked up in some fields. */
export interface RetrievalRun {
  boosts: ReadonlyMap<string, number>;
  fields: readonly FieldName[];
}

/** Where and how many to retrieve; document ids are the segment's own (0 = its first article). */
export interface RetrievalOptions {
  /** Only documents in [from, to). */
  from?: number;
  to?: number;
  /** Leave out documents for which this is false (the scores of the rest do not change). */
  accept?: (doc: number) => boolean;
  limit: number;
  boosts?: Readonly<Record<FieldName, number>>;
  bm25?: Bm25Params;
}

/** One retrieved document. */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/** The index of one run of articles. */
export class Segment {
  readonly data: SegmentData;
  readonly fields: Readonly<Record<FieldName, PostingsIndex>>;
  private readonly chars: TermDictionary;
  private readonly scratch: Scratch;

  constructor(data: SegmentData) {
    this.data = data;
    const fields = {} as Record<FieldName, PostingsIndex>;
    for (const f of FIELDS) fields[f] = new PostingsIndex(data.fields[f]);
    this.fields = fields;
    this.chars = new TermDictionary(data.chars.dictionary);
    this.scratch = new Scratch(this.size);
  }

  /** Number of articles. */
  get size(): number {
    return this.fields.text.size;
  }

  /**
   * In how many articles a term occurs as a word, a bigram or a character; undefined when in
   * none. (A two-character Chinese word occurs wherever its bigram does, so the bigram's count is
   * the union; a character's count covers the words it makes on its own.)
   */
  documentFrequency(term: string): number | undefined {
    let df = 0;
    const han = hanLength(term);
    if (han === 1) {
      const id = this.chars.id(term);
      df = id < 0 ? 0 : (this.data.chars.dfs[id] as number);
    } else {
      const field = han === 2 ? this.fields.grams : this.fields.text;
      const id = field.termId(term);
      df = id < 0 ? 0 : field.documentFrequency(id);
    }
    return df > 0 ? df : undefined;
  }

  /** The best `limit` documents for the runs, best first (ties: lower id first). */
  retrieve(runs: readonly RetrievalRun[], options: RetrievalOptions): ScoredDoc[] {
    const from = options.from ?? 0;
    const to = options.to ?? this.size;
    const boosts = options.boosts ?? FIELD_BOOSTS;
    const bm25 = options.bm25 ?? BM25;
    const s = this.scratch;
    s.startSearch();
    for (const run of runs) {
      s.startRun();
      for (const [term, boost] of run.boosts) {
        s.startTerm();
        for (const f of run.fields) {
          const field = this.fields[f];
          const id = field.termId(term);
          if (id >= 0) field.score(id, boosts[f], bm25, from, to, s);
        }
        s.endTerm(boost);
      }
      s.endRun();
    }
    return s.best(options.limit, options.accept);
  }
}

/**
 * Indexes articles in order (the first becomes document 0). An article whose terms cannot be
 * computed is indexed without terms — it can still be cited by number — and reported through
 * `onError`, so one bad article never stops the others from being served.
 */
export function buildSegment(
  entries: Iterable<IndexedArticle>,
  analyzer: Analyzer,
  onError?: (entry: IndexedArticle, error: unknown) => void,
): Segment {
  const builders = {} as Record<FieldName, PostingsBuilder>;
  for (const f of FIELDS) builders[f] = new PostingsBuilder();
  const charDfs = new Map<string, number>();
  for (const entry of entries) {
    let terms: ArticleTerms;
    try {
      terms = analyzer.articleTerms(entry);
    } catch (error) {
      onError?.(entry, error);
      terms = {
        fields: { text: new Map(), grams: new Map(), chapter: new Map(), departments: new Map() },
        chars: new Set(),
      };
    }
    for (const f of FIELDS) builders[f].add(terms.fields[f]);
    for (const c of terms.chars) charDfs.set(c, (charDfs.get(c) ?? 0) + 1);
  }
  const fields = {} as Record<FieldName, PostingsData>;
  for (const f of FIELDS) fields[f] = builders[f].finish().data;
  const chars = TermDictionary.from(charDfs.keys());
  const dfs = new Uint32Array(chars.size);
  for (let i = 0; i < chars.size; i++) dfs[i] = charDfs.get(chars.term(i)) as number;
  return new Segment({ fields, chars: { dictionary: chars.data, dfs } });
}

/** A list of document ids in a typed array reused from search to search (no allocation per term). */
class DocList {
  readonly ids: Uint32Array;
  length = 0;

  constructor(size: number) {
    this.ids = new Uint32Array(size);
  }

  push(doc: number): void {
    this.ids[this.length++] = doc;
  }
}

/**
 * Score accumulators reused from search to search (one slot per article), with the documents
 * touched at each level, so a search costs what its postings cost, not what the segment holds,
 * and allocates next to nothing (each allocation is garbage collected in a pause that lands on
 * some question's time).
 */
class Scratch implements ScoreSink {
  private readonly term: Float64Array;
  private readonly termSeen: Uint8Array;
  private readonly runSum: Float64Array;
  private readonly runCount: Uint32Array;
  private readonly total: Float64Array;
  private readonly totalSeen: Uint8Array;
  private readonly termDocs: DocList;
  private readonly runDocs: DocList;
  private readonly totalDocs: DocList;

  constructor(size: number) {
    this.term = new Float64Array(size);
    this.termSeen = new Uint8Array(size);
    this.runSum = new Float64Array(size);
    this.runCount = new Uint32Array(size);
    this.total = new Float64Array(size);
    this.totalSeen = new Uint8Array(size);
    this.termDocs = new DocList(size);
    this.runDocs = new DocList(size);
    this.totalDocs = new DocList(size);
  }

  startSearch(): void {
    const { ids, length } = this.totalDocs;
    for (let i = 0; i < length; i++) {
      const d = ids[i] as number;
      this.total[d] = 0;
      this.totalSeen[d] = 0;
    }
    this.totalDocs.length = 0;
  }

  startRun(): void {
    this.runDocs.length = 0;
  }

  startTerm(): void {
    this.termDocs.length = 0;
  }

  /** One field's BM25+ for one document (called by the postings). */
  add(doc: number, score: number): void {
    if (this.termSeen[doc] === 0) {
      this.termSeen[doc] = 1;
      this.termDocs.push(doc);
    }
    this.term[doc] = (this.term[doc] as number) + score;
  }

  endTerm(boost: number): void {
    const { ids, length } = this.termDocs;
    for (let i = 0; i < length; i++) {
      const d = ids[i] as number;
      if (this.runCount[d] === 0) this.runDocs.push(d);
      this.runSum[d] = (this.runSum[d] as number) + boost * (this.term[d] as number);
      this.runCount[d] = (this.runCount[d] as number) + 1;
      this.term[d] = 0;
      this.termSeen[d] = 0;
    }
  }

  endRun(): void {
    const { ids, length } = this.runDocs;
    for (let i = 0; i < length; i++) {
      const d = ids[i] as number;
      if (this.totalSeen[d] === 0) {
        this.totalSeen[d] = 1;
        this.totalDocs.push(d);
      }
      this.total[d] = (this.total[d] as number) + (this.runSum[d] as number) * (this.runCount[d] as number);
      this.runSum[d] = 0;
      this.runCount[d] = 0;
    }
  }

  best(limit: number, accept?: (doc: number) => boolean): ScoredDoc[] {
    const { ids, length } = this.totalDocs;
    const docs: number[] = [];
    for (let i = 0; i < length; i++) {
      const d = ids[i] as number;
      if (!accept || accept(d)) docs.push(d);
    }
    return topK(docs, this.total, limit).map((doc) => ({ doc, score: this.total[doc] as number }));
  }
}

/** The `k` documents of highest score, best first; ties go to the lower id. A heap of k, not a sort of all. */
export function topK(docs: readonly number[], score: Float64Array, k: number): number[] {
  const better = (a: number, b: number) =>
    (score[a] as number) > (score[b] as number) || (score[a] === score[b] && a < b);
  if (docs.length <= k) return [...docs].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  // Min-heap (the worst of the best k at the root).
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst] as number, heap[l] as number)) worst = l;
      if (r < heap.length && better(heap[worst] as number, heap[r] as number)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst] as number, heap[i] as number];
      i = worst;
    }
  };
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[p] as number, heap[i] as number)) return;
      [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
      i = p;
    }
  };
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d);
      up(heap.length - 1);
    } else if (k > 0 && better(d, heap[0] as number)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
