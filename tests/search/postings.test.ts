import { describe, expect, it } from "vitest";
import { PostingsIndex } from "../../src/search/postings.js";

function setup() {
  // Three "laws": docs 0–1, 2–3, 4.
  const docs = [
    ["食品", "安全", "监管"],
    ["食品", "食品", "价格"],
    ["安全", "生产"],
    ["数据", "开放"],
    ["食品", "安全"],
  ];
  const index = PostingsIndex.build(docs);
  const boosts = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));
  return { index, boosts };
}

describe("PostingsIndex", () => {
  it("knows document frequencies", () => {
    const { index } = setup();
    expect(index.size).toBe(5);
    expect(index.documentFrequency("食品")).toBe(3);
    expect(index.documentFrequency("数据")).toBe(1);
    expect(index.documentFrequency("高铁")).toBe(0);
    expect(index.has("开放")).toBe(true);
    expect(index.has("高铁")).toBe(false);
  });

  it("ranks documents by BM25: more matched terms and rarer terms first", () => {
    const { index, boosts } = setup();
    const hits = index.search(boosts("食品", "安全"));
    expect(
      hits
        .map((h) => h.doc)
        .slice(0, 2)
        .sort(),
    ).toEqual([0, 4]);
    expect(hits.at(-1)?.doc).toBe(2);
    expect(index.search(boosts("数据"))).toEqual([{ doc: 3, score: expect.any(Number) }]);
  });

  it("weighs terms by their boost", () => {
    const { index } = setup();
    const top = (b: Map<string, number>) => index.search(b)[0]?.doc;
    expect(
      top(
        new Map([
          ["价格", 5],
          ["生产", 1],
        ]),
      ),
    ).toBe(1);
    expect(
      top(
        new Map([
          ["价格", 1],
          ["生产", 5],
        ]),
      ),
    ).toBe(2);
  });

  it("searches one id range, or all but one", () => {
    const { index, boosts } = setup();
    expect(index.search(boosts("食品", "安全"), { from: 2, to: 4 }).map((h) => h.doc)).toEqual([2]);
    expect(index.search(boosts("食品"), { skipFrom: 0, skipTo: 2 }).map((h) => h.doc)).toEqual([4]);
  });

  it("skips very common terms when rarer ones are asked, but never all of them", () => {
    const { index, boosts } = setup();
    // 食品 is in 3 of 5 documents: above a 50% share it is dropped in favour of 开放.
    expect(
      index
        .search(boosts("食品", "开放", "价格"), { maxDocShare: 0.5 })
        .map((h) => h.doc)
        .sort(),
    ).toEqual([1, 3]);
    expect(index.search(boosts("食品", "安全"), { maxDocShare: 0.1 }).length).toBeGreaterThan(0);
  });

  it("gives the same results after a round trip through its data", () => {
    const { index, boosts } = setup();
    const copy = new PostingsIndex(index.data);
    expect(copy.search(boosts("食品", "安全"))).toEqual(index.search(boosts("食品", "安全")));
  });

  it("returns nothing for unknown terms and keeps no state between searches", () => {
    const { index, boosts } = setup();
    expect(index.search(boosts("高铁"))).toEqual([]);
    const first = index.search(boosts("食品"));
    expect(index.search(boosts("食品"))).toEqual(first);
  });
});
