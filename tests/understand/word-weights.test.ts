import { describe, expect, it } from "vitest";
import { createWordWeights, loadWordWeights } from "../../src/understand/word-weights.js";

// legalTokens 1,000 and generalTokens 1,000,000: a word 1,000 times more frequent in law per token
// than in general text has a ratio of 1,000.
// The table's lines are sorted by word, as `npm run learn:words` writes them.
const TABLE = [
  "#word-stats\tarticles=100\tlegalTokens=1000\tgeneralTokens=1000000",
  ...[
    "罚款\t40\t50\t100", // law word: ratio 500
    "工资\t5\t5\t5000", // as frequent in law as in general text: ratio 1
    "到底\t0\t0\t6000", // never in law: talk
    "市民卡\t2\t2\t0", // only in law
    "烦\t0\t0\t1000",
    "死\t1\t1\t3000",
    "了\t1\t1\t800000",
  ].sort(),
].join("\n");

describe("createWordWeights", () => {
  it("weighs the law's words fully and talk little, with r = 1 at one half", () => {
    const w = createWordWeights(TABLE, { halfAt: 1, power: 2, floor: 0.05 });
    expect(w.topicality("罚款")).toBeCloseTo(1, 3);
    expect(w.topicality("工资")).toBeCloseTo(0.5, 3);
    expect(w.topicality("到底")).toBe(0.05);
    expect(w.topicality("市民卡")).toBe(1);
  });

  it("weighs a word neither corpus knows by its characters, and an unknown one as topical", () => {
    const w = createWordWeights(TABLE, { halfAt: 1, power: 1, floor: 0.05 });
    expect(w.topicality("烦死了")).toBeLessThan(0.3);
    expect(w.topicality("签证")).toBe(1);
  });

  it("knows which words are words and how common they are", () => {
    const w = createWordWeights(TABLE);
    expect(w.isWord("到底")).toBe(true);
    expect(w.isWord("安权")).toBe(false);
    expect(w.generalFrequency("了")).toBe(800000);
    expect(w.generalFrequency("安权")).toBe(0);
  });
});

describe("loadWordWeights", () => {
  it("reads the learned table: legal words topical, spoken filler not", () => {
    const w = loadWordWeights();
    for (const word of ["食品安全", "罚款", "监管", "签证"])
      expect(w.topicality(word), word).toBeGreaterThan(0.8);
    for (const word of ["到底", "有没有", "咱们", "听说", "一下"])
      expect(w.topicality(word), word).toBeLessThan(0.1);
  });

  it("treats every word as topical when the table is missing", () => {
    const w = loadWordWeights("/nonexistent/word-stats.tsv");
    expect(w.topicality("到底")).toBe(1);
    expect(w.isWord("到底")).toBe(false);
  });
});

describe("places", () => {
  const weights = loadWordWeights();

  it("tells places from other words: names, names by their suffix, and locatives", () => {
    for (const place of ["太原", "灵丘县", "昌平区", "县里", "楼下"])
      expect(weights.isPlace(place), place).toBe(true);
    expect(weights.isPlace("食品安全")).toBe(false);
  });

  it("takes only proper names as names of places, never where the asker stands", () => {
    for (const name of ["太原", "北京", "灵丘县", "昌平区"])
      expect(weights.isPlaceName(name), name).toBe(true);
    for (const word of ["县里", "楼下", "区内", "食品安全"])
      expect(weights.isPlaceName(word), word).toBe(false);
  });
});
