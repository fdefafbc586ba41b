import { describe, expect, it } from "vitest";
import {
  CONFIDENCE_FEATURES,
  confidenceFeatures,
  confidenceOf,
} from "../../../src/search/learned/confidence.js";
import { FEATURES } from "../../../src/search/learned/tables.js";
import { fixtureSetup } from "../../helpers/learn.js";

async function setup() {
  const { fields } = await fixtureSetup();
  return { docs: fields.docs };
}

describe("confidenceFeatures", () => {
  it("reads the margin and the share of the top five in the first hit's law", async () => {
    const { docs } = await setup();
    const row = new Float32Array(FEATURES.length);
    const hits = [
      { doc: 0, score: 10, features: row },
      { doc: 1, score: 7, features: row },
    ];
    const x = confidenceFeatures({ words: ["工资"], bigrams: ["工资"] }, hits, docs);
    expect(x).toHaveLength(CONFIDENCE_FEATURES.length);
    expect(x[CONFIDENCE_FEATURES.indexOf("margin")]).toBe(3);
    // Two hits of one law out of five places.
    expect(x[CONFIDENCE_FEATURES.indexOf("sameLawTop5")]).toBe(0.4);
    // The missing hits count as scoring 10 below the last one.
    expect(x[CONFIDENCE_FEATURES.indexOf("gap5")]).toBe(13);
    expect(confidenceFeatures({ words: [], bigrams: [] }, [], docs).every((v) => v === 0)).toBe(true);
  });
});

describe("confidenceOf", () => {
  it("is the logistic function of the standardised features", () => {
    const model = {
      features: ["margin", "words"],
      bias: -1,
      weights: [2, 0],
      means: [1, 0],
      scales: [2, 1],
      answerAt: 0.6,
      closestAt: 0.2,
    };
    expect(confidenceOf(model, [1, 99])).toBeCloseTo(1 / (1 + Math.exp(1)), 12);
    expect(confidenceOf(model, [3, 0])).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });
});
