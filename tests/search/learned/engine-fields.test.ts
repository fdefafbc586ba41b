import { describe, expect, it } from "vitest";
import { indexCorpus } from "../../../src/learn/corpus-fields.js";
import { createAnalyzer } from "../../../src/search/analyze.js";
import { postingsScorer, segmentFields } from "../../../src/search/learned/engine-fields.js";
import { createTokenizer } from "../../../src/text/tokenizer.js";
import { loadVocabulary } from "../../../src/understand/vocabulary.js";
import { INTENTS_DIR } from "../../helpers/fixtures.js";
import { fixtureSetup } from "../../helpers/learn.js";

const PLAIN = { k1: 1.2, b: 0.75, delta: 0 };

/** The fixture's national texts indexed by the engine, with the learner's view of them. */
async function setup() {
  const { corpus, fields } = await fixtureSetup();
  const vocabulary = loadVocabulary(INTENTS_DIR);
  const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  const segment = indexCorpus(corpus, createAnalyzer(tokenizer, vocabulary));
  const keyAt = (key: string) => fields.docs.findIndex((d) => d.key === key);
  return { segment, fields, keyAt, size: fields.docs.length };
}

function scores(scorer: ReturnType<typeof postingsScorer>, weights: Array<[string, number]>, size: number) {
  const out = new Float64Array(size);
  const touched: number[] = [];
  scorer.accumulate(new Map(weights), out, touched);
  return { out, touched };
}

describe("postingsScorer", () => {
  it("adds each term's BM25 times its weight, listing every touched document once", async () => {
    const { segment, fields, size } = await setup();
    const scorer = postingsScorer(segment.fields.text, PLAIN);
    const one = scores(scorer, [["工资", 1]], size);
    const two = scores(scorer, [["工资", 2]], size);
    expect(one.touched.length).toBe(scorer.df("工资"));
    expect(one.touched.every((d) => (fields.articleWords[d] as string[]).includes("工资"))).toBe(true);
    for (const d of one.touched) expect(two.out[d]).toBeCloseTo(2 * (one.out[d] as number), 10);
    const both = scores(
      scorer,
      [
        ["工资", 1],
        ["劳动者", 1],
      ],
      size,
    );
    expect(new Set(both.touched).size).toBe(both.touched.length);
    expect(both.touched.length).toBeLessThan(scorer.df("工资") + scorer.df("劳动者"));
  });

  it("skips zero weights and words the field does not hold", async () => {
    const { segment, size } = await setup();
    const scorer = postingsScorer(segment.fields.text, PLAIN);
    const none = scores(
      scorer,
      [
        ["工资", 0],
        ["不存在的词语", 1],
      ],
      size,
    );
    expect(none.touched).toEqual([]);
    expect(scorer.df("不存在的词语")).toBe(0);
  });

  it("scores with the BM25 parameters it is given (BM25+ delta lifts every match)", async () => {
    const { segment, size } = await setup();
    const plain = scores(postingsScorer(segment.fields.text, PLAIN), [["工资", 1]], size);
    const plus = scores(postingsScorer(segment.fields.text, { ...PLAIN, delta: 0.5 }), [["工资", 1]], size);
    for (const d of plain.touched) expect(plus.out[d]).toBeGreaterThan(plain.out[d] as number);
  });
});

describe("segmentFields", () => {
  it("serves words from the text field, bigrams from grams and the heading from chapter titles", async () => {
    const { segment, keyAt, size } = await setup();
    const { words, bigrams, heading } = segmentFields(segment, PLAIN);
    const overtime = keyAt("中华人民共和国劳动合同法#31");
    expect(scores(words, [["加班", 1]], size).touched).toContain(overtime);
    expect(scores(bigrams, [["加班", 1]], size).touched).toContain(overtime);
    expect(bigrams.df("加班")).toBeGreaterThanOrEqual(words.df("加班"));
    expect(scores(heading, [["物业管理", 1]], size).touched).toContain(keyAt("物业管理条例#41"));
    expect(scores(words, [["物业管理", 1]], size).touched).not.toContain(keyAt("物业管理条例#41"));
  });
});
