import { describe, expect, it } from "vitest";
import { chineseFor, parseEnglishChinese } from "../../src/understand/english-chinese.js";

describe("parseEnglishChinese", () => {
  it("reads a word's legal counterparts, and an empty list for a word with none", () => {
    const table = parseEnglishChinese("visa\t签证 签\nwinter\t\n\nbroken line\n");
    expect(table.get("visa")).toEqual(["签证", "签"]);
    expect(table.get("winter")).toEqual([]);
    expect(table.has("broken line")).toBe(false);
  });
});

describe("chineseFor (learned/en-zh.tsv)", () => {
  it("gives the legal words an English word stands for", () => {
    expect(chineseFor("visa")).toContain("签证");
    expect(chineseFor("wages")).toContain("工资");
  });

  it("falls back to the stem of plurals and verb forms", () => {
    expect(chineseFor("visas")).toContain("签证");
    expect(chineseFor("concepts")).toContain("理念");
  });

  it("tells a word foreign to law (an empty list) from a word it does not know (undefined)", () => {
    expect(chineseFor("winter")).toEqual([]);
    expect(chineseFor("xqzzy")).toBeUndefined();
  });
});
