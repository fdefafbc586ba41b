import { describe, expect, it } from "vitest";
import { buildTables } from "../../../src/learn/build-tables.js";
import { blendWeights, createLearnedRanker } from "../../../src/search/learned/ranker.js";
import { FEATURES, type FeatureName } from "../../../src/search/learned/tables.js";
import { fixtureSetup } from "../../helpers/learn.js";

const weightsOf = (w: Partial<Record<FeatureName, number>>) => FEATURES.map((f) => w[f] ?? 0);

async function setup() {
  const { questions, fields, analyzer } = await fixtureSetup();
  const tables = buildTables(questions, fields);
  const keyOf = (doc: number) => fields.docs[doc]?.key;
  return { tables, fields, analyzer, keyOf };
}

describe("createLearnedRanker", () => {
  it("ranks by the words of the article text", async () => {
    const { tables, fields, analyzer, keyOf } = await setup();
    const ranker = createLearnedRanker(tables, fields, { weights: weightsOf({ words: 1, bigrams: 0.5 }) });
    const hits = ranker.rank(analyzer.question("业主逾期不交纳物业服务费用，物业服务企业可以起诉吗"), 3);
    expect(keyOf(hits[0]?.doc ?? -1)).toBe("物业管理条例#64");
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits[0]?.features).toHaveLength(FEATURES.length);
  });

  it("scores a hit as the weighted sum of its features", async () => {
    const { tables, fields, analyzer } = await setup();
    tables.ranker.weights = {
      ...tables.ranker.weights,
      translation: 1.5,
      asked: 0.5,
      lawPrior: 0.7,
      popularity: 2,
      judicialInterpretation: -3,
      chapterPrior: 0.4,
      sectionPrior: 0.2,
      chapterAsked: 0.9,
    };
    const ranker = createLearnedRanker(tables, fields);
    for (const text of ["老板拖欠工资怎么办", "公司开除我谁举证", "物业费必须交吗"]) {
      for (const hit of ranker.rank(analyzer.question(text), 5)) {
        expect(hit.score).toBeCloseTo(ranker.score(hit.features), 3);
      }
    }
  });

  it("expands a question through the translation table, and the expansion finds articles", async () => {
    const { tables, fields, analyzer } = await setup();
    const ranker = createLearnedRanker(tables, fields, { weights: weightsOf({ words: 1, translation: 2 }) });
    const q = analyzer.question("老板跑路了");
    const expanded = ranker.expandQuery(q.words);
    expect(expanded.size).toBeGreaterThan(0);
    expect([...expanded.keys()].some((t) => !q.words.includes(t))).toBe(true);
    const hits = ranker.rank(q, 3);
    expect(hits[0]?.features[FEATURES.indexOf("translation")]).toBeGreaterThan(0);
    expect(fields.docs[hits[0]?.doc ?? -1]?.law).toBe("中华人民共和国劳动合同法");
  });

  it("gives the law prior and the words earlier questions asked of an article", async () => {
    const { tables, fields } = await setup();
    const ranker = createLearnedRanker(tables, fields);
    const prior = ranker.lawPrior(["物业费"]);
    const best = [...prior.groups].sort((a, b) => b[1] - a[1])[0];
    expect(best?.[0]).toBe("物业管理条例");
    expect(prior.rest).toBeLessThan(best?.[1] as number);
    expect(ranker.docExpansion("物业管理条例#41")?.get("物业费")).toBe(2);
    expect(ranker.docExpansion("物业管理条例#1")).toBeUndefined();
  });

  it("lifts an article earlier questions asked about with the asked feature", async () => {
    const { tables, fields, analyzer, keyOf } = await setup();
    const q = analyzer.question("房子租出去了谁交物业费");
    const plain = createLearnedRanker(tables, fields, { weights: weightsOf({ words: 1 }) });
    const asked = createLearnedRanker(tables, fields, { weights: weightsOf({ words: 1, asked: 1 }) });
    const rankOf = (r: typeof plain) => r.rank(q, 20).findIndex((h) => keyOf(h.doc) === "物业管理条例#41");
    expect(rankOf(asked)).toBe(0);
    expect(rankOf(asked)).toBeLessThanOrEqual(rankOf(plain));
  });

  it("blends the lexical and the full weights by trust", async () => {
    const { tables, fields } = await setup();
    tables.ranker.weights = { ...tables.ranker.weights, translation: 2, words: 1 };
    tables.ranker.lexicalWeights = { ...tables.ranker.lexicalWeights, translation: 0, words: 1 };
    const t = FEATURES.indexOf("translation");
    expect(blendWeights(tables, 1)[t]).toBe(2);
    expect(blendWeights(tables, 0.5)[t]).toBe(1);
    expect(createLearnedRanker(tables, fields, { trust: 0 }).weights[t]).toBe(0);
  });

  it("returns no hits for a question without words, and confidence between 0 and 1", async () => {
    const { tables, fields, analyzer } = await setup();
    const ranker = createLearnedRanker(tables, fields);
    const empty = analyzer.question("？？");
    expect(ranker.rank(empty)).toEqual([]);
    const q = analyzer.question("试用期最长多久");
    const c = ranker.confidence(q, ranker.rank(q));
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThanOrEqual(1);
  });

  it("lists candidates with one feature row each, the relevant article among them", async () => {
    const { tables, fields, analyzer, keyOf } = await setup();
    const ranker = createLearnedRanker(tables, fields);
    const c = ranker.candidates(analyzer.question("试用期工资最低多少"));
    expect(c.features).toHaveLength(c.docs.length * FEATURES.length);
    expect(c.docs.map(keyOf)).toContain("中华人民共和国劳动合同法#20");
  });
});
