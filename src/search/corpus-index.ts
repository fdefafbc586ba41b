/**
 * The search as the bot's other laws see it: one named law (a question that names it), or every
 * law but the home ones (to offer "其他法规中的相关规定"). A view of the engine (engine.ts).
 */
import type { AnalyzedQuery } from "../understand/query.js";
import type { SearchEngine } from "./engine.js";
import type { RerankOptions, SearchHit } from "./ranking.js";

/** Search in any law of the corpus. */
export interface CorpusIndex {
  /** Ranked articles of one law. */
  searchLaw(query: AnalyzedQuery, lawId: string, options?: RerankOptions): SearchHit[];
  /** Ranked articles of every law except the given ones. */
  searchOthers(query: AnalyzedQuery, except: ReadonlySet<string>, options?: RerankOptions): SearchHit[];
}

/** The corpus-wide view of an engine. */
export function corpusIndexOf(engine: SearchEngine): CorpusIndex {
  return {
    searchLaw: (query, lawId, options = {}) =>
      engine.documents.rangeOf(lawId) ? engine.search(query, { ...options, lawIds: new Set([lawId]) }) : [],
    searchOthers: (query, except, options = {}) => engine.search(query, { ...options, exceptLawIds: except }),
  };
}
