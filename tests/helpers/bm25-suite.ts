/**
 * The behaviour every BM25 scorer of tiaowen must have, as one suite run against each
 * implementation — the engine's postings (tests/search/postings.test.ts) and the plain reference
 * (tests/bench/plain-bm25.test.ts): rarer and more terms rank first, boosts weigh, frequency
 * saturates, long documents are normalised, ranges restrict without changing scores.
 */
import { describe, expect, it } from "vitest";

/** A BM25 scorer as the suite sees it. */
export interface Bm25Scorer {
  documentFrequency(term: string): number;
  /** Scored documents in [from, to), best first (ties: lower id first). */
  search(
    boosts: ReadonlyMap<string, number>,
    range?: { from?: number; to?: number; limit?: number },
  ): Array<{ doc: number; score: number }>;
}

/** BM25 parameters the suite builds scorers with. */
export interface SuiteParams {
  k1: number;
  b: number;
  delta: number;
}

/** Runs the shared suite; `make` builds a scorer over token lists (document id = position). */
export function bm25Suite(name: string, make: (docs: string[][], params: SuiteParams) => Bm25Scorer): void {
  const okapi = { k1: 1.2, b: 0.75, delta: 0 };
  // Three "laws": documents 0–1, 2–3, 4.
  const docs = [
    ["食品", "安全", "监管"],
    ["食品", "食品", "价格"],
    ["安全", "生产"],
    ["数据", "开放"],
    ["食品", "安全"],
  ];
  const boosts = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));
  const ids = (hits: Array<{ doc: number }>) => hits.map((h) => h.doc);

  describe(`${name}: BM25 behaviour`, () => {
    it("knows document frequencies, 0 for unknown terms", () => {
      const s = make(docs, okapi);
      expect(s.documentFrequency("食品")).toBe(3);
      expect(s.documentFrequency("数据")).toBe(1);
      expect(s.documentFrequency("高铁")).toBe(0);
    });

    it("ranks documents with more of the terms, and with rarer terms, first", () => {
      const s = make(docs, okapi);
      const hits = s.search(boosts("食品", "安全"));
      expect(ids(hits).slice(0, 2).sort()).toEqual([0, 4]);
      expect(hits.at(-1)?.doc).toBe(2);
      // 数据 (in 1 document) outweighs 食品 (in 3).
      expect(ids(s.search(boosts("食品", "数据")))[0]).toBe(3);
    });

    it("weighs terms by their boost", () => {
      const s = make(docs, okapi);
      const top = (a: number, b: number) =>
        s.search(
          new Map([
            ["价格", a],
            ["生产", b],
          ]),
        )[0]?.doc;
      expect(top(5, 1)).toBe(1);
      expect(top(1, 5)).toBe(2);
    });

    it("saturates term frequency: twice the occurrences, less than twice the score", () => {
      const s = make([["税"], ["税", "税"], ["费"], ["费"]], { k1: 1.2, b: 0, delta: 0 });
      const [twice, once] = s.search(boosts("税"));
      expect(twice?.doc).toBe(1);
      expect((twice?.score ?? 0) / (once?.score ?? 1)).toBeGreaterThan(1);
      expect((twice?.score ?? 0) / (once?.score ?? 1)).toBeLessThan(2);
    });

    it("ranks the shorter of two documents with the same occurrences higher (b > 0), not with b = 0", () => {
      const corpus = [["补偿", "标准"], ["补偿", "标准", "程序", "期限", "机关", "申请"], ["其他"]];
      expect(ids(make(corpus, okapi).search(boosts("补偿")))).toEqual([0, 1]);
      const flat = make(corpus, { ...okapi, b: 0 }).search(boosts("补偿"));
      expect(flat[0]?.score).toBeCloseTo(flat[1]?.score ?? 0, 12);
    });

    it("adds delta for every matching term (BM25+), so a long document still scores", () => {
      const long = ["工资", ...Array.from({ length: 200 }, (_, i) => `词${i}`)];
      const plain = make([long, ["其他"]], okapi).search(boosts("工资"))[0]?.score ?? 0;
      const plus = make([long, ["其他"]], { ...okapi, delta: 0.5 }).search(boosts("工资"))[0]?.score ?? 0;
      const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
      expect(plus - plain).toBeCloseTo(0.5 * idf, 12);
    });

    it("searches one id range with the scores of the whole collection", () => {
      const s = make(docs, okapi);
      const all = s.search(boosts("食品", "安全"));
      const inRange = s.search(boosts("食品", "安全"), { from: 2, to: 5 });
      expect(ids(inRange)).toEqual([4, 2]);
      for (const h of inRange) expect(h.score).toBe(all.find((a) => a.doc === h.doc)?.score);
    });

    it("returns at most `limit` documents, and nothing for unknown terms", () => {
      const s = make(docs, okapi);
      expect(s.search(boosts("食品", "安全"), { limit: 2 })).toHaveLength(2);
      expect(s.search(boosts("高铁"))).toEqual([]);
    });

    it("keeps no state between searches", () => {
      const s = make(docs, okapi);
      const first = s.search(boosts("食品"));
      s.search(boosts("安全", "数据"));
      expect(s.search(boosts("食品"))).toEqual(first);
    });
  });
}
