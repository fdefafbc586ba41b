import { describe, expect, it } from "vitest";
import { spokenCount } from "../../src/understand/english-frequency.js";

describe("spokenCount", () => {
  it("counts everyday words high and rare ones low, in lower case", () => {
    expect(spokenCount("the")).toBeGreaterThan(1_000_000);
    expect(spokenCount("goal")).toBeGreaterThan(100);
    // "I" is listed capitalised: questions are compared in lower case.
    expect(spokenCount("i")).toBeGreaterThan(1_000_000);
  });

  it("does not know common typos", () => {
    expect(spokenCount("goverment")).toBe(0);
    expect(spokenCount("polution")).toBe(0);
  });
});
