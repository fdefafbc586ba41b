import { beforeAll, describe, expect, it } from "vitest";
import { type Analyzer, createAnalyzer } from "../../src/search/analyze.js";
import { bigrams, IndexedArticle, indexWords } from "../../src/search/entry.js";
import { createTokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { loadVocabulary } from "../../src/understand/vocabulary.js";
import { articleOf, INTENTS_DIR, seedLaw } from "../helpers/fixtures.js";

let analyzer: Analyzer;

beforeAll(async () => {
  const vocabulary = loadVocabulary(INTENTS_DIR);
  analyzer = createAnalyzer(await createTokenizer({ userWords: vocabulary.dictionary }), vocabulary);
});

function setup(n = 30) {
  const law = seedLaw();
  const article = articleOf(law, n);
  const entry = new IndexedArticle(0, law, article, extractDepartments(article));
  return { law, article, entry };
}

describe("createAnalyzer", () => {
  it("cuts words without punctuation and stop words", () => {
    const words = analyzer.words("市场监督管理部门应当建设统一信息网络。");
    expect(words).toEqual(expect.arrayContaining(["市场监督管理部门", "信息网络"]));
    expect(words).not.toContain("。");
  });

  it("keeps the words of a short text: the same frozen words again, as a fresh cut gives them", async () => {
    const vocabulary = loadVocabulary(INTENTS_DIR);
    const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
    const fresh = createAnalyzer(tokenizer, vocabulary);
    const first = fresh.words("食品安全，监管");
    expect(Object.isFrozen(first)).toBe(true);
    expect(fresh.words("食品安全，监管")).toBe(first);
    expect(first).toEqual(indexWords("食品安全，监管", tokenizer.cutForSearch, vocabulary.stopwordsZh));
    // Long texts (article pieces) are cut each time, into an array of their own.
    const long = "市场监督管理部门应当建设统一信息网络。".repeat(2);
    expect(fresh.words(long)).not.toBe(fresh.words(long));
  });

  it("gives an article's words, bigrams, chapter words, department words and characters", () => {
    const { entry } = setup(30);
    const terms = analyzer.articleTerms(entry);
    expect(terms.fields.text.get("食品")).toBeGreaterThan(0);
    expect([...terms.fields.grams.keys()].sort()).toEqual([...new Set(bigrams(entry.normalized))].sort());
    expect([...terms.fields.chapter.keys()]).toEqual(expect.arrayContaining(["智慧", "治理"]));
    expect([...terms.fields.departments.keys()]).toContain("市场监督管理部门");
    expect(terms.chars.has("食")).toBe(true);
    expect(terms.chars.has("。")).toBe(false);
  });

  it("counts the terms of an article of 640,000 characters exactly, in pieces cut after punctuation", () => {
    const { law, article } = setup(30);
    const huge = { ...article, text: "市人民政府应当推进智慧城市建设。".repeat(40_000) };
    const terms = analyzer.articleTerms(new IndexedArticle(0, law, huge, []));
    expect(terms.fields.grams.get("智慧")).toBe(40_000);
    expect(terms.fields.text.get("智慧城市")).toBe(40_000);
  });

  it("indexes 600,000 characters without any punctuation, at worst splitting a word where a piece ends", () => {
    const { law, article } = setup(30);
    const huge = { ...article, text: "市人民政府应当推进智慧城市建设".repeat(40_000) };
    const terms = analyzer.articleTerms(new IndexedArticle(0, law, huge, []));
    // Pieces of 65,536 characters for bigrams (9 cuts), 4,096 for jieba (146 cuts).
    expect(terms.fields.grams.get("智慧")).toBeGreaterThanOrEqual(40_000 - 9);
    expect(terms.fields.text.get("智慧城市")).toBeGreaterThanOrEqual(40_000 - 146);
  });
});
