import { describe, expect, it } from "vitest";
import { formatEnglishChinese, senseWord } from "../../src/learn/english-chinese.js";

describe("senseWord", () => {
  it("reads a one-word sense without its particle and notes", () => {
    expect(senseWord("to follow")).toBe("follow");
    expect(senseWord("idea (concept)")).toBe("idea");
    expect(senseWord("Visa")).toBe("visa");
  });

  it("leaves out phrases, short words and anything but letters", () => {
    expect(senseWord("to abide by")).toBeUndefined();
    expect(senseWord("ox")).toBeUndefined();
    expect(senseWord("COVID-19")).toBeUndefined();
  });
});

describe("formatEnglishChinese", () => {
  const entries = [
    { simplified: "签证", english: ["visa"] },
    { simplified: "遵循", english: ["to follow; to abide by"] },
    { simplified: "跟随", english: ["to follow"] },
    { simplified: "冬天", english: ["winter"] },
  ];
  const legal = new Map([
    ["签证", 900],
    ["遵循", 300],
    ["跟随", 25],
    ["冬天", 3],
  ]);

  it("keeps the counterparts legal text uses, main sense first, and lists a word with none empty", () => {
    expect(formatEnglishChinese(entries, legal)).toBe("follow\t遵循 跟随\nvisa\t签证\nwinter\t\n");
  });

  it("gives the same bytes for the same input", () => {
    expect(formatEnglishChinese([...entries].reverse(), legal)).toBe(formatEnglishChinese(entries, legal));
  });
});
