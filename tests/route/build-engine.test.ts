import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus } from "../../src/corpus/build.js";
import { type BuiltEngine, buildEngine } from "../../src/route/build-engine.js";
import { createTokenizer } from "../../src/text/tokenizer.js";
import { loadVocabulary } from "../../src/understand/vocabulary.js";
import { loadWordWeights } from "../../src/understand/word-weights.js";
import { INTENTS_DIR, seedLaw } from "../helpers/fixtures.js";

let engine: BuiltEngine;
beforeAll(async () => {
  const vocabulary = loadVocabulary(INTENTS_DIR);
  const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  const corpus = buildCorpus({ laws: [seedLaw()], tokenizer, vocabulary, dependsOn: [] });
  engine = buildEngine({ corpus, tokenizer, vocabulary, weights: loadWordWeights(), hotline: "96123" });
});

describe("buildEngine", () => {
  it("finds the bodies the home laws name, without their levels", () => {
    expect(engine.homeBodies()).toEqual(
      expect.arrayContaining(["市场监督管理部门", "公安机关", "应急管理部门"]),
    );
    // Governments keep their level (市人民政府 and 县人民政府 are different bodies); departments do not.
    for (const b of engine.homeBodies().filter((b) => b.startsWith("市、县"))) expect(b).toMatch(/人民政府$/);
  });

  it("corrects typos and reads pinyin against the home laws' own terms", () => {
    expect(engine.correctTypos("食品安权谁管").text).toBe("食品安全谁管");
    expect(engine.queryOptions.pinyin?.("zhihuinongye")).toBe("智慧农业");
    // 住/建/局/有 is read with the bureau name whole: 局有 is not a typo of 具有.
    expect(engine.correctTypos("发改委、住建局有份没").corrections).toEqual([]);
  });

  it("searches the home laws and keeps the settings it was given", () => {
    expect(engine.hotline).toBe("96123");
    expect(engine.homeIds.size).toBe(1);
    expect(engine.searchOthers({ normalized: "", lang: "zh", units: [] })).toEqual([]);
  });
});
