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

describe("searchAnswer: amounts the law does not set", () => {
  it("says the ordinance sets no figure when the article on the subject states none", () => {
    const answer = seedBot.ask("公共场所摄像头拍的视频能保存多长时间");
    expect(answer).toMatchObject({ answered: false, facet: "practical" });
    expect(answer.text).toContain("没有规定具体的金额、期限或日期");
    // The article on video surveillance is offered, as the closest provision.
    expect(answer.related.map((r) => r.article)).toContain(25);
  });

  it("says so in English too", () => {
    const answer = seedBot.ask("when will 5G cover the whole city? is there a deadline in the law");
    expect(answer).toMatchObject({ answered: false, lang: "en", facet: "practical" });
    expect(answer.text).toContain("does not set an amount");
  });

  it("answers from an article that does state the figure", () => {
    const answer = nationalBot.ask("试用期最长多长时间");
    expect(answer.facet).not.toBe("practical");
  });

  it("still answers a question about the same subject that asks for no figure", () => {
    const answer = seedBot.ask("公共场所的视频监控谁来统一规划");
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.article).toBe(25);
  });
});
