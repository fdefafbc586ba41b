import { describe, expect, it } from "vitest";
import { fitWeights, hitsOf, learn, outOfFold, thresholdFor } from "../../src/learn/fit.js";
import { FEATURES } from "../../src/search/learned/tables.js";
import { fixtureSetup } from "../helpers/learn.js";

async function setup() {
  return fixtureSetup();
}

describe("outOfFold", () => {
  it("scores each question with tables that never saw it", async () => {
    const { questions, fields } = await setup();
    const oof = outOfFold(questions, fields);
    expect(oof).toHaveLength(questions.length);
    // 物业管理条例第七条 is cited by one question only: out of fold, nobody asked about it.
    const i = questions.findIndex((q) => q.relevant.has("物业管理条例#7"));
    const o = oof[i];
    const row = o?.candidates.docs.findIndex((d) => fields.docs[d]?.key === "物业管理条例#7") ?? -1;
    expect(row).toBeGreaterThanOrEqual(0);
    expect(o?.candidates.features[row * FEATURES.length + FEATURES.indexOf("asked")]).toBe(0);
    expect(o?.candidates.features[row * FEATURES.length + FEATURES.indexOf("popularity")]).toBe(0);
    expect(o?.sample.relevant[row]).toBe(1);
  });
});

describe("fitWeights / hitsOf", () => {
  it("fits only the features asked for, with words fixed at 1, and ranks by them", async () => {
    const { questions, fields } = await setup();
    const oof = outOfFold(questions, fields);
    const w = fitWeights(
      oof.map((o) => o.sample),
      ["words", "bigrams"],
    );
    expect(w[FEATURES.indexOf("words")]).toBe(1);
    expect(w.filter((x, i) => x !== 0 && i > 1)).toEqual([]);
    const hits = hitsOf(oof[0]?.candidates as NonNullable<(typeof oof)[0]>["candidates"], w, 5);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it("bagged: the mean of fits on bootstrap resamples, the same on every run, unused features 0", async () => {
    const { questions, fields } = await setup();
    const samples = outOfFold(questions, fields).map((o) => o.sample);
    const use = ["words", "bigrams", "translation"] as const;
    const bagged = fitWeights(samples, use, 3);
    expect(fitWeights(samples, use, 3)).toEqual(bagged);
    expect(bagged[FEATURES.indexOf("words")]).toBe(1);
    expect(bagged.filter((x, i) => x !== 0 && !use.includes(FEATURES[i] as (typeof use)[number]))).toEqual(
      [],
    );
    expect(bagged.every(Number.isFinite)).toBe(true);
  });
});

describe("thresholdFor", () => {
  it("is the lowest score at which the questions above reach the target, on enough of them", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ p: i / 100, ok: i >= 40 }));
    // Above 0.40 all are right; down to 0.25 the share is 60/75 = 0.8.
    expect(thresholdFor(rows, 0.8)).toBe(0.25);
    expect(thresholdFor(rows, 1)).toBe(0.4);
    expect(thresholdFor(rows.slice(0, 20), 0.5)).toBe(1);
  });
});

describe("learn", () => {
  it("fills in the weights, the lexical weights and the confidence model", async () => {
    const { questions, fields } = await setup();
    const { tables } = learn(questions, fields);
    expect(tables.ranker.weights.words).toBe(1);
    expect(Object.values(tables.ranker.lexicalWeights).filter((x, i) => x !== 0 && i > 2)).toEqual([]);
    expect(tables.ranker.confidence.weights).toHaveLength(tables.ranker.confidence.features.length);
    expect(tables.ranker.confidence.answerAt).toBeGreaterThanOrEqual(tables.ranker.confidence.closestAt);
  });
});
