import { describe, expect, it } from "vitest";
import { isEnglishSubject } from "../../src/understand/english-words.js";

describe("isEnglishSubject", () => {
  it("takes nouns, dates and unknown names for the subject of a question", () => {
    for (const w of ["dog", "salary", "visa", "tomorrow", "taxi", "passport", "divorce"])
      expect(isEnglishSubject(w), w).toBe(true);
  });

  it("takes adjectives, adverbs and the verbs around a question for talk", () => {
    for (const w of ["big", "worried", "actually", "kinda", "going", "better", "lives", "one", "three"])
      expect(isEnglishSubject(w), w).toBe(false);
  });
});
