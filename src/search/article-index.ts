/**
 * The full-text index over articles. MiniSearch ranks candidates with BM25 over jieba words
 * (search mode) and character bigrams, which catch words that jieba cut differently in the
 * question and in the law. The candidates are then re-ranked by coverage: how much of the
 * question's content (weighted by rarity) the article really contains. Coverage is also the
 * confidence: an article that shares one common word with the question does not answer it.
 */
import MiniSearch from "minisearch";
import type { Article, Law } from "../law/types.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import type { DepartmentMention } from "../understand/departments.js";
import type { AnalyzedQuery, QueryUnit } from "../understand/query.js";
import type { Vocabulary } from "../understand/vocabulary.js";

/** An article as the index holds it. */
export interface IndexedArticle {
  /** Position in the index; stable for one build. */
  id: number;
  law: Law;
  article: Article;
  departments: DepartmentMention[];
  /** Normalised text of the article (what matching looks at). */
  normalized: string;
  /** The normalised text and department names: where question words are looked for. */
  hay: string;
}

/** One ranked article. */
export interface SearchHit {
  entry: IndexedArticle;
  /** Final ranking score. */
  score: number;
  /** Share (0–1) of the question's weighted content found in the article. */
  coverage: number;
  /** The question words (or their synonyms) found, as they appear in the article. */
  matched: string[];
}

/** Options of {@link ArticleIndex.search}. */
export interface SearchOptions {
  limit?: number;
  /** Only articles of these laws. */
  lawIds?: ReadonlySet<string>;
  /** Rank articles whose subject is a department a little higher (responsibility questions). */
  preferActors?: boolean;
}

/** Field boosts, chosen by measurement on the dev questions (see bench/ and the README). */
export const FIELD_BOOSTS = { text: 1, grams: 0.4, chapter: 0.6, departments: 1.2 } as const;
// How much of the final score is coverage rather than BM25: coverage decides, BM25 breaks ties
// between articles that contain the same words (more occurrences, shorter article).
const COVERAGE_SHARE = 0.85;
const CANDIDATES = 40;
const PHRASE_BONUS = 0.1;
const ACTOR_BONUS = 0.1;

const PUNCT = /^[\p{P}\p{S}\s]+$/u;

/** Overlapping two-character pieces of each run of Chinese characters. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** The search index over a set of laws. */
export interface ArticleIndex {
  readonly entries: readonly IndexedArticle[];
  /** Ranked articles for an analysed question. */
  search(query: AnalyzedQuery, options?: SearchOptions): SearchHit[];
  /** The entry of one article, if it exists. */
  get(lawId: string, number: number): IndexedArticle | undefined;
  /** Serialisable form of the MiniSearch index (for the on-disk cache). */
  toJSON(): unknown;
}

/** What {@link createArticleIndex} needs. */
export interface IndexInput {
  laws: Law[];
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  departmentsOf: (law: Law, article: Article) => DepartmentMention[];
  /** A MiniSearch index saved earlier by toJSON() for the same laws and engine version. */
  saved?: unknown;
}

