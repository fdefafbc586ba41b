import { describe, expect, it } from "vitest";
import { Bm25Field } from "../../../src/search/learned/bm25.js";

function setup() {
  const docs = [["工资", "拖欠", "工资"], ["工资", "标准"], ["物业", "费用", "业主", "交纳"], []];
  return { docs, field: new Bm25Field(docs), params: { k1: 1.2, b: 0.75 } };
}

/** BM25 written out term by term, as the reference. */
function reference(docs: string[][], query: Map<string, number>, k1: number, b: number): number[] {
  const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  return docs.map((d) => {
    let s = 0;
    for (const [t, w] of query) {
      const tf = d.filter((x) => x === t).length;
      if (tf === 0) continue;
      const df = docs.filter((x) => x.includes(t)).length;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      s += (w * idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * d.length) / avg));
    }
    return s;
  });
}

describe("Bm25Field", () => {
  it("scores like the BM25 formula, weighted per term", () => {
    const { docs, field, params } = setup();
    const query = new Map([
      ["工资", 1],
      ["物业", 0.5],
      ["不存在", 3],
    ]);
    const out = new Float64Array(docs.length);
    const touched: number[] = [];
    field.accumulate(query, params, out, touched);
    const want = reference(docs, query, params.k1, params.b);
    want.forEach((w, i) => {
      expect(out[i]).toBeCloseTo(w, 10);
    });
    expect(touched.sort()).toEqual([0, 1, 2]);
  });

  it("adds to what is already there and lists only newly touched documents", () => {
    const { docs, field, params } = setup();
    const out = new Float64Array(docs.length);
    const touched: number[] = [];
    field.accumulate(new Map([["工资", 1]]), params, out, touched);
    const first = out[0] as number;
    field.accumulate(new Map([["拖欠", 1]]), params, out, touched);
    expect(out[0]).toBeGreaterThan(first);
    expect(touched.sort()).toEqual([0, 1]);
  });

  it("knows document frequencies and builds from counts", () => {
    const { field } = setup();
    expect(field.df("工资")).toBe(2);
    expect(field.df("没有")).toBe(0);
    expect(field.idf("工资")).toBeLessThan(field.idf("物业"));
    const fromCounts = Bm25Field.fromCounts([new Map([["工资", 2]]), new Map([["物业", 1]])]);
    expect(fromCounts.size).toBe(2);
    expect(fromCounts.df("工资")).toBe(1);
  });
});
