/**
 * Re-ranking by coverage, shared by the home index (MiniSearch) and the corpus index (postings):
 * candidates come with a BM25 score; the final order and the confidence come from how much of the
 * question's content — weighted by rarity — each article really contains.
 */
import type { AnalyzedQuery, QueryUnit } from "../understand/query.js";
import { bigrams, type IndexedArticle } from "./entry.js";

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

/** How rare words are in the collection being searched. */
export interface Rarity {
  /** Document frequency of an indexed term, undefined when the term is not indexed. */
  df(term: string): number | undefined;
  /** Number of documents. */
  total: number;
}

/** Options of {@link rerank}. */
export interface RerankOptions {
  limit?: number;
  /** Rank articles whose subject is a department a little higher (responsibility questions). */
  preferActors?: boolean;
}

// How much of the final score is coverage rather than BM25: coverage decides, BM25 breaks ties
// between articles that contain the same words. 0.85 is the middle of the range (0.85–0.9) in
// which every question of the dev and paraphrase sets ranks right; 0.75 and 0.8 lose some.
const COVERAGE_SHARE = 0.85;
// Words next to each other in the question and in the article ("便民服务" + "平台").
const PHRASE_BONUS = 0.1;
// The article whose actor is the body the question names (警察 → 公安机关).
const ACTOR_BONUS = 0.1;
const PREFER_ACTOR_BONUS = 0.05;

/** Weights and matching of question units against one collection. */
export function createScorer(rarity: Rarity) {
  const idf = (d: number) => Math.log(1 + rarity.total / (1 + d));
  const dfOf = (t: string) => rarity.df(t) ?? 0;

  /** The rarity weight of a unit: rare words count more. */
  const unitWeight = (u: QueryUnit): number => {
    if (!u.known) return idf(0) * u.emphasis;
    const dfs = [u.text, ...u.expansions]
      .map((t) => rarity.df(t))
      .filter((d): d is number => d !== undefined);
    let d: number;
    if (dfs.length > 0) d = Math.max(...dfs);
    else if (u.parts.length > 0) d = Math.min(...u.parts.map((alts) => Math.max(0, ...alts.map(dfOf))));
    else d = Math.max(0, ...bigrams(u.text).map(dfOf));
    // One character says little on its own (建, 管): half weight — unless the vocabulary knows
    // it as a word with synonyms (钱 → 资金).
    return idf(d) * (u.text.length === 1 && u.expansions.length === 0 ? 0.5 : 1) * u.emphasis;
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
        const w = idf(Math.max(0, ...alts.map(dfOf)));
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

  const raise = (boosts: Map<string, number>, t: string, b: number) => {
    if (t) boosts.set(t, Math.max(boosts.get(t) ?? 0, b));
  };

  /** The words to look up and their boosts: each unit's words at its weight, synonyms and parts lower. */
  const queryBoosts = (units: QueryUnit[], words: (t: string) => string[]) => {
    const boosts = new Map<string, number>();
    for (const u of units) {
      if (!u.known) continue;
      const w = unitWeight(u);
      for (const t of words(u.text)) raise(boosts, t, w);
      for (const x of u.expansions) for (const t of words(x)) raise(boosts, t, w * 0.6);
      for (const alts of u.parts) for (const a of alts) raise(boosts, a, w * 0.5);
    }
    return boosts;
  };

  /**
   * Bigrams to look up, only for words the index does not know as words: they find what jieba
   * cut differently in the law; for known words they would only slow the search down. Bigrams
   * already among `words` are left to those.
   */
  const bigramBoosts = (units: QueryUnit[], words: ReadonlyMap<string, number>) => {
    const boosts = new Map<string, number>();
    for (const u of units) {
      if (!u.known || rarity.df(u.text) !== undefined) continue;
      const w = unitWeight(u);
      for (const b of bigrams(u.text)) if (!words.has(b)) raise(boosts, b, w * 0.3);
    }
    return boosts;
  };

  /** Orders candidates by coverage (mostly) and BM25, with the phrase and actor bonuses. */
  const rerank = (
    query: AnalyzedQuery,
    candidates: Array<{ entry: IndexedArticle; bm25: number }>,
    options: RerankOptions = {},
  ): SearchHit[] => {
    const units = query.units;
    if (candidates.length === 0 || units.length === 0) return [];
    const best = Math.max(...candidates.map((c) => c.bm25)) || 1;
    // Single characters (建, 交, 管) are mostly the verb of the question's frame; when the question
    // has real words they rank candidates but do not count towards coverage.
    const isWord = (u: QueryUnit) => u.text.length > 1 || u.expansions.length > 0;
    const hasWords = units.some(isWord);
    const weights = units.map((u) => (hasWords && !isWord(u) ? 0 : unitWeight(u)));
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const hits = candidates.map(({ entry, bm25 }): SearchHit => {
      const hay = entry.hay;
      let covered = 0;
      const matched: string[] = [];
      units.forEach((u, k) => {
        const m = unitMatch(u, hay);
        covered += m.score * (weights[k] as number);
        if (m.found) matched.push(...m.found.split(" "));
      });
      const coverage = covered / totalWeight;
      let score = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * (bm25 / best);
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
      const actors = entry.departments.filter((d) => d.role === "actor");
      if (options.preferActors && actors.some((d) => !d.canonical.endsWith("人民政府")))
        score += PREFER_ACTOR_BONUS;
      const actorNamed = actors.some((d) =>
        units.some(
          (u) => u.known && [u.text, ...u.expansions].some((t) => t.length >= 2 && d.canonical.includes(t)),
        ),
      );
      if (actorNamed) score += ACTOR_BONUS;
      return { entry, score, coverage, matched: [...new Set(matched)] };
    });
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, options.limit ?? 10);
  };

  return { unitWeight, unitMatch, queryBoosts, bigramBoosts, rerank };
}
