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
    // Answered or offered: either way the article on severance pay, not a turn-away.
    expect((answer.citations[0] ?? answer.candidates[0])?.article).toBe(47);
  });
});
