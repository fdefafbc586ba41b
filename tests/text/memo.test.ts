import { describe, expect, it } from "vitest";
import { ByteBoundedMemo, bytesOfWords } from "../../src/text/memo.js";

describe("ByteBoundedMemo", () => {
  it("remembers values and forgets them when the byte budget would be passed", () => {
    const memo = new ByteBoundedMemo<string[]>(1_000, bytesOfWords);
    memo.set("食品安全", ["食品", "安全"]);
    expect(memo.get("食品安全")).toEqual(["食品", "安全"]);
    expect(memo.get("高铁")).toBeUndefined();
    for (let i = 0; i < 100; i++) memo.set(`词${i}`, [`词${i}`]);
    expect(memo.bytes).toBeLessThanOrEqual(1_000);
    expect(memo.size).toBeLessThan(100);
  });

  it("stays within its budget whatever the sizes of the values", () => {
    const memo = new ByteBoundedMemo<string[]>(10_000, bytesOfWords);
    for (let i = 0; i < 500; i++) {
      memo.set(
        `k${i}`,
        Array.from({ length: i % 40 }, (_, j) => `w${j}`),
      );
      expect(memo.bytes).toBeLessThanOrEqual(10_000);
    }
  });

  it("does not keep a value larger than the whole budget", () => {
    const memo = new ByteBoundedMemo<string[]>(100, bytesOfWords);
    memo.set(
      "big",
      Array.from({ length: 50 }, () => "安全"),
    );
    expect(memo.get("big")).toBeUndefined();
    expect(memo.bytes).toBe(0);
  });

  it("counts a key once when its value is set again", () => {
    const memo = new ByteBoundedMemo<string[]>(1_000, bytesOfWords);
    memo.set("a", ["x"]);
    const once = memo.bytes;
    memo.set("a", ["x"]);
    expect(memo.bytes).toBe(once);
    memo.clear();
    expect(memo.size).toBe(0);
  });
});

describe("bytesOfWords", () => {
  it("grows with the number and length of the words", () => {
    expect(bytesOfWords(["食品", "安全"])).toBeGreaterThan(bytesOfWords(["食品"]));
    expect(bytesOfWords(["食品安全监督管理"])).toBeGreaterThan(bytesOfWords(["食品"]));
  });
});
