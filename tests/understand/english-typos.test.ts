import { describe, expect, it } from "vitest";
import { createEnglishSpeller } from "../../src/understand/english-typos.js";

describe("createEnglishSpeller", () => {
  const speller = createEnglishSpeller(
    ["government", "pollution", "city", "monitoring", "officials", "bus", "buy"],
    (w) => ["official"].includes(w),
  );

  it("reads a word one edit from exactly one dictionary word as that word", () => {
    expect(speller.correct("goverment")).toBe("government");
    expect(speller.correct("polution")).toBe("pollution");
    expect(speller.correct("ctiy")).toBe("city");
    expect(speller.correct("monitorring")).toBe("monitoring");
  });

  it("leaves known words, real English words, short words and far words alone", () => {
    expect(speller.correct("city")).toBeUndefined();
    expect(speller.correct("official")).toBeUndefined();
    expect(speller.correct("bux")).toBeUndefined();
    expect(speller.correct("governance")).toBeUndefined();
  });
});
