import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topK, topKOf } from "../../../src/search/learned/top-k.js";

describe("topK", () => {
  it("returns the best k by score, best first, ties by document id", () => {
    const scores = [5, 1, 5, 3, 0, 9];
    expect(topK([0, 1, 2, 3, 4, 5], (d) => scores[d] as number, 3)).toEqual([5, 0, 2]);
    expect(topK([3, 1], (d) => scores[d] as number, 5)).toEqual([3, 1]);
    expect(topK([], () => 0, 3)).toEqual([]);
    expect(topK([1, 2], () => 0, 0)).toEqual([]);
  });

  it("agrees with a full sort", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (values, k) => {
          const docs = values.map((_, i) => i);
          const score = (d: number) => values[d] as number;
          const sorted = [...docs].sort((a, b) => score(b) - score(a) || a - b).slice(0, k);
          expect(topK(docs, score, k)).toEqual(sorted);
        },
      ),
    );
  });
});

describe("topKOf", () => {
  it("agrees with topK on scores held in a dense array", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (values, k) => {
          const scores = Float64Array.from(values);
          // Every other document, in reverse order: the result must not depend on the order given.
          const docs = values
            .map((_, i) => i)
            .filter((i) => i % 2 === 0)
            .reverse();
          expect(topKOf(docs, scores, k)).toEqual(topK(docs, (d) => scores[d] as number, k));
        },
      ),
    );
  });
});
