import { describe, expect, it } from "vitest";
import { PlainBm25 } from "../../bench/plain-bm25.js";
import { bm25Suite } from "../helpers/bm25-suite.js";

bm25Suite("PlainBm25", (docs, params) => new PlainBm25(docs, params));

describe("PlainBm25", () => {
  it("counts a document's length in tokens (Okapi) or distinct terms (MiniSearch)", () => {
    // Same tf, different repetitions of another word: only the token length tells them apart.
    const docs = [["罚款", "罚款", "标准"], ["罚款", "罚款", "标准", "标准", "标准", "标准"], ["x"]];
    const q = new Map([["罚款", 1]]);
    const byTokens = new PlainBm25(docs, { length: "tokens" }).search(q);
    expect(byTokens[0]?.score).toBeGreaterThan(byTokens[1]?.score ?? 0);
    const byTerms = new PlainBm25(docs, { length: "distinct" }).search(q);
    expect(byTerms[0]?.score).toBe(byTerms[1]?.score);
  });

  it("computes the textbook formula", () => {
    const s = new PlainBm25([["a", "a", "b"], ["b"]], { k1: 1.2, b: 0.75 });
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const avg = 2;
    const expected = (idf * (2 * 2.2)) / (2 + 1.2 * (1 - 0.75 + (0.75 * 3) / avg));
    expect(s.search(new Map([["a", 1]]))[0]?.score).toBeCloseTo(expected, 12);
  });
});
