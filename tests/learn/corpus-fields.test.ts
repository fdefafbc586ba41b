import { describe, expect, it } from "vitest";
import { fixtureSetup } from "../helpers/learn.js";

async function setup() {
  return fixtureSetup();
}

describe("createAnalyzer", () => {
  it("gives a question's index words without stop words or punctuation, and its bigrams", async () => {
    const { analyzer } = await setup();
    const q = analyzer.question("老板拖欠工资，怎么办？");
    expect(q.words).toContain("老板");
    expect(q.words).toContain("拖欠");
    expect(q.words).not.toContain("，");
    expect(q.bigrams.slice(0, 3)).toEqual(["老板", "板拖", "拖欠"]);
    expect(q.bigrams).not.toContain("资，");
  });
});

describe("buildCorpusFields", () => {
  it("holds every article with its distinct words and scores the engine's text fields", async () => {
    const { fields, corpus } = await setup();
    expect(fields.docs).toHaveLength(corpus.docs.length);
    const i = fields.docs.findIndex((d) => d.key === "中华人民共和国劳动合同法#82");
    const words = fields.articleWords[i] as string[];
    expect(new Set(words).size).toBe(words.length);
    expect(words).toContain("二倍");
    const out = new Float64Array(fields.docs.length);
    const touched: number[] = [];
    fields.words.accumulate(new Map([["二倍", 1]]), out, touched);
    expect(touched).toContain(i);
    // The heading is the chapter and section titles (the engine's chapter field).
    const heading = new Float64Array(fields.docs.length);
    fields.heading?.accumulate(new Map([["物业管理", 1]]), heading, []);
    const w = fields.docs.findIndex((d) => d.key === "物业管理条例#41");
    expect(heading[w]).toBeGreaterThan(0);
    expect(fields.idf("二倍")).toBeGreaterThan(fields.idf("劳动者"));
  });
});
