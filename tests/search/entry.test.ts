import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { charBits, mayContain } from "../../src/search/entry.js";

describe("charBits and mayContain", () => {
  it("never rule out a word the text contains (property)", () => {
    const chars = [..."市县区人民政府食品药品安全监督管理部门、，。app12345"];
    const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 80 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(8), (t, at, len) => {
        const start = t.length === 0 ? 0 : at % t.length;
        return mayContain(charBits(t), t.slice(start, start + len));
      }),
    );
    fc.assert(
      fc.property(text, fc.string({ unit: fc.constantFrom(...chars), maxLength: 6 }), (t, w) => {
        return !t.includes(w) || mayContain(charBits(t), w);
      }),
    );
  });

  it("rule out words with a character the text lacks", () => {
    const bits = charBits("市场监督管理部门");
    expect(mayContain(bits, "监督")).toBe(true);
    expect(mayContain(bits, "食品")).toBe(false);
    expect(mayContain(bits, "")).toBe(true);
  });
});
