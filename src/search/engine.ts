/**
 * The search engine: one engine for every law, home laws and others alike, behind one call,
 * `search(query, { lawIds | exceptLawIds, limit, preferActors })`.
 *
 * The corpus is cut into segments — the home laws, and the other laws — each a postings index
 * with statistics of its own (segment.ts), so a word common in the national laws does not count as
 * common in a city's ordinance. A search runs in every segment its scope reaches, in four stages:
 *
 * 1. **Terms.** The question's units (understand/query.ts) become lookup terms with boosts,
 *    weighted by the segment's rarity (units.ts): words for the word fields, bigrams of unknown
 *    words for the bigram field. Searches of the other laws leave out very common words.
 * 2. **Expansion** (empty by default): each `RankingStage.expansions` entry may add or re-weight
 *    terms — a translation model mapping 老板 to 用人单位, or pseudo-relevance feedback, which may
 *    call `context.retrieve` for a first pass.
 * 3. **Retrieval.** BM25+ over the fields (settings.ts) gives the best `candidates` articles.
 * 4. **Ranking** (ranking.ts). Each candidate's coverage is computed, then its score: the
 *    weighted sum of `RankingStage.features`. Hits of several segments are merged by score.
 *
 * A segment may instead be ranked by a ranker of its own (`RankingStage.segmentRanker`), which
 * does stages 1–4 in one pass over the whole segment: the learned ranking of the national laws
 * (search/learned/, fitted on real questions from the public) ranks their segment that way, with
 * a calibrated confidence on its hits; every other segment keeps the stages above.
 *
 * To add a ranking feature, pass `ranking: { features: [...DEFAULT_FEATURES, myFeature] }` with
 * `myFeature = { name, weight, value(candidate, context) }` — `candidate` has the entry (law,
 * article, departments, normalised text), its BM25+ and coverage; `context` the question, the
 * options and the segment's unit scorer. Fitted weights replace the defaults the same way.
 * Everything retrieval does by number (BM25 parameters, boosts, candidates) is in settings.ts.
 */
import type { AnalyzedQuery } from "../understand/query.js";
import type { Analyzer } from "./analyze.js";
import type { DocumentTable } from "./documents.js";
import { bigrams, type IndexedArticle } from "./entry.js";
import {
  coverageOf,
  coverageWeights,
  DEFAULT_FEATURES,
  type RankingConfidence,
  type RankingFeature,
  type RerankOptions,
  rank,
  type SearchHit,
} from "./ranking.js";
import type { RetrievalRun, ScoredDoc, Segment } from "./segment.js";
import {
  type Bm25Params,
  CANDIDATES,
  FIELD_BOOSTS,
  type FieldName,
  GRAM_FIELDS,
  OTHERS_MAX_DOC_SHARE,
  WORD_FIELDS,
} from "./settings.js";
import { createUnitScorer, type UnitScorer } from "./units.js";

/** One segment of the corpus: documents [from, to) of the document table. */
export interface PlacedSegment {
  from: number;
  to: number;
  segment: Segment;
}

/** What a query expansion may use. */
export interface ExpansionContext {
  /** The segment's unit weights and matches. */
  scorer: UnitScorer;
  /** Rarity of a term in the segment (undefined: not indexed). */
  documentFrequency(term: string): number | undefined;
  /** A first retrieval with the given runs, for feedback (documents are the corpus's ids). */
  retrieve(runs: readonly RetrievalRun[], limit: number): ScoredDoc[];
}

/** Adds or re-weights the lookup terms of a question before retrieval. */
export interface QueryExpansion {
  readonly name: string;
  /** Changes `runs` in place (its maps may be edited, runs added). */
  expand(query: AnalyzedQuery, runs: RetrievalRun[], context: ExpansionContext): void;
}

/** The documents of a segment a search may return: [from, to) of its own ids, and a filter. */
export interface SegmentRange {
  from: number;
  to: number;
  accept?: (doc: number) => boolean;
}

/** A ranking of one segment by itself (retrieval and ranking in one), e.g. the learned one. */
export interface SegmentRanker {
  readonly name: string;
  /**
   * The best `limit` documents of `range` (the segment's own ids), best first, and how sure the
   * ranking is of the first.
   */
  rank(
    query: AnalyzedQuery,
    range: SegmentRange,
    limit: number,
  ): { docs: ScoredDoc[]; confidence?: RankingConfidence };
}

/** What a segment ranker may be built from. */
export interface SegmentRankerInput {
  placed: PlacedSegment;
  documents: DocumentTable;
  analyzer: Analyzer;
}

/** The ranking stage's parts; each has a default. */
export interface RankingStage {
  /** Features of the final score (default DEFAULT_FEATURES). */
  features: readonly RankingFeature[];
  /** Query expansions, applied in order (default none). */
  expansions: readonly QueryExpansion[];
  /** Articles passed from retrieval to ranking (default CANDIDATES). */
  candidates: number;
  /**
   * A ranker of its own for a segment, or undefined to use the stages (asked once per segment
   * when the engine is made; default: none for any segment). It ranks the searches that span
   * several of the segment's laws; a search within one law (a question that names it) keeps the
   * stages, where coverage of the question's words decides — the learned ranking's features and
   * confidence are of corpus-wide rankings (which law, which chapter).
   */
  segmentRanker?: (input: SegmentRankerInput) => SegmentRanker | undefined;
}

