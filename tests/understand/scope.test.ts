import { beforeAll, describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { chapterNamed, withScope } from "../../src/understand/scope.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { loadWordWeights, type WordWeights } from "../../src/understand/word-weights.js";
import { INTENTS_DIR, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
let weights: WordWeights;
let law: Law;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  weights = loadWordWeights();
  law = seedLaw();
});

/** The emphasis of each unit of a question after withScope, by the unit's text. */
function emphasesOf(question: string, places = true): Map<string, number> {
  const query = analyzeQuery(normalize(question), tokenizer, vocabulary, { weights });
  const scoped = withScope(query, [law], places ? { weights, localPlaces: vocabulary.localPlaces } : {});
  return new Map(scoped.units.map((u) => [u.text, u.emphasis]));
}

describe("withScope", () => {
  it("lets the law's own place and the words of its title say little", () => {
    const question = "大同市智慧城市的食品安全谁负责";
    const before = new Map(
      analyzeQuery(normalize(question), tokenizer, vocabulary, { weights }).units.map((u) => [
        u.text,
        u.emphasis,
      ]),
    );
    const units = emphasesOf(question);
    expect(units.get("大同市")).toBeCloseTo((before.get("大同市") ?? 0) * 0.1, 6);
    expect(units.get("智慧城市")).toBeCloseTo((before.get("智慧城市") ?? 0) * 0.5, 6);
    expect(units.get("食品安全")).toBe(before.get("食品安全"));
  });

  it("weighs a place the law does not govern in full: the question is about somewhere else", () => {
    const withPlaces = emphasesOf("太原的食品安全谁负责");
    expect(withPlaces.get("太原")).toBe(1);
    // Without knowing places, a place name is where a question is asked: talk.
    expect(emphasesOf("太原的食品安全谁负责", false).get("太原")).toBeLessThan(0.2);
  });

  it("keeps the city's own counties, with or without their suffix, and words like 县里 as where", () => {
    expect(emphasesOf("灵丘县的智慧农业谁负责").get("灵丘县")).toBeLessThan(1);
    // A county of the city says where, as the city does: a tenth of what it weighed.
    const before = analyzeQuery(normalize("我爸妈在浑源老家"), tokenizer, vocabulary, { weights });
    const was = before.units.find((u) => u.text === "浑源")?.emphasis ?? 0;
    expect(emphasesOf("我爸妈在浑源老家").get("浑源")).toBeCloseTo(was * 0.1, 6);
    expect(emphasesOf("我们县里的智慧农业谁负责").get("县里") ?? 0).toBeLessThan(1);
    expect(vocabulary.localPlaces.has("灵丘县")).toBe(true);
  });

  it("takes a word the law uses for its own, whatever its shape (开发区 ends like a place)", () => {
    const question = "开发区的智慧城市谁负责";
    expect(emphasesOf(question).get("开发区")).toBe(emphasesOf(question, false).get("开发区"));
    expect(emphasesOf("昌平区的智慧城市谁负责").get("昌平区")).toBe(1);
  });
});

describe("chapterNamed", () => {
  it("finds the chapter a question only names by its title", () => {
    const query = analyzeQuery(normalize("智慧民生"), tokenizer, vocabulary, { weights });
    expect(chapterNamed(query, law)).toBe(3);
  });
});
