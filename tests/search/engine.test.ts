import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import { createAnalyzer } from "../../src/search/analyze.js";
import type { QueryExpansion } from "../../src/search/engine.js";
import { indexLaws } from "../../src/search/index-laws.js";
import { DEFAULT_FEATURES, type RankingFeature } from "../../src/search/ranking.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { findDefinition } from "../../src/understand/scope.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { CORPUS_DIR, INTENTS_DIR, parseFile, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
let laws: Law[];

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  laws = [seedLaw(), ...readdirSync(CORPUS_DIR).map((f) => parseFile(join(CORPUS_DIR, f)))];
});

/** The seed as the home law (a segment of its own), the ten regulations as the others. */
function setup(ranking?: Parameters<typeof indexLaws>[0]["ranking"]) {
  const { engine, documents } = indexLaws({
    laws,
    homeCount: 1,
    analyzer: createAnalyzer(tokenizer, vocabulary),
    departmentsOf: (i, k) => extractDepartments((laws[i] as Law).articles[k] as Law["articles"][number]),
    ...(ranking ? { ranking } : {}),
  });
  const query = (q: string) => analyzeQuery(normalize(q), tokenizer, vocabulary);
  const home = laws[0] as Law;
  const byTitle = (title: string) => laws.find((l) => l.title === title) as Law;
  return { engine, documents, query, home, byTitle };
}

describe("createSearchEngine", () => {
  it("has a segment for the home law and one for the others", () => {
    const { engine } = setup();
    expect(engine.segments.map((s) => [s.from, s.to])).toEqual([
      [0, 45],
      [45, engine.documents.size],
    ]);
    expect(engine.ranking.candidates).toBe(40);
  });

  it("searches the laws named in lawIds, one or several", () => {
    const { engine, query, home, byTitle } = setup();
    const jinan = byTitle("济南市12345市民服务热线条例");
    const inHome = engine.search(query("食品安全监控"), { lawIds: new Set([home.id]) });
    expect(inHome[0]?.entry.article.number).toBe(30);
    expect(inHome.every((h) => h.entry.law === home)).toBe(true);
    const inJinan = engine.search(query("热线工作机构的职责"), { lawIds: new Set([jinan.id]), limit: 5 });
    expect(inJinan.length).toBeGreaterThan(0);
    expect(inJinan.every((h) => h.entry.law === jinan)).toBe(true);
    const two = new Set([jinan.id, byTitle("上海市数据条例").id]);
    const inTwo = engine.search(query("数据 热线"), { lawIds: two, limit: 40 });
    expect(new Set(inTwo.map((h) => h.entry.law.id))).toEqual(two);
  });

  it("searches every law but the excluded ones", () => {
    const { engine, query, home } = setup();
    const hits = engine.search(query("食品安全监管"), { exceptLawIds: new Set([home.id]), limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.entry.law === home)).toBe(false);
  });

  it("merges the segments by score when the scope covers both", () => {
    const { engine, query } = setup();
    const hits = engine.search(query("智慧城市 数据"), { limit: 20 });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(hits.some((h) => h.entry.law === laws[0])).toBe(true);
    expect(hits.some((h) => h.entry.law !== laws[0])).toBe(true);
  });

  it("ranks the home law on its own statistics, whatever else is loaded", () => {
    const { engine, query, home } = setup();
    const alone = indexLaws({
      laws: [home],
      analyzer: createAnalyzer(tokenizer, vocabulary),
      departmentsOf: (_i, k) => extractDepartments(home.articles[k] as Law["articles"][number]),
    }).engine;
    for (const q of ["食品安全监控", "一网通办", "智慧旅游", "公安 智慧警务"]) {
      const ranked = (hits: ReturnType<typeof engine.search>) =>
        hits.map((h) => [h.entry.article.number, h.score]);
      expect(ranked(engine.search(query(q), { lawIds: new Set([home.id]) }))).toEqual(
        ranked(alone.search(query(q))),
      );
    }
  });

  it("returns nothing for an unknown law, a question without known words, or no words at all", () => {
    const { engine, query } = setup();
    expect(engine.search(query("数据"), { lawIds: new Set(["no-such-law"]) })).toEqual([]);
    expect(engine.search(query("blorfing zorgle"))).toEqual([]);
    expect(engine.search(query(""))).toEqual([]);
  });

  it("adds the features it is given to the score", () => {
    const { query, home } = setup();
    const prior: RankingFeature = {
      name: "prior",
      weight: 2,
      value: (c) => (c.entry.article.number === 29 ? 1 : 0),
    };
    const { engine } = setup({ features: [...DEFAULT_FEATURES, prior] });
    expect(
      engine.search(query("食品安全监控"), { lawIds: new Set([home.id]) })[0]?.entry.article.number,
    ).toBe(29);
  });

  it("lets an expansion add terms, with a first retrieval to draw on", () => {
    const { query, home, documents } = setup();
    const seen: number[] = [];
    // 老板 is nowhere in the seed; the expansion maps it to 企业 and looks at a first pass.
    const expansion: QueryExpansion = {
      name: "test",
      expand: (_q, runs, context) => {
        (runs[0]?.boosts as Map<string, number> | undefined)?.set("企业", 1);
        seen.push(...context.retrieve(runs, 3).map((d) => d.doc));
      },
    };
    const { engine } = setup({ expansions: [expansion] });
    const hits = engine.search(query("老板"), { lawIds: new Set([home.id]) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((d) => documents.entryAt(d).law === home)).toBe(true);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]?.entry.normalized).toContain("企业");
  });

  it("finds the articles that contain a text, in corpus order, as reading every article would", () => {
    const { engine, documents, home } = setup();
    const every = (text: string, lawIds?: ReadonlySet<string>) =>
      Array.from({ length: documents.size }, (_, d) => documents.entryAt(d)).filter(
        (e) => (!lawIds || lawIds.has(e.law.id)) && e.normalized.includes(text),
      );
    const homeOnly = new Set([home.id]);
    for (const text of ["公共数据", "数据", "智慧城市", "12345", "个人信息", "建", "高铁票"]) {
      expect(
        engine.containing(text).map((e) => e.id),
        text,
      ).toEqual(every(text).map((e) => e.id));
      expect(engine.containing(text, { lawIds: homeOnly }).map((e) => e.id)).toEqual(
        every(text, homeOnly).map((e) => e.id),
      );
    }
  });

  it("lets findDefinition read only the articles that contain the term, with the same result", () => {
    const { engine, documents } = setup();
    const containing = (text: string, scope: readonly Law[]) =>
      engine.containing(text, { lawIds: new Set(scope.map((l) => l.id)) });
    for (const term of ["公共数据", "数据", "个人信息", "热线事项", "智慧城市", "无此术语"]) {
      expect(findDefinition(term, laws, documents.entryOf, containing)?.id, term).toBe(
        findDefinition(term, laws, documents.entryOf)?.id,
      );
    }
    expect(findDefinition("公共数据", laws, documents.entryOf, containing)).toBeDefined();
  });

  it("passes only `candidates` articles to the ranking stage", () => {
    const { query, home } = setup();
    const { engine } = setup({ candidates: 3 });
    expect(engine.search(query("智慧城市建设"), { lawIds: new Set([home.id]), limit: 10 })).toHaveLength(3);
  });
});
