import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import {
  type ArticleIndex,
  bigrams,
  createArticleIndex,
  type IndexInput,
} from "../../src/search/article-index.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
let datong: Law;
let jinan: Law;
let index: ArticleIndex;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  datong = seedLaw();
  jinan = parseFile(LAWREFBOOK.jinan);
  index = createArticleIndex(setup().input);
});

function setup() {
  const input: IndexInput = {
    laws: [datong, jinan],
    tokenizer,
    vocabulary,
    departmentsOf: (_law, article) => extractDepartments(article),
  };
  const query = (question: string) => analyzeQuery(normalize(question), tokenizer, vocabulary);
  const first = (question: string, lawId = datong.id) =>
    index.search(query(question), { lawIds: new Set([lawId]) })[0]?.entry.article.number;
  return { input, query, first };
}

describe("bigrams", () => {
  it("gives the overlapping pairs of each run of Chinese characters", () => {
    expect(bigrams("食品安全")).toEqual(["食品", "品安", "安全"]);
    expect(bigrams("食品app安全")).toEqual(["食品", "安全"]);
    expect(bigrams("一网通办。一卡通")).toEqual(["一网", "网通", "通办", "一卡", "卡通"]);
  });

  it("gives nothing for text without two Chinese characters in a row", () => {
    expect(bigrams("")).toEqual([]);
    expect(bigrams("管")).toEqual([]);
    expect(bigrams("a管b理c")).toEqual([]);
  });

  it("gives n − 1 pairs, each a piece of the text, for a run of n characters (property)", () => {
    const han = fc.string({
      unit: fc.constantFrom(..."食品安全监管市场部门一网通办"),
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(han, (text) => {
        const pairs = bigrams(text);
        return pairs.length === text.length - 1 && pairs.every((p, i) => text.slice(i, i + 2) === p);
      }),
    );
  });
});

describe("createArticleIndex", () => {
  it("holds every article of every law, each with its departments and normalised text", () => {
    expect(index.entries).toHaveLength(45 + 44);
    const entry = index.get(datong.id, 30);
    expect(entry?.article.label).toBe("第三十条");
    expect(entry?.law).toBe(datong);
    expect(entry?.departments.map((d) => d.canonical)).toEqual(["市场监督管理部门"]);
    expect(entry?.normalized).toBe(normalize(entry?.article.text ?? ""));
    expect(index.get(jinan.id, 44)?.article.text).toBe("本条例自2018年9月1日起施行。");
  });

  it("returns undefined for an article or law that does not exist", () => {
    expect(index.get(datong.id, 46)).toBeUndefined();
    expect(index.get("no-such-law", 1)).toBeUndefined();
  });

  it.each([
    ["食品安全", 30],
    ["食品安全监控", 30],
    ["视频监控平台", 25],
    ["环保大数据中心", 28],
    ["安全生产监控", 29],
    ["智慧旅游", 38],
    ["一网通办", 17],
    ["市民一卡通", 22],
    ["社会信用体系", 31],
    ["互联网金融", 39],
  ])("ranks the article that covers %s first (article %i)", (question, article) => {
    const { first } = setup();
    expect(first(question)).toBe(article);
  });

  it("finds the article when the question uses a synonym of the law's word", () => {
    const { first } = setup();
    expect(first("摄像头")).toBe(25);
    expect(first("食药监")).toBe(30);
  });

  it("reports coverage between 0 and 1 and ranks by score", () => {
    const { query } = setup();
    const hits = index.search(query("食品安全监控"));
    expect(hits.length).toBeGreaterThan(1);
    for (const hit of hits) {
      expect(hit.coverage).toBeGreaterThanOrEqual(0);
      expect(hit.coverage).toBeLessThanOrEqual(1);
    }
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(hits[0]?.coverage).toBeGreaterThan(0.9);
    expect(hits[0]?.matched).toEqual(expect.arrayContaining(["食品", "安全监管"]));
  });

  it("gives low coverage to an article that shares only a common word with the question", () => {
    const { query } = setup();
    const hit = index.search(query("高铁票多少钱"), { lawIds: new Set([datong.id]) })[0];
    expect(hit?.coverage ?? 0).toBeLessThan(0.55);
  });

  it("keeps to the laws named in lawIds", () => {
    const { query } = setup();
    const inJinan = index.search(query("12345热线"), { lawIds: new Set([jinan.id]) });
    expect(inJinan.length).toBeGreaterThan(0);
    expect(inJinan.every((h) => h.entry.law.id === jinan.id)).toBe(true);
    const inDatong = index.search(query("12345热线"), { lawIds: new Set([datong.id]) });
    expect(inDatong.every((h) => h.entry.law.id === datong.id)).toBe(true);
    expect(inDatong[0]?.entry.article.number).toBe(17);
    const both = index.search(query("12345热线"), { limit: 40 });
    expect(new Set(both.map((h) => h.entry.law.id))).toEqual(new Set([datong.id, jinan.id]));
  });

  it("returns at most `limit` hits, 10 by default", () => {
    const { query } = setup();
    expect(index.search(query("智慧城市建设"))).toHaveLength(10);
    expect(index.search(query("智慧城市建设"), { limit: 3 })).toHaveLength(3);
  });

  it("returns nothing for a question with no known content word", () => {
    const { query } = setup();
    expect(index.search(query(""))).toEqual([]);
    expect(index.search(query("blorfing zorgle"))).toEqual([]);
  });

  it("ranks the article whose actor the question names above one that only lists it", () => {
    const { query } = setup();
    const hits = index.search(query("公安 智慧警务"), { lawIds: new Set([datong.id]), preferActors: true });
    expect(hits[0]?.entry.article.number).toBe(25);
  });

  it("ranks as an index over the same laws built with other field boosts only where the boosts matter", () => {
    const { input, query } = setup();
    const same = createArticleIndex({
      ...input,
      boosts: { text: 1, grams: 0.4, chapter: 0.6, departments: 1.2 },
    });
    for (const question of ["食品安全监控", "一网通办", "12345热线", "智慧旅游"]) {
      const ranked = (i: ArticleIndex) =>
        i.search(query(question)).map((h) => [h.entry.law.id, h.entry.article.number, h.coverage]);
      expect(ranked(same)).toEqual(ranked(index));
    }
  });

  it("keeps coverage in [0, 1] and scores sorted for any question (property)", () => {
    const { query } = setup();
    const unit = fc.constantFrom(
      ..."食品安全监控谁负责旅游热线平台数据的和市县app ".split(""),
      "12345",
      "police ",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (question) => {
        const hits = index.search(query(question));
        return (
          hits.every((h) => h.coverage >= 0 && h.coverage <= 1 && Number.isFinite(h.score)) &&
          hits.every((h, i) => i === 0 || (hits[i - 1]?.score ?? 0) >= h.score)
        );
      }),
      { numRuns: 200 },
    );
  });
});
