import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countBackground, countGroupWords } from "../../../src/learn/group-counts.js";
import {
  type BackgroundCounts,
  type GroupCountTable,
  groupPosterior,
  type PosteriorParams,
} from "../../../src/search/learned/posterior.js";

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

/** Naive Bayes written out group by group and word by word: the reference. */
function reference(
  table: GroupCountTable,
  background: BackgroundCounts,
  words: string[],
  groupCount: number,
  { alpha, mu }: PosteriorParams,
) {
  const unique = [...new Set(words)];
  const v = background.words.size + 1;
  const bg = (w: string) => ((background.words.get(w) ?? 0) + 1) / (background.total + v);
  const priorTotal = table.questions + alpha * groupCount;
  const raw = new Map<string, number>();
  for (const [key, g] of table.groups) {
    let s = Math.log((g.questions + alpha) / priorTotal);
    for (const w of unique) s += Math.log(((g.words.get(w) ?? 0) + mu * bg(w)) / (g.total + mu));
    raw.set(key, s);
  }
  let rest = Math.log(alpha / priorTotal);
  for (const w of unique) rest += Math.log(bg(w));
  const z = [...raw.values()].reduce(
    (a, s) => a + Math.exp(s),
    (groupCount - table.groups.size) * Math.exp(rest),
  );
  return { groups: new Map([...raw].map(([k, s]) => [k, s - Math.log(z)])), rest: rest - Math.log(z) };
}

describe("groupPosterior against the written-out formula", () => {
  it("agrees for any question over the fixture's words", () => {
    const { table, background } = setup();
    const vocabulary = ["老板", "工资", "拖欠", "辞职", "补偿", "物业费", "业主", "陌生"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        (words, alpha, mu) => {
          const got = groupPosterior(table, background, words, 7, { alpha, mu });
          const want = reference(table, background, words, 7, { alpha, mu });
          expect(got.rest).toBeCloseTo(want.rest, 9);
          for (const [k, s] of want.groups) expect(got.groups.get(k)).toBeCloseTo(s, 9);
        },
      ),
    );
  });
});
