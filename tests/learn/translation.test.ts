import { describe, expect, it } from "vitest";
import { topTranslations, trainTranslation } from "../../src/learn/translation.js";

function setup() {
  // 老板 always comes with articles that say 用人单位; 应当 is in every article.
  const pairs = [
    { source: ["老板", "工资"], target: ["用人单位", "劳动报酬", "应当"] },
    { source: ["老板", "辞职"], target: ["用人单位", "解除", "应当"] },
    { source: ["工资", "拖欠"], target: ["劳动报酬", "支付", "应当"] },
    { source: ["物业费"], target: ["物业服务费用", "应当"] },
  ];
  return { pairs, t: trainTranslation(pairs, { iterations: 10, nullWeight: 1 }) };
}

describe("trainTranslation", () => {
  it("learns which article words a question word stands for", () => {
    const { t } = setup();
    const boss = t.get("老板") as Map<string, number>;
    const best = [...boss].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(best).toBe("用人单位");
    const wage = t.get("工资") as Map<string, number>;
    expect(wage.get("劳动报酬")).toBeGreaterThan(wage.get("解除") ?? 0);
  });

  it("gives each source word a probability distribution", () => {
    const { t } = setup();
    for (const row of t.values()) {
      const total = [...row.values()].reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 9);
    }
    expect(t.has("\u0000")).toBe(false);
  });

  it("is deterministic", () => {
    const { pairs, t } = setup();
    const again = trainTranslation(pairs, { iterations: 10, nullWeight: 1 });
    expect([...again].map(([s, r]) => [s, [...r]])).toEqual([...t].map(([s, r]) => [s, [...r]]));
  });
});

describe("topTranslations", () => {
  it("keeps the best k by probability times the target weight, renormalised, for sources seen often enough", () => {
    const { t } = setup();
    const counts = new Map([
      ["老板", 2],
      ["工资", 2],
      ["物业费", 1],
    ]);
    const idf = (w: string) => (w === "应当" ? 0.01 : 1);
    const top = topTranslations(t, 1, idf, counts, 2);
    expect([...top.keys()].sort()).toEqual(["工资", "老板"]);
    expect([...(top.get("老板") as Map<string, number>)]).toEqual([["用人单位", 1]]);
  });
});