/** Builds (or restores) the index. */
export function createArticleIndex(input: IndexInput): ArticleIndex {
  const { laws, tokenizer, vocabulary } = input;
  const entries: IndexedArticle[] = [];
  const byKey = new Map<string, IndexedArticle>();
  for (const law of laws) {
    for (const article of law.articles) {
      const entry: IndexedArticle = {
        id: entries.length,
        law,
        article,
        departments: input.departmentsOf(law, article),
        normalized: "",
        hay: "",
      };
      entry.normalized = normalize(article.text);
      entry.hay = `${entry.normalized} ${normalize(entry.departments.map((d) => d.name).join(" "))}`;
      entries.push(entry);
      const key = `${law.id}#${article.number}`;
      if (!byKey.has(key)) byKey.set(key, entry);
    }
  }

  const words = (text: string) =>
    tokenizer.cutForSearch(text).filter((w) => !PUNCT.test(w) && !vocabulary.stopwordsZh.has(w));
  const tokenize = (text: string, field?: string) => (field === "grams" ? bigrams(text) : words(text));
  const options = {
    idField: "id",
    fields: ["text", "grams", "chapter", "departments"],
    tokenize,
    processTerm: (t: string) => t,
    searchOptions: { boost: { ...FIELD_BOOSTS } },
  };
  const docOf = (e: IndexedArticle) => ({
    id: e.id,
    text: e.normalized,
    grams: e.normalized,
    chapter: normalize(`${e.article.chapter?.title ?? ""} ${e.article.section?.title ?? ""}`),
    departments: normalize(e.departments.map((d) => d.canonical).join(" ")),
  });

  let mini: MiniSearch;
  if (input.saved !== undefined) {
    mini = MiniSearch.loadJS(input.saved as Parameters<typeof MiniSearch.loadJS>[0], options);
  } else {
    mini = new MiniSearch(options);
    mini.addAll(entries.map(docOf));
  }

  // Document frequency of each indexed word and bigram: the rarity weight of question words.
  const df = new Map<string, number>();
  for (const e of entries) {
    for (const t of new Set([...words(e.normalized), ...bigrams(e.normalized)]))
      df.set(t, (df.get(t) ?? 0) + 1);
  }
  const total = Math.max(entries.length, 1);
  const idf = (d: number) => Math.log(1 + total / (1 + d));

  const unitWeight = (u: QueryUnit): number => {
    if (!u.known) return idf(0);
    const dfs = [u.text, ...u.expansions].map((t) => df.get(t)).filter((d): d is number => d !== undefined);
    let d: number;
    if (dfs.length > 0) d = Math.max(...dfs);
    else if (u.parts.length > 0)
      d = Math.min(...u.parts.map((alts) => Math.max(0, ...alts.map((a) => df.get(a) ?? 0))));
    else d = Math.max(0, ...bigrams(u.text).map((b) => df.get(b) ?? 0));
    // One character says little on its own (建, 管): half weight.
    return idf(d) * (u.text.length === 1 ? 0.5 : 1) * u.emphasis;
  };

  /** How well an article contains a unit: 1 for the word or a synonym, less for its parts. */
  const unitMatch = (u: QueryUnit, hay: string): { score: number; found?: string } => {
    if (!u.known) return { score: 0 };
    if (hay.includes(u.text)) return { score: 1, found: u.text };
    for (const x of u.expansions) if (hay.includes(x)) return { score: 0.9, found: x };
    if (u.parts.length > 1) {
      // Credit for the parts found, weighted by their rarity: in 便民服务 the rare 便民 carries the
      // meaning, the common 服务 little.
      let found = 0;
      let all = 0;
      const seen: string[] = [];
      for (const alts of u.parts) {
        const w = idf(Math.max(0, ...alts.map((a) => df.get(a) ?? 0)));
        all += w;
        const hit = alts.find((a) => hay.includes(a));
        if (hit) {
          found += w;
          seen.push(hit);
        }
      }
      if (found > 0) return { score: (0.85 * found) / all, found: seen.join(" ") };
    }
    return { score: 0 };
  };

  const search = (query: AnalyzedQuery, opts: SearchOptions = {}): SearchHit[] => {
    const units = query.units;
    if (units.length === 0) return [];
    const boosts = new Map<string, number>();
    const add = (t: string, b: number) => {
      if (t && !PUNCT.test(t)) boosts.set(t, Math.max(boosts.get(t) ?? 0, b));
    };
    for (const u of units) {
      if (!u.known) continue;
      const w = unitWeight(u);
      for (const t of words(u.text)) add(t, w);
      for (const x of u.expansions) for (const t of words(x)) add(t, w * 0.6);
      for (const alts of u.parts) for (const a of alts) add(a, w * 0.5);
      // Bigrams only for words the index does not know as words: they find what jieba cut
      // differently in the law; for known words they would only slow the search down.
      if (!df.has(u.text)) for (const b of bigrams(u.text)) add(b, w * 0.3);
    }
    const terms = [...boosts.keys()];
    if (terms.length === 0) return [];
    const filter = opts.lawIds
      ? (r: { id: number }) => opts.lawIds?.has((entries[r.id] as IndexedArticle).law.id) ?? true
      : undefined;
    const raw = mini.search(terms.join(" "), {
      tokenize: () => terms,
      processTerm: (t) => t,
      boostTerm: (t) => boosts.get(t) ?? 1,
      combineWith: "OR",
      ...(filter ? { filter } : {}),
    });
    const top = raw.slice(0, CANDIDATES);
    const best = top[0]?.score ?? 1;
    // Single characters (建, 交, 管) are mostly the verb of the question's frame; when the question
    // has real words they rank candidates but do not count towards coverage.
    const hasWords = units.some((u) => u.text.length > 1);
    const weights = units.map((u) => (hasWords && u.text.length === 1 ? 0 : unitWeight(u)));
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const hits: SearchHit[] = top.map((r) => {
      const entry = entries[r.id] as IndexedArticle;
      const hay = entry.hay;
      let covered = 0;
      const matched: string[] = [];
      units.forEach((u, k) => {
        const m = unitMatch(u, hay);
        covered += m.score * (weights[k] as number);
        if (m.found) matched.push(...m.found.split(" "));
      });
      const coverage = covered / totalWeight;
      let score = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * (r.score / best);
      // Words next to each other in the question and in the article ("便民服务" + "平台" →
      // "便民服务平台") are the same phrase, not two words that happen to occur.
      let pairs = 0;
      let adjacent = 0;
      for (let k = 0; k + 1 < units.length; k++) {
        const a = units[k] as QueryUnit;
        const b = units[k + 1] as QueryUnit;
        if (!a.known || !b.known) continue;
        pairs++;
        if (hay.includes(a.text + b.text)) adjacent++;
      }
      if (pairs > 0) score += PHRASE_BONUS * (adjacent / pairs);
      if (
        opts.preferActors &&
        entry.departments.some((d) => d.role === "actor" && !d.canonical.endsWith("人民政府"))
      ) {
        score += 0.05;
      }
      // A question that names a body (警察 → 公安) is about what that body does: the article in
      // which it is the actor beats one that merely lists it.
      const actorNamed = entry.departments.some(
        (d) =>
          d.role === "actor" &&
          units.some(
            (u) => u.known && [u.text, ...u.expansions].some((t) => t.length >= 2 && d.canonical.includes(t)),
          ),
      );
      if (actorNamed) score += ACTOR_BONUS;
      return { entry, score, coverage, matched: [...new Set(matched)] };
    });
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, opts.limit ?? 10);
  };

  return {
    entries,
    search,
    get: (lawId, number) => byKey.get(`${lawId}#${number}`),
    toJSON: () => mini.toJSON(),
  };
}
