/**
 * The index over the deployment's own laws: MiniSearch ranks candidates with BM25 over jieba
 * words (search mode), character bigrams (which catch words that jieba cut differently in the
 * question and in the law), the chapter title and the departments; then the candidates are
 * re-ranked by coverage (rerank.ts), which is also the confidence.
 */
import MiniSearch from "minisearch";
import type { Article, Law } from "../law/types.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { type DepartmentMention, extractDepartments } from "../understand/departments.js";
import type { AnalyzedQuery } from "../understand/query.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import { bigrams, IndexedArticle, indexWords } from "./entry.js";
import { createScorer, type RerankOptions, type SearchHit } from "./rerank.js";

export { bigrams, IndexedArticle } from "./entry.js";
export type { SearchHit } from "./rerank.js";

/** Options of {@link ArticleIndex.search}. */
export interface SearchOptions extends RerankOptions {
  /** Only articles of these laws. */
  lawIds?: ReadonlySet<string>;
}

/**
 * Field boosts of the BM25 candidates. Measured with bench/tune-boosts.ts over the dev and
 * paraphrase sets (281 questions): every combination of departments 0.6–2, chapter 0.3–1 and
 * grams 0.2–0.8 answers the same 279, because coverage, not BM25, decides the order; these are
 * the middle of that range.
 */
export const FIELD_BOOSTS = { text: 1, grams: 0.4, chapter: 0.6, departments: 1.2 } as const;
const CANDIDATES = 40;
const WORD_FIELDS = ["text", "chapter", "departments"];
// Terms whose scores are remembered; the map is emptied when full, so memory stays bounded.
const TERM_MEMO_ENTRIES = 20_000;

/** The search index over a set of articles. */
export interface ArticleIndex {
  readonly entries: readonly IndexedArticle[];
  /** Ranked articles for an analysed question. */
  search(query: AnalyzedQuery, options?: SearchOptions): SearchHit[];
  /** The entry of one article, if this index holds it. */
  get(lawId: string, number: number): IndexedArticle | undefined;
  /** Serialisable form of the MiniSearch index (for the on-disk cache). */
  toJSON(): unknown;
}

/** What {@link createArticleIndex} needs: the articles, as entries or as laws. */
export interface IndexInput {
  entries?: IndexedArticle[];
  /** Laws to index (instead of entries), with their departments from `departmentsOf`. */
  laws?: Law[];
  departmentsOf?: (law: Law, article: Article) => DepartmentMention[];
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  /** A MiniSearch index saved earlier by toJSON() for the same articles and engine version. */
  saved?: unknown;
  /** Field boosts; default {@link FIELD_BOOSTS} (bench/tune-boosts.ts measures others). */
  boosts?: Partial<Record<keyof typeof FIELD_BOOSTS, number>>;
}

