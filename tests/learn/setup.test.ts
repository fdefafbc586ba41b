import { describe, expect, it } from "vitest";
import { FOLDS, loadSetup } from "../../src/learn/setup.js";
import { articleKey } from "../../src/search/learned/groups.js";
import { ROOT } from "../helpers/fixtures.js";
import { fixtureSetup, LEARN_FIXTURE } from "../helpers/learn.js";

describe("loadSetup", () => {
  it("loads the corpus and analyses every question, with its fold and relevant articles", async () => {
    const { corpus, fields, questions } = await fixtureSetup();
    expect(corpus.laws).toHaveLength(3);
    expect(fields.docs).toHaveLength(corpus.docs.length);
    expect(questions).toHaveLength(24);
    const first = questions.find((q) => q.id === "fixture-0");
    expect(first?.words).toContain("工资");
    expect([...(first?.relevant ?? [])].sort()).toEqual(
      [articleKey("中华人民共和国劳动合同法", 30), articleKey("中华人民共和国劳动合同法", 85)].sort(),
    );
    for (const q of questions) {
      expect(q.fold).toBeGreaterThanOrEqual(0);
      expect(q.fold).toBeLessThan(FOLDS);
    }
    // Folds hash the id: more than one fold is used, and the same id always gets the same fold.
    expect(new Set(questions.map((q) => q.fold)).size).toBeGreaterThan(1);
  });

  it("scores the fields with the BM25 parameters asked for", async () => {
    const inputs = { corpusDirs: [LEARN_FIXTURE.corpus], questions: LEARN_FIXTURE.questions, root: ROOT };
    const plain = await loadSetup({ ...inputs, fieldBm25: { k1: 1.2, b: 0.75, delta: 0 } });
    const plus = await loadSetup({ ...inputs, fieldBm25: { k1: 1.2, b: 0.75, delta: 1 } });
    const score = (setup: typeof plain) => {
      const out = new Float64Array(setup.fields.docs.length);
      const touched: number[] = [];
      setup.fields.words.accumulate(new Map([["工资", 1]]), out, touched);
      return { out, touched };
    };
    const a = score(plain);
    const b = score(plus);
    expect(b.touched).toEqual(a.touched);
    for (const d of a.touched) expect(b.out[d]).toBeGreaterThan(a.out[d] as number);
    expect(plus.questions.map((q) => q.fold)).toEqual(plain.questions.map((q) => q.fold));
  });
});
