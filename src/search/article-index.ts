/**
 * The search as the bot's home laws see it: ranked articles of some laws, and articles by number.
 * A view of the engine (engine.ts); `createArticleIndex` also indexes a few laws in memory, for
 * tests and tools that need a search over given laws.
 */
import type { Article, Law } from "../law/types.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { type DepartmentMention, extractDepartments } from "../understand/departments.js";
import type { AnalyzedQuery } from "../understand/query.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import { createAnalyzer } from "./analyze.js";
import type { DocumentTable } from "./documents.js";
import type { SearchEngine } from "./engine.js";
import type { IndexedArticle } from "./entry.js";
import { indexLaws } from "./index-laws.js";
import type { RerankOptions, SearchHit } from "./ranking.js";
import type { FieldName } from "./settings.js";

export { bigrams, IndexedArticle } from "./entry.js";
export type { SearchHit } from "./ranking.js";

/** Options of {@link ArticleIndex.search}. */
export interface SearchOptions extends RerankOptions {
  /** Only articles of these laws (default: every law of the index). */
  lawIds?: ReadonlySet<string>;
}

/** Ranked search over a set of laws. */
export interface ArticleIndex {
  /** Every article of the index's laws (made on first use: at scale, prefer `get`). */
  readonly entries: readonly IndexedArticle[];
  /** Ranked articles for an analysed question. */
  search(query: AnalyzedQuery, options?: SearchOptions): SearchHit[];
  /** The entry of one article (第N条), if this index holds it. */
  get(lawId: string, number: number): IndexedArticle | undefined;
}

/** The index over `laws` of an engine: searches default to them. */
export function articleIndexOf(engine: SearchEngine, laws: readonly Law[]): ArticleIndex {
  const documents: DocumentTable = engine.documents;
  const ids = new Set(laws.map((l) => l.id));
  const byId = new Map(laws.map((l) => [l.id, l]));
  let entries: IndexedArticle[] | undefined;
  return {
    get entries() {
      entries ??= laws.flatMap((law) => {
        const range = documents.rangeOf(law.id);
        if (!range) return [];
        return Array.from({ length: range.to - range.from }, (_, k) => documents.entryAt(range.from + k));
      });
      return entries;
    },
    search: (query, options = {}) => engine.search(query, { ...options, lawIds: options.lawIds ?? ids }),
    get: (lawId, number) => {
      const law = byId.get(lawId);
      return law ? documents.entryOf(law, number) : undefined;
    },
  };
}

/** What {@link createArticleIndex} needs. */
export interface IndexInput {
  laws: Law[];
  /** Departments of an article (default: extracted from its text). */
  departmentsOf?: (law: Law, article: Article) => DepartmentMention[];
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  /** Field boosts other than settings.ts's (bench/tune-boosts.ts measures them). */
  boosts?: Partial<Record<FieldName, number>>;
}

/** Indexes laws in memory (one segment) and returns the index over all of them. */
export function createArticleIndex(input: IndexInput): ArticleIndex {
  const departmentsOf = input.departmentsOf ?? ((_l: Law, a: Article) => extractDepartments(a));
  const { engine } = indexLaws({
    laws: input.laws,
    analyzer: createAnalyzer(input.tokenizer, input.vocabulary),
    departmentsOf: (i, k) => {
      const law = input.laws[i] as Law;
      return departmentsOf(law, law.articles[k] as Article);
    },
    ...(input.boosts ? { retrieval: { boosts: input.boosts } } : {}),
  });
  return articleIndexOf(engine, input.laws);
}
