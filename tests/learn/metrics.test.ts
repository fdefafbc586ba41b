import { describe, expect, it } from "vitest";
import { addRanking, emptyTally, finish, formatMetrics, reciprocalRank } from "../../src/learn/metrics.js";

describe("reciprocalRank", () => {
  it("is 1/rank of the first relevant key within 10", () => {
    expect(reciprocalRank(["a", "b", "c"], new Set(["b", "c"]))).toBe(0.5);
    expect(reciprocalRank(["a"], new Set(["x"]))).toBe(0);
    expect(reciprocalRank([..."abcdefghijk"], new Set(["k"]))).toBe(0);
  });
});

describe("addRanking / finish", () => {
  it("averages hit@1, recall at 1/5/10/100 and MRR as the scorer does", () => {
    const t = emptyTally();
    addRanking(t, ["a", "x", "b"], new Set(["a", "b"]));
    addRanking(t, ["y", "c"], new Set(["c"]));
    const m = finish(t);
    expect(m.n).toBe(2);
    expect(m.hit1).toBe(0.5);
    expect(m.r1).toBe(0.25);
    expect(m.r5).toBe(1);
    expect(m.mrr).toBe(0.75);
    expect(formatMetrics(t)).toMatch(/^MRR@10 0\.750 {2}hit@1 {2}50\.0%/);
  });
});
