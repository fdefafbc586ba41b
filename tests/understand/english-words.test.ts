import { describe, expect, it } from "vitest";
import { englishNouns } from "../../src/understand/english-words.js";

describe("englishNouns", () => {
  it("finds the nouns and dates of a question, not its other words", () => {
    const nouns = englishNouns("Can I bring my dog on the bus? What is the weather tomorrow?");
    for (const w of ["dog", "bus", "weather", "tomorrow"]) expect(nouns.has(w), w).toBe(true);
    for (const w of ["bring", "can", "the", "what", "i"]) expect(nouns.has(w), w).toBe(false);
  });

  it("leaves adjectives and adverbs out", () => {
    const nouns = englishNouns("Are the police building a big camera network? kinda worried, actually");
    expect(nouns.has("camera")).toBe(true);
    for (const w of ["big", "worried", "actually"]) expect(nouns.has(w), w).toBe(false);
  });
});
