import { describe, expect, it } from "vitest";
import { articleNumberOf } from "../../src/route/ask.js";
import { seedLaw } from "../helpers/fixtures.js";

describe("articleNumberOf", () => {
  const law = seedLaw();

  it("gives the article a question names", () => {
    expect(articleNumberOf({ article: 30 }, law)).toBe(30);
    expect(articleNumberOf({ article: 30, chapter: 4 }, law)).toBe(30);
  });

  it("counts from the end of the law, or of the chapter named", () => {
    expect(articleNumberOf({ fromEnd: 1 }, law)).toBe(45);
    expect(articleNumberOf({ fromEnd: 2 }, law)).toBe(44);
    expect(articleNumberOf({ fromEnd: 1, chapter: 5 }, law)).toBe(42);
  });

  it("counts within a chapter when the article is not in it (第二章第一条)", () => {
    expect(articleNumberOf({ article: 1, chapter: 2 }, law)).toBe(7);
  });

  it("gives 0, no article, when asked past the beginning", () => {
    expect(articleNumberOf({ fromEnd: 46 }, law)).toBe(0);
  });
});
