import { beforeAll, describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import { IndexedArticle } from "../../src/search/entry.js";
import {
  actorNamedFeature,
  bm25Feature,
  briefFeature,
  type Candidate,
  coverageFeature,
  coverageOf,
  DEFAULT_FEATURES,
  phraseFeature,
  preferActorFeature,
  type RankingContext,
  type RankingFeature,
  rank,
} from "../../src/search/ranking.js";
import { createUnitScorer, type UnitScorer } from "../../src/search/units.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { articleOf, INTENTS_DIR, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
let law: Law;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  law = seedLaw();
});

function setup() {
  const entry = (n: number) => {
    const a = articleOf(law, n);
    return new IndexedArticle(n - 1, law, a, extractDepartments(a));
  };
  // Every term equally rare: coverage counts words, not their rarity.
  const scorer: UnitScorer = createUnitScorer({ df: () => 1, total: 45 });
  const query = (q: string) => analyzeQuery(normalize(q), tokenizer, vocabulary);
  const context = (q: string, preferActors = false): RankingContext => ({
    query: query(q),
    options: { preferActors },
    bestBm25: 10,
    scorer,
  });
  const candidate = (n: number, bm25 = 5, coverage = 0.5): Candidate => ({ entry: entry(n), bm25, coverage });
  return { entry, scorer, query, context, candidate };
}

describe("coverageOf", () => {
  it("is the weighted share of the question's words in the article, with the words found", () => {
    const { entry, scorer, query } = setup();
    expect(coverageOf(query("食品安全监管"), entry(30), scorer).coverage).toBeGreaterThan(0.9);
    const half = coverageOf(query("食品 高铁"), entry(30), scorer);
    expect(half.coverage).toBeCloseTo(0.5, 6);
    expect(half.matched).toEqual(["食品"]);
    expect(coverageOf(query("高铁票"), entry(30), scorer).coverage).toBe(0);
  });
});

describe("features", () => {
  it("give coverage, BM25 against the best, and neighbouring words", () => {
    const { candidate, context } = setup();
    expect(coverageFeature.value(candidate(30, 5, 0.7), context("食品"))).toBe(0.7);
    expect(bm25Feature.value(candidate(30, 5), context("食品"))).toBe(0.5);
    expect(phraseFeature.value(candidate(30), context("药品 安全"))).toBe(1);
    expect(phraseFeature.value(candidate(30), context("安全 药品"))).toBe(0);
    expect(phraseFeature.value(candidate(30), context("食品"))).toBe(0);
  });

  it("prefer the short article of two that cover a question alike", () => {
    const { candidate, context } = setup();
    // Article 3 (the principles, 102 characters) against article 6 (the list of duties, 561).
    const short = briefFeature.value(candidate(3), context("原则"));
    expect(short).toBeGreaterThan(briefFeature.value(candidate(6), context("原则")));
    expect(short).toBeLessThan(1);
  });

  it("credit an article whose actor is a department, and one whose actor the question names", () => {
    const { candidate, context } = setup();
    // Article 25: 公安机关 acts; article 2 names no department as actor.
    expect(preferActorFeature.value(candidate(25), context("智慧警务", true))).toBe(1);
    expect(preferActorFeature.value(candidate(25), context("智慧警务", false))).toBe(0);
    expect(actorNamedFeature.value(candidate(25), context("公安机关 智慧警务"))).toBe(1);
    expect(actorNamedFeature.value(candidate(25), context("智慧旅游"))).toBe(0);
  });

  it("default to coverage 0.85 and BM25 0.15, with smaller bonuses", () => {
    expect(DEFAULT_FEATURES.map((f) => [f.name, f.weight])).toEqual([
      ["coverage", 0.85],
      ["bm25", 1 - 0.85],
      ["phrase", 0.1],
      ["preferActor", 0.05],
      ["actorNamed", 0.1],
      ["brief", 0.2],
    ]);
  });
});

describe("rank", () => {
  it("orders by the weighted features, best first, at most `limit`", () => {
    const { entry, scorer, query } = setup();
    const candidates = [29, 30, 38].map((n) => ({ entry: entry(n), bm25: n === 38 ? 9 : 1 }));
    const hits = rank(query("食品安全监控"), candidates, scorer, DEFAULT_FEATURES, { limit: 2 });
    expect(hits.map((h) => h.entry.article.number)).toEqual([30, 29]);
    expect(hits[0]?.coverage).toBeGreaterThan(hits[1]?.coverage ?? 1);
  });

  it("takes added features into the score", () => {
    const { entry, scorer, query } = setup();
    const candidates = [29, 30].map((n) => ({ entry: entry(n), bm25: 1 }));
    const prefer29: RankingFeature = {
      name: "prior",
      weight: 5,
      value: (c) => (c.entry.article.number === 29 ? 1 : 0),
    };
    const hits = rank(query("食品安全监控"), candidates, scorer, [...DEFAULT_FEATURES, prefer29]);
    expect(hits[0]?.entry.article.number).toBe(29);
    const plain = rank(query("食品安全监控"), candidates, scorer, DEFAULT_FEATURES);
    expect(hits[0]?.score).toBeCloseTo(
      (plain.find((h) => h.entry.article.number === 29)?.score ?? 0) + 5,
      12,
    );
  });

  it("returns nothing without candidates or without units", () => {
    const { entry, scorer, query } = setup();
    expect(rank(query("食品"), [], scorer, DEFAULT_FEATURES)).toEqual([]);
    expect(rank(query(""), [{ entry: entry(30), bm25: 1 }], scorer, DEFAULT_FEATURES)).toEqual([]);
  });
});
