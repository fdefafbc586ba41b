import { describe, expect, it } from "vitest";
import { englishStems, isEnglishSubject } from "../../src/understand/english-words.js";

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

describe("englishStems", () => {
  it("gives the stems of possessives, plurals and verb forms, in the order to try them", () => {
    expect(englishStems("ideas")).toEqual(["idea"]);
    expect(englishStems("applies")).toEqual(["apply", "appli", "applie"]);
    expect(englishStems("reflected")).toEqual(["reflect", "reflecte"]);
    expect(englishStems("city's")).toEqual(["city", "city'"]);
  });

  it("gives no stem shorter than three letters, and none for a word without an ending", () => {
    expect(englishStems("uses")).toEqual(["use"]);
    expect(englishStems("visa")).toEqual([]);
  });
});