/** Builds (or restores) the index. */
export function createArticleIndex(input: IndexInput): ArticleIndex {
  const { tokenizer, vocabulary } = input;
  const entries =
    input.entries ?? entriesOf(input.laws ?? [], input.departmentsOf ?? ((_l, a) => extractDepartments(a)));
  const byKey = new Map<string, IndexedArticle>();
  for (const e of entries) {
    const key = `${e.law.id}#${e.article.number}`;
    if (!byKey.has(key)) byKey.set(key, e);
  }
  const words = (text: string) => indexWords(text, tokenizer.cutForSearch, vocabulary.stopwordsZh);
  const tokenize = (text: string, field?: string) => (field === "grams" ? bigrams(text) : words(text));
  const options = {
    idField: "id",
    fields: ["text", "grams", "chapter", "departments"],
    tokenize,
    processTerm: (t: string) => t,
    searchOptions: { boost: { ...FIELD_BOOSTS, ...input.boosts } },
  };
  // MiniSearch ids are positions in `entries`, so a saved index stays valid for the same articles.
  let mini: MiniSearch;
  if (input.saved !== undefined) {
    mini = MiniSearch.loadJS(input.saved as Parameters<typeof MiniSearch.loadJS>[0], options);
  } else {
    mini = new MiniSearch(options);
    mini.addAll(
      entries.map((e, i) => ({
        id: i,
        text: e.normalized,
        grams: e.normalized,
        chapter: normalize(`${e.article.chapter?.title ?? ""} ${e.article.section?.title ?? ""}`),
        departments: normalize(e.departments.map((d) => d.canonical).join(" ")),
      })),
    );
  }

  // Document frequency of each word, bigram and character: the rarity weight of question words.
  const df = new Map<string, number>();
  for (const e of entries) {
    const chars = e.normalized.match(/\p{Script=Han}/gu) ?? [];
    for (const t of new Set([...words(e.normalized), ...bigrams(e.normalized), ...chars])) {
      df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const scorer = createScorer({ df: (t) => df.get(t), total: Math.max(entries.length, 1) });
  const lawsOfIndex = [...new Set(entries.map((e) => e.law.id))];

  const memo = new Map<string, ReadonlyArray<readonly [number, number]>>();
  /** BM25 scores of one term in some fields, by document: MiniSearch's, remembered. */
  const termScores = (term: string, fields: string[]): ReadonlyArray<readonly [number, number]> => {
    const key = `${fields.join(",")}\u0000${term}`;
    let found = memo.get(key);
    if (!found) {
      found = mini
        .search(term, { fields, tokenize: () => [term], processTerm: (t) => t, combineWith: "OR" })
        .map((r) => [r.id as number, r.score] as const);
      if (memo.size >= TERM_MEMO_ENTRIES) memo.clear();
      memo.set(key, found);
    }
    return found;
  };

  const search = (query: AnalyzedQuery, opts: SearchOptions = {}): SearchHit[] => {
    // Words are looked up in the word fields, and the bigrams of unknown words in the bigram
    // field only: each lookup costs MiniSearch work per matching article and field.
    const wordBoosts = scorer.queryBoosts(query.units, words);
    const gramBoosts = scorer.bigramBoosts(query.units, wordBoosts);
    if (wordBoosts.size === 0 && gramBoosts.size === 0) return [];
    // A filter costs MiniSearch a result object per matching article; it is only passed when it
    // leaves something out.
    const lawIds = opts.lawIds && !lawsOfIndex.every((id) => opts.lawIds?.has(id)) ? opts.lawIds : undefined;
    // MiniSearch's OR query scores a document by the sum of its terms' boosted BM25 scores times
    // the number of query terms it matches. Each term's scores are MiniSearch's own, kept per
    // term: questions repeat the same few hundred words, and a MiniSearch query spends most of its
    // time per term, not per document.
    const run = (boosts: Map<string, number>, fields: string[]) => {
      const sums = new Map<number, number>();
      const counts = new Map<number, number>();
      for (const [term, boost] of boosts) {
        for (const [id, score] of termScores(term, fields)) {
          sums.set(id, (sums.get(id) ?? 0) + boost * score);
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
      }
      return [...sums].map(([id, sum]) => ({ id, score: sum * (counts.get(id) ?? 1) }));
    };
    const scores = new Map<number, number>();
    for (const r of [...run(wordBoosts, WORD_FIELDS), ...run(gramBoosts, ["grams"])]) {
      if (lawIds && !lawIds.has((entries[r.id] as IndexedArticle).law.id)) continue;
      scores.set(r.id, (scores.get(r.id) ?? 0) + r.score);
    }
    const candidates = [...scores]
      .sort((a, b) => b[1] - a[1])
      .slice(0, CANDIDATES)
      .map(([id, score]) => ({ entry: entries[id] as IndexedArticle, bm25: score }));
    return scorer.rerank(query, candidates, opts);
  };

  return { entries, search, get: (lawId, n) => byKey.get(`${lawId}#${n}`), toJSON: () => mini.toJSON() };
}

/** Entries for the articles of `laws`, numbered from 0 in order. */
function entriesOf(
  laws: Law[],
  departmentsOf: (law: Law, article: Article) => DepartmentMention[],
): IndexedArticle[] {
  const out: IndexedArticle[] = [];
  for (const law of laws) {
    for (const article of law.articles)
      out.push(new IndexedArticle(out.length, law, article, departmentsOf(law, article)));
  }
  return out;
}
