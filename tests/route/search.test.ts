import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/mod.js";
import { FIXTURES_DIR, parseFile, seedLaw } from "../helpers/fixtures.js";

const LABOUR_LAW = join(FIXTURES_DIR, "national", "法律", "中华人民共和国劳动合同法.md");

let seedBot: Bot;
let nationalBot: Bot;

beforeAll(async () => {
  seedBot = await createBot({ laws: [seedLaw()] });
  nationalBot = await createBot({ laws: [parseFile(LABOUR_LAW)] });
});

describe("searchAnswer: practical requests", () => {
  it("tells a resident that a local ordinance does not set fees, offering the related article", () => {
    const answer = seedBot.ask("办市民一卡通要多少钱");
    expect(answer).toMatchObject({ answered: false, facet: "practical" });
    expect(answer.related.map((r) => r.article)).toContain(22);
  });

  it("answers the same kind of question from a national law, which does set sums and procedures", () => {
    const answer = nationalBot.ask("公司辞退我，经济补偿给多少钱");
    expect(answer.facet).not.toBe("practical");
    // Answered or offered: either way the article on severance pay is among what is given, not a
    // turn-away. (The ranking may put the short article that also names 经济补偿 first: brevity
    // measured better on STARD with lexical ranking, MRR@10 0.359 → 0.365.)
    const given = [...answer.citations, ...answer.candidates].map((c) => c.article);
    expect(given.slice(0, 3)).toContain(47);
  });
});
