import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlainBm25 } from "../../bench/plain-bm25.js";
import { PostingsBuilder, PostingsIndex, type ScoreSink } from "../../src/search/postings.js";
import { topK } from "../../src/search/segment.js";
import { BM25 } from "../../src/search/settings.js";
import { type Bm25Scorer, bm25Suite, type SuiteParams } from "../helpers/bm25-suite.js";

/** The postings as a scorer: every term's BM25+ summed per document, best first. */
function scorerOf(index: PostingsIndex, params: SuiteParams): Bm25Scorer {
  return {
    documentFrequency: (t) => {
      const id = index.termId(t);
      return id < 0 ? 0 : index.documentFrequency(id);
    },
    search: (boosts, range = {}) => {
      const scores = new Float64Array(index.size);
      const touched = new Set<number>();
      const sink: ScoreSink = {
        add: (doc, s) => {
          touched.add(doc);
          scores[doc] = (scores[doc] as number) + s;
        },
      };
      for (const [t, boost] of boosts) {
        const id = index.termId(t);
        if (id >= 0) index.score(id, boost, params, range.from ?? 0, range.to ?? index.size, sink);
      }
      return topK([...touched], scores, range.limit ?? index.size).map((doc) => ({
        doc,
        score: scores[doc] as number,
      }));
    },
  };
}

bm25Suite("PostingsIndex", (docs, params) => scorerOf(PostingsIndex.build(docs), params));

describe("PostingsIndex", () => {
  it("gives the plain reference's scores for any documents and query (property)", () => {
    const word = fc.constantFrom("食品", "安全", "监管", "价格", "数据", "工资", "a", "b");
    const doc = fc.array(word, { minLength: 1, maxLength: 12 });
    const params = fc.record({
      k1: fc.double({ min: 0.1, max: 3, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
      delta: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(word, { maxLength: 4 }),
        params,
        (docs, query, p) => {
          const boosts = new Map(query.map((t, i) => [t, 1 + i]));
          const mine = scorerOf(PostingsIndex.build(docs), p).search(boosts);
          const reference = new PlainBm25(docs, { ...p, length: "distinct" }).search(boosts);
          expect(mine.map((h) => h.doc).sort()).toEqual(reference.map((h) => h.doc).sort());
          for (const h of mine)
            expect(h.score).toBeCloseTo(reference.find((r) => r.doc === h.doc)?.score ?? -1, 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps each term's postings in document order, with frequencies and distinct-term lengths", () => {
    const index = PostingsIndex.build([["食品", "食品", "安全"], ["安全"], ["食品"]]);
    const { docs, tfs, offsets, lengths } = index.data;
    const food = index.termId("食品");
    expect([...docs.subarray(offsets[food], offsets[food + 1])]).toEqual([0, 2]);
    expect([...tfs.subarray(offsets[food], offsets[food + 1])]).toEqual([2, 1]);
    expect([...lengths]).toEqual([2, 1, 1]);
    expect(index.averageLength).toBeCloseTo(4 / 3, 12);
  });

  it("gives the same scores after a round trip through its data", () => {
    const index = PostingsIndex.build([
      ["食品", "安全"],
      ["安全", "生产"],
    ]);
    const copy = new PostingsIndex(structuredClone(index.data));
    const q = new Map([["安全", 1]]);
    expect(scorerOf(copy, BM25).search(q)).toEqual(scorerOf(index, BM25).search(q));
  });

  it("is empty but usable without documents", () => {
    const index = PostingsIndex.build([]);
    expect(index.size).toBe(0);
    expect(index.termId("食品")).toBe(-1);
    expect(index.averageLength).toBe(1);
  });
});

describe("PostingsBuilder", () => {
  it("takes term counts document by document and caps frequencies at 65,535", () => {
    const builder = new PostingsBuilder();
    builder.add(new Map([["工资", 70_000]]));
    builder.add(new Map());
    builder.add(
      new Map([
        ["工资", 1],
        ["加班", 2],
      ]),
    );
    expect(builder.size).toBe(3);
    const index = builder.finish();
    const id = index.termId("工资");
    expect([...index.data.tfs.subarray(index.data.offsets[id], index.data.offsets[id + 1])]).toEqual([
      65_535, 1,
    ]);
    expect([...index.data.lengths]).toEqual([1, 0, 2]);
  });

  it("grows past its first buffer", () => {
    const builder = new PostingsBuilder();
    for (let d = 0; d < 3000; d++)
      builder.add(
        new Map([
          [`t${d % 7}`, 1],
          ["共", 1],
        ]),
      );
    const index = builder.finish();
    expect(index.documentFrequency(index.termId("共"))).toBe(3000);
    expect(index.documentFrequency(index.termId("t3"))).toBe(Math.ceil((3000 - 3) / 7));
  });
});
