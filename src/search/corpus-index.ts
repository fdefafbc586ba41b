/**
 * Search over the whole corpus (every loaded law, 1,900 of them at scale) on the compact postings
 * index: scoped to one law (a question that names it) or to every law but the home ones (to offer
 * "其他法规中的相关规定"). Candidates are re-ranked by coverage like the home index's.
 */
import type { Tokenizer } from "../text/tokenizer.js";
import type { AnalyzedQuery } from "../understand/query.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import { type IndexedArticle, indexWords } from "./entry.js";
import type { PostingsIndex } from "./postings.js";
import { createScorer, type RerankOptions, type SearchHit } from "./rerank.js";

const CANDIDATES = 40;
// Terms in more than 3% of all articles are skipped when rarer ones are asked (see postings.ts).
const MAX_DOC_SHARE = 0.03;

/** Where the articles of each law lie in the corpus. */
export interface LawRange {
  from: number;
  to: number;
}

/** The corpus-wide search. */
export interface CorpusIndex {
  readonly postings: PostingsIndex;
  /** Ranked articles of one law. */
  searchLaw(query: AnalyzedQuery, lawId: string, options?: RerankOptions): SearchHit[];
  /** Ranked articles of every law except the given ones. */
  searchOthers(query: AnalyzedQuery, except: ReadonlySet<string>, options?: RerankOptions): SearchHit[];
}

/** What {@link createCorpusIndex} needs. */
export interface CorpusIndexInput {
  /** The article of a postings document id. */
  entryAt: (doc: number) => IndexedArticle;
  /** The document ids of each law (by law id). */
  ranges: ReadonlyMap<string, LawRange>;
  postings: PostingsIndex;
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
}

/** The tokens the postings index holds for an article. */
export function postingsTokens(
  entry: IndexedArticle,
  tokenizer: Tokenizer,
  vocabulary: Vocabulary,
): string[] {
  return indexWords(entry.normalized, tokenizer.cutForSearch, vocabulary.stopwordsZh);
}

/** Wraps a postings index whose document ids are corpus article ids. */
export function createCorpusIndex(input: CorpusIndexInput): CorpusIndex {
  const { entryAt, ranges, postings, tokenizer, vocabulary } = input;
  const words = (text: string) => indexWords(text, tokenizer.cutForSearch, vocabulary.stopwordsZh);
  const scorer = createScorer({
    df: (t) => (postings.has(t) ? postings.documentFrequency(t) : undefined),
    total: Math.max(postings.size, 1),
  });
  const toHits = (
    query: AnalyzedQuery,
    docs: Array<{ doc: number; score: number }>,
    options?: RerankOptions,
  ) =>
    scorer.rerank(
      query,
      docs.map((d) => ({ entry: entryAt(d.doc), bm25: d.score })),
      options,
    );

  return {
    postings,
    searchLaw(query, lawId, options) {
      const range = ranges.get(lawId);
      if (!range) return [];
      const boosts = scorer.queryBoosts(query.units, words);
      return toHits(query, postings.search(boosts, { ...range, limit: CANDIDATES }), options);
    },
    searchOthers(query, except, options) {
      const boosts = scorer.queryBoosts(query.units, words);
      // The home laws are contiguous at the start of the corpus (the bot loads them first).
      let skipTo = 0;
      for (const id of except) skipTo = Math.max(skipTo, ranges.get(id)?.to ?? 0);
      const docs = postings.search(boosts, {
        skipFrom: 0,
        skipTo,
        maxDocShare: MAX_DOC_SHARE,
        limit: CANDIDATES,
      });
      return toHits(query, docs, options);
    },
  };
}