/** Which laws a search covers and how many hits it returns. */
export interface EngineSearchOptions extends RerankOptions {
  /** Only these laws (by id). */
  lawIds?: ReadonlySet<string>;
  /** Every law but these; very common words are left out (a search for other laws' provisions). */
  exceptLawIds?: ReadonlySet<string>;
}

/** The engine. */
export interface SearchEngine {
  readonly documents: DocumentTable;
  readonly segments: readonly PlacedSegment[];
  readonly ranking: RankingStage;
  /** Ranked articles for an analysed question; every law when neither lawIds nor exceptLawIds is given. */
  search(query: AnalyzedQuery, options?: EngineSearchOptions): SearchHit[];
  /**
   * The articles whose normalised text contains `text` (normalised), in corpus order — found
   * through the postings of its rarest bigram rather than by reading every article.
   */
  containing(text: string, options?: Pick<EngineSearchOptions, "lawIds">): IndexedArticle[];
}

/** What {@link createSearchEngine} needs. */
export interface EngineInput {
  documents: DocumentTable;
  /** Segments in document order, covering the table. */
  segments: readonly PlacedSegment[];
  analyzer: Analyzer;
  ranking?: Partial<RankingStage>;
  /** Other field boosts or BM25 parameters than settings.ts's (for measuring them). */
  retrieval?: { boosts?: Partial<Record<FieldName, number>>; bm25?: Bm25Params };
}

/** Where one segment's search goes: its own document range, and a filter when laws are left out. */
interface SegmentScope {
  placed: PlacedSegment;
  from: number;
  to: number;
  accept?: (doc: number) => boolean;
  pruneCommon: boolean;
  /** The search is within one law (a question that names it). */
  oneLaw: boolean;
}

/** Creates the engine over a document table and its segments. */
export function createSearchEngine(input: EngineInput): SearchEngine {
  const { documents, segments, analyzer } = input;
  const ranking: RankingStage = {
    features: input.ranking?.features ?? DEFAULT_FEATURES,
    expansions: input.ranking?.expansions ?? [],
    candidates: input.ranking?.candidates ?? CANDIDATES,
    ...(input.ranking?.segmentRanker ? { segmentRanker: input.ranking.segmentRanker } : {}),
  };
  const boosts = { ...FIELD_BOOSTS, ...input.retrieval?.boosts };
  const bm25 = input.retrieval?.bm25;
  const scorers = segments.map((p) =>
    createUnitScorer({ df: (t) => p.segment.documentFrequency(t), total: Math.max(p.segment.size, 1) }),
  );
  const ownRankers = segments.map((placed) => ranking.segmentRanker?.({ placed, documents, analyzer }));

  /** The hits of a segment's own ranker, with coverage and matched words as the stages give them. */
  const ownRanking = (
    query: AnalyzedQuery,
    scope: SegmentScope,
    ranker: SegmentRanker,
    scorer: UnitScorer,
    options: RerankOptions,
  ): SearchHit[] => {
    if (query.units.length === 0) return [];
    const { placed } = scope;
    const range = { from: scope.from, to: scope.to, ...(scope.accept ? { accept: scope.accept } : {}) };
    const { docs, confidence } = ranker.rank(query, range, options.limit ?? 10);
    const weights = coverageWeights(query, scorer);
    return docs.map((d) => {
      const entry = documents.entryAt(d.doc + placed.from);
      const hit: SearchHit = { entry, score: d.score, ...coverageOf(query, entry, scorer, weights) };
      return confidence ? { ...hit, confidence } : hit;
    });
  };

  const searchSegment = (query: AnalyzedQuery, scope: SegmentScope, options: RerankOptions): SearchHit[] => {
    const { placed } = scope;
    const k = segments.indexOf(placed);
    const scorer = scorers[k] as UnitScorer;
    const own = ownRankers[k];
    if (own && !scope.oneLaw) return ownRanking(query, scope, own, scorer, options);
    const words = scorer.queryBoosts(query.units, analyzer.words);
    const grams = scorer.bigramBoosts(query.units, words);
    const runs: RetrievalRun[] = [
      { boosts: words, fields: WORD_FIELDS },
      { boosts: grams, fields: GRAM_FIELDS },
    ];
    if (scope.pruneCommon) {
      for (const run of runs) pruneCommon(run.boosts as Map<string, number>, placed.segment);
    }
    const retrieve = (r: readonly RetrievalRun[], limit: number) =>
      placed.segment.retrieve(r, {
        from: scope.from,
        to: scope.to,
        limit,
        boosts,
        ...(bm25 ? { bm25 } : {}),
        ...(scope.accept ? { accept: scope.accept } : {}),
      });
    if (ranking.expansions.length > 0) {
      const context: ExpansionContext = {
        scorer,
        documentFrequency: (t) => placed.segment.documentFrequency(t),
        retrieve: (r, limit) => retrieve(r, limit).map((d) => ({ doc: d.doc + placed.from, score: d.score })),
      };
      for (const x of ranking.expansions) x.expand(query, runs, context);
    }
    if (runs.every((r) => r.boosts.size === 0)) return [];
    const candidates = retrieve(runs, ranking.candidates).map((d) => ({
      entry: documents.entryAt(d.doc + placed.from),
      bm25: d.score,
    }));
    return rank(query, candidates, scorer, ranking.features, options);
  };

  const search = (query: AnalyzedQuery, options: EngineSearchOptions = {}): SearchHit[] => {
    const scopes = scopesOf(documents, segments, options);
    if (scopes.length === 1) return searchSegment(query, scopes[0] as SegmentScope, options);
    const hits = scopes.flatMap((s) => searchSegment(query, s, options));
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, options.limit ?? 10);
  };

  const containing = (text: string, options: Pick<EngineSearchOptions, "lawIds"> = {}): IndexedArticle[] => {
    const out: IndexedArticle[] = [];
    for (const scope of scopesOf(documents, segments, options)) {
      const { placed } = scope;
      for (const doc of candidateDocs(placed.segment, text, scope.from, scope.to)) {
        if (scope.accept && !scope.accept(doc)) continue;
        const entry = documents.entryAt(doc + placed.from);
        if (entry.normalized.includes(text)) out.push(entry);
      }
    }
    return out;
  };

  return { documents, segments, ranking, search, containing };
}

