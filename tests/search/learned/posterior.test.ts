import { describe, expect, it } from "vitest";
import { countBackground, countGroupWords } from "../../../src/learn/group-counts.js";
import { groupPosterior } from "../../../src/search/learned/posterior.js";

function setup() {
  const examples = [
    { words: ["老板", "工资", "拖欠"], groups: ["劳动合同法"] },
    { words: ["老板", "辞职", "补偿"], groups: ["劳动合同法"] },
    { words: ["物业费", "业主"], groups: ["物业管理条例"] },
  ];
  const table = countGroupWords(examples);
  const background = countBackground(examples.map((e) => e.words));
  // A small μ: with three questions, the default smoothing (μ = 30) would drown the words.
  return { table, background, params: { alpha: 0.1, mu: 1 } };
}

describe("groupPosterior", () => {
  it("is a distribution over every group of the corpus, cited or not", () => {
    const { table, background, params } = setup();
    const groups = 10;
    const p = groupPosterior(table, background, ["老板", "工资"], groups, params);
    let total = (groups - p.groups.size) * Math.exp(p.rest);
    for (const s of p.groups.values()) total += Math.exp(s);
    expect(total).toBeCloseTo(1, 10);
  });

  it("puts the group whose questions use the words first", () => {
    const { table, background, params } = setup();
    const wages = groupPosterior(table, background, ["老板", "工资"], 10, params);
    expect(wages.groups.get("劳动合同法")).toBeGreaterThan(wages.groups.get("物业管理条例") as number);
    const fees = groupPosterior(table, background, ["物业费"], 10, params);
    expect(fees.groups.get("物业管理条例")).toBeGreaterThan(fees.groups.get("劳动合同法") as number);
    expect(fees.groups.get("物业管理条例")).toBeGreaterThan(fees.rest);
  });

  it("counts a repeated question word once, as training does", () => {
    const { table, background, params } = setup();
    const once = groupPosterior(table, background, ["工资"], 10, params);
    const twice = groupPosterior(table, background, ["工资", "工资"], 10, params);
    expect(twice.groups.get("劳动合同法")).toBeCloseTo(once.groups.get("劳动合同法") as number, 12);
  });
});
