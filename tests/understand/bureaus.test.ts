import { describe, expect, it } from "vitest";
import { abbreviates, readBureau } from "../../src/understand/bureaus.js";

// Bodies as the seed names them (canonical: without their administrative level).
const BODIES = [
  "市场监督管理部门",
  "城市管理相关部门",
  "公安机关",
  "生态环境主管部门",
  "文化和旅游主管部门",
  "应急管理部门",
  "智慧城市主管部门",
];
const SYNONYMS: Record<string, string[]> = { 环保: ["生态环境", "环境保护"] };
const synonymsOf = (t: string) => SYNONYMS[t] ?? [];

describe("abbreviates", () => {
  it("reads a short form: its characters in order, the first at the start, or a part of the name", () => {
    expect(abbreviates("市监", "市场监督管理部门")).toBe(true);
    expect(abbreviates("城管", "城市管理相关部门")).toBe(true);
    expect(abbreviates("文旅", "文化和旅游主管部门")).toBe(true);
    expect(abbreviates("公安", "公安机关")).toBe(true);
    expect(abbreviates("监市", "市场监督管理部门")).toBe(false);
    expect(abbreviates("管城", "城市管理相关部门")).toBe(false);
  });
});

describe("readBureau", () => {
  it.each([
    ["市监局", ["市场监督管理部门"]],
    ["城管局", ["城市管理相关部门"]],
    ["公安局", ["公安机关"]],
    ["文旅局", ["文化和旅游主管部门"]],
    ["应急局", ["应急管理部门"]],
    ["环保局", ["生态环境主管部门"]],
  ])("%s stands for %j", (word, bodies) => {
    expect(readBureau(word, BODIES, synonymsOf)?.bodies).toEqual(bodies);
  });

  it("keeps the stem of a bureau the law does not name", () => {
    expect(readBureau("卫健委", BODIES, synonymsOf)).toEqual({ stem: "卫健", bodies: [] });
    expect(readBureau("网信办", BODIES)).toEqual({ stem: "网信", bodies: [] });
  });

  it("reads no bureau in words that only end like one", () => {
    for (const word of ["格局", "布局", "举办", "怎么办", "食品安全", "局"])
      expect(readBureau(word, BODIES)).toBeUndefined();
  });
});