/**
 * Documents of a segment that may contain `text`: those holding its rarest bigram, when it is a run
 * of Chinese characters (two or more); every document of the range otherwise.
 */
function candidateDocs(segment: Segment, text: string, from: number, to: number): Iterable<number> {
  const grams = segment.fields.grams;
  const pairs = /^\p{Script=Han}{2,}$/u.test(text) ? bigrams(text) : [];
  let best = -1;
  for (const g of pairs) {
    const id = grams.termId(g);
    if (id < 0) return []; // a bigram no document holds: none contains the text
    if (best < 0 || grams.documentFrequency(id) < grams.documentFrequency(best)) best = id;
  }
  if (best < 0) return Array.from({ length: to - from }, (_, k) => from + k);
  const { docs, offsets } = grams.data;
  return [...docs.subarray(offsets[best], offsets[best + 1])].filter((d) => d >= from && d < to);
}

/** The segments a search reaches, each with its range and filter (in the segment's own ids). */
function scopesOf(
  documents: DocumentTable,
  segments: readonly PlacedSegment[],
  options: EngineSearchOptions,
): SegmentScope[] {
  const { lawIds, exceptLawIds } = options;
  const out: SegmentScope[] = [];
  for (const placed of segments) {
    const lawsHere = lawsIn(documents, placed);
    const wanted = lawsHere.filter((id) => (!lawIds || lawIds.has(id)) && !exceptLawIds?.has(id));
    if (wanted.length === 0) continue;
    const scope: SegmentScope = {
      placed,
      from: 0,
      to: placed.to - placed.from,
      pruneCommon: !!exceptLawIds,
      oneLaw: lawsHere.length === 1 || wanted.length === 1,
    };
    if (wanted.length === 1) {
      const range = documents.rangeOf(wanted[0] as string);
      if (range) {
        scope.from = range.from - placed.from;
        scope.to = range.to - placed.from;
      }
    } else if (wanted.length < lawsHere.length) {
      const keep = new Set(wanted);
      scope.accept = (doc) =>
        keep.has((documents.laws[documents.lawIndexAt(doc + placed.from)] as { id: string }).id);
    }
    out.push(scope);
  }
  return out;
}

const lawsOfSegment = new WeakMap<PlacedSegment, string[]>();

/** The ids of the laws whose documents lie in a segment. */
function lawsIn(documents: DocumentTable, placed: PlacedSegment): string[] {
  let ids = lawsOfSegment.get(placed);
  if (!ids) {
    ids = [];
    if (placed.to > placed.from) {
      const first = documents.lawIndexAt(placed.from);
      const last = documents.lawIndexAt(placed.to - 1);
      for (let i = first; i <= last; i++) ids.push((documents.laws[i] as { id: string }).id);
    }
    lawsOfSegment.set(placed, ids);
  }
  return ids;
}

/**
 * Leaves out terms in more than OTHERS_MAX_DOC_SHARE of the segment's articles when at least two
 * rarer ones are asked; otherwise keeps the two rarest, so a question of common words still finds
 * something.
 */
function pruneCommon(boosts: Map<string, number>, segment: Segment): void {
  const limit = OTHERS_MAX_DOC_SHARE * segment.size;
  const dfs = [...boosts.keys()].map((t) => ({ t, df: segment.documentFrequency(t) ?? 0 }));
  const rare = dfs.filter((d) => d.df <= limit);
  const keep = new Set(
    (rare.length >= 2 ? rare : [...dfs].sort((a, b) => a.df - b.df).slice(0, 2)).map((d) => d.t),
  );
  for (const t of [...boosts.keys()]) if (!keep.has(t)) boosts.delete(t);
}
