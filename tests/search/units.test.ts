import { describe, expect, it } from "vitest";
import { createUnitScorer } from "../../src/search/units.js";
import type { QueryUnit } from "../../src/understand/query.js";

const DF: Record<string, number> = { 食品: 3, 安全: 10, 监管: 5, 便民: 1, 服务: 40, 钱: 20, 资金: 2, 建: 30 };

function setup() {
  const scorer = createUnitScorer({ df: (t) => DF[t], total: 45 });
  const unit = (text: string, extra: Partial<QueryUnit> = {}): QueryUnit => ({
    text,
    expansions: [],
    parts: [],
    known: true,
    from: "zh",
    emphasis: 1,
    ...extra,
  });
  return { scorer, unit };
}

describe("createUnitScorer", () => {
  it("weighs rare words more, single characters half, unknown words as the rarest", () => {
    const { scorer, unit } = setup();
    expect(scorer.unitWeight(unit("便民"))).toBeGreaterThan(scorer.unitWeight(unit("服务")));
    expect(scorer.unitWeight(unit("建"))).toBeCloseTo(0.5 * Math.log(1 + 45 / 31), 12);
    expect(scorer.unitWeight(unit("高铁"))).toBeCloseTo(Math.log(1 + 45), 12);
    expect(scorer.unitWeight(unit("食品", { emphasis: 1.6 }))).toBeCloseTo(1.6 * Math.log(1 + 45 / 4), 12);
  });

  it("credits a word's one part only when it ends the word: the head comes last", () => {
    const { scorer, unit } = setup();
    expect(scorer.unitScore(unit("提意见", { parts: [["意见"]] }), "征求意见")).toBeCloseTo(
      (0.85 * 2) / 3,
      12,
    );
    expect(scorer.unitScore(unit("物业费", { parts: [["物业"]] }), "物业服务")).toBe(0);
  });

  it("credits a word without parts a little for each of its characters the text holds", () => {
    const { scorer, unit } = setup();
    // 光纤 ~ 光网: one character of two, at a fifth of a match.
    expect(scorer.unitScore(unit("光纤"), "加速建设光网城市")).toBeCloseTo(0.1, 12);
    expect(scorer.unitMatch(unit("光纤"), "加速建设光网城市")).toEqual({ score: 0.1 });
    expect(scorer.unitScore(unit("光纤"), "无线城市")).toBe(0);
    // Only the characters that tell: 大 of 大脑 is in 大数据, and says nothing.
    expect(scorer.unitScore(unit("大脑", { chars: "脑" }), "大数据中心")).toBe(0);
    // A single character has no characters to share but itself; English words never match.
    expect(scorer.unitScore(unit("光"), "无线城市")).toBe(0);
    expect(scorer.unitScore(unit("fiber", { known: false }), "光纤")).toBe(0);
  });

  it("matches a word (1), a synonym (0.9), or rarity-weighted parts (below 0.85)", () => {
    const { scorer, unit } = setup();
    expect(scorer.unitMatch(unit("食品"), "食品安全")).toEqual({ score: 1, found: "食品" });
    expect(scorer.unitMatch(unit("钱", { expansions: ["资金"] }), "财政资金")).toEqual({
      score: 0.9,
      found: "资金",
    });
    const parts = scorer.unitMatch(unit("便民服务", { parts: [["便民"], ["服务"]] }), "便民措施");
    expect(parts.found).toBe("便民");
    expect(parts.score).toBeGreaterThan(0.5);
    expect(parts.score).toBeLessThan(0.85);
    expect(scorer.unitMatch(unit("高铁"), "食品")).toEqual({ score: 0 });
    expect(scorer.unitMatch(unit("police", { known: false }), "police")).toEqual({ score: 0 });
  });

  it("looks words up at their weight, synonyms at 0.6 and parts at 0.5 of it", () => {
    const { scorer, unit } = setup();
    const u = unit("食品安全", { expansions: ["食品卫生"], parts: [["食品"], ["安全"]] });
    const words = (t: string) =>
      t === "食品安全" ? ["食品安全"] : t === "食品卫生" ? ["食品", "卫生"] : [t];
    const boosts = scorer.queryBoosts([u], words);
    const w = scorer.unitWeight(u);
    expect(boosts.get("食品安全")).toBeCloseTo(w, 12);
    expect(boosts.get("卫生")).toBeCloseTo(0.6 * w, 12);
    expect(boosts.get("食品")).toBeCloseTo(0.6 * w, 12);
    expect(boosts.get("安全")).toBeCloseTo(0.5 * w, 12);
  });

  it("looks up bigrams only for words the index does not know, and not those already looked up", () => {
    const { scorer, unit } = setup();
    const grams = scorer.bigramBoosts([unit("食品"), unit("高铁票价")], new Map([["票价", 1]]));
    expect([...grams.keys()]).toEqual(["高铁", "铁票"]);
  });
});
