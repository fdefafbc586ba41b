import { describe, expect, it } from "vitest";
import { countBackground, countGroupWords } from "../../src/learn/group-counts.js";

describe("countGroupWords", () => {
  it("counts each question's distinct words once per distinct group", () => {
    const table = countGroupWords([
      { words: ["工资", "工资", "老板"], groups: ["劳动合同法", "劳动合同法"] },
      { words: ["工资"], groups: ["劳动合同法", "民法典"] },
    ]);
    expect(table.questions).toBe(2);
    const labour = table.groups.get("劳动合同法");
    expect(labour?.questions).toBe(2);
    expect(labour?.total).toBe(3);
    expect(Object.fromEntries(labour?.words ?? [])).toEqual({ 工资: 2, 老板: 1 });
    expect(table.groups.get("民法典")?.questions).toBe(1);
  });
});

describe("countBackground", () => {
  it("counts each word once per question", () => {
    const bg = countBackground([
      ["工资", "工资"],
      ["工资", "老板"],
    ]);
    expect(bg.total).toBe(3);
    expect(bg.words.get("工资")).toBe(2);
  });
});
