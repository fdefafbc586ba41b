import { beforeAll, describe, expect, it } from "vitest";
import { finish } from "../../src/answer/builders.js";
import { bodyOf, effectiveArticle, metadataAnswer, structureAnswer } from "../../src/answer/law-facts.js";
import type { ComposeContext } from "../../src/answer/replies.js";
import { parseOrdinance } from "../../src/law/parse.js";
import type { Law } from "../../src/law/types.js";
import { type ArticleIndex, createArticleIndex } from "../../src/search/article-index.js";
import { createTokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

// A law with front matter but no history note and no article on when it takes effect.
const FRONT_MATTER_ONLY = `---
id: test-front-matter-only
title: 测试市公共数据条例
author: 测试市人民代表大会常务委员会
effective_date: '2021-01-01'
status: 有效
---

**测试市公共数据条例**

- **第一条**　　为了规范公共数据管理，根据有关法律、法规，结合本市实际，制定本条例。

- **第二条**　　本市行政区域内公共数据的管理活动，适用本条例。
`;

// A law without chapters, history, dates or status.
const BARE =
  "# 测试市测试条例\n\n第一条 为了测试，制定本条例。\n\n第二条 本市行政区域内的测试活动，适用本条例。\n";

let datong: Law;
let jinan: Law;
let frontOnly: Law;
let bare: Law;
let index: ArticleIndex;
let vocabulary: Vocabulary;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  datong = seedLaw();
  jinan = parseFile(LAWREFBOOK.jinan);
  frontOnly = parseOrdinance(FRONT_MATTER_ONLY, { file: "front-only.md" });
  bare = parseOrdinance(BARE, { file: "bare.md" });
  index = createArticleIndex({
    laws: [datong, jinan, frontOnly, bare],
    tokenizer: await createTokenizer({ userWords: vocabulary.dictionary }),
    vocabulary,
    departmentsOf: (_law, article) => extractDepartments(article),
  });
});

function setup(lang: "zh" | "en" = "zh") {
  const ctx: ComposeContext = { lang, replies: vocabulary.replies, hotline: "12345", examples: [] };
  const entryOf = (law: Law, n: number) => index.get(law.id, n);
  return {
    metadata: (law: Law, facet: string) => finish(metadataAnswer(law, facet, ctx, entryOf)),
    structure: (law: Law, facet: string, chapter?: number) =>
      finish(structureAnswer(law, facet, chapter, ctx, entryOf)),
  };
}

describe("metadataAnswer", () => {
  it("effective: quotes 第四十五条 (2018年5月1日) and mentions the 2019 revision", () => {
    const { metadata } = setup();
    const a = metadata(datong, "effective");
    expect(a).toMatchObject({ intent: "metadata", facet: "effective", answered: true });
    expect(a.lead).toBe(
      "《大同市智慧城市促进条例》第四十五条（第七章 附则）规定：本条例自2018年5月1日起施行。",
    );
    expect(a.citations.map((c) => [c.article, c.quote])).toEqual([[45, "本条例自2018年5月1日起施行。"]]);
    expect(a.text).toContain("说明：条例此后经过2019年4月25日修正");
    expect(a.text).toContain("现行文本生效日期为2019年10月1日");
    expect(a.context).toEqual({ lawId: datong.id, article: 45 });
  });

  it("effective: adds no revision note to a law that was never amended", () => {
    const { metadata } = setup();
    const a = metadata(jinan, "effective");
    expect(a.lead).toBe(
      "《济南市12345市民服务热线条例》第四十四条（第七章 附则）规定：本条例自2018年9月1日起施行。",
    );
    expect(a.text).not.toContain("说明");
  });

  it("effective: falls back on the database date, and says so, when no article gives one", () => {
    const { metadata } = setup();
    const a = metadata(frontOnly, "effective");
    expect(a.answered).toBe(true);
    expect(a.text).toBe("条文中没有施行日期条款；法规数据库记载的生效日期为2021年1月1日。");
    expect(a.citations).toEqual([]);
  });

  it("effective: in English, with the date and the amendment", () => {
    const { metadata } = setup("en");
    const a = metadata(datong, "effective");
    expect(a.lead).toBe(
      "第四十五条 (article 45) of 大同市智慧城市促进条例 says it takes effect on 2018-05-01 (2018年5月1日).",
    );
    expect(a.text).toContain("Note: the law was later amended (2019-04-25)");
  });

  it("approval: names the body that passed it and the province that approved it", () => {
    const { metadata } = setup();
    const a = metadata(datong, "approval");
    expect(a.lead).toBe(
      "《大同市智慧城市促进条例》2017年10月31日由大同市第十五届人民代表大会常务委员会第八次会议通过，2018年1月22日经山西省第十二届人民代表大会常务委员会第四十三次会议批准。制定机关：大同市人民代表大会常务委员会。",
    );
    // Bodies, not the sessions in which they acted.
    expect(a.departments).toEqual(["大同市人民代表大会常务委员会", "山西省人民代表大会常务委员会"]);
    expect(a.text).toContain("立法沿革：");
  });

  it("approval: names the author when there is no history", () => {
    const { metadata } = setup();
    expect(metadata(frontOnly, "approval").lead).toBe(
      "《测试市公共数据条例》的制定机关是测试市人民代表大会常务委员会。",
    );
  });

  it("basis and scope: cite the articles that state them", () => {
    const { metadata } = setup();
    const basis = metadata(datong, "basis");
    expect(basis.lead).toBe(
      "《大同市智慧城市促进条例》第一条（第一章 总则）规定了条例的立法目的和制定依据：",
    );
    expect(basis.citations[0]?.article).toBe(1);
    const scope = metadata(jinan, "scope");
    expect(scope.lead).toBe("《济南市12345市民服务热线条例》第三条（第一章）规定了条例的适用范围：");
  });

  it("validity: gives the recorded status, or refuses and points to the hotline", () => {
    const { metadata } = setup();
    const known = metadata(datong, "validity");
    expect(known.answered).toBe(true);
    expect(known.lead).toBe("国家法律法规数据库中《大同市智慧城市促进条例》的时效性为：有效。");
    const unknown = metadata(jinan, "validity");
    expect(unknown).toMatchObject({ answered: false, confidence: 0 });
    expect(unknown.lead).toBe(
      "数据来源没有记载《济南市12345市民服务热线条例》目前是否有效，请以官方公布为准，或拨打12345咨询。",
    );
  });

  it("history: gives every event of the note", () => {
    const { metadata } = setup();
    const a = metadata(datong, "history");
    expect(a.lead.startsWith("《大同市智慧城市促进条例》的立法沿革：2017年10月31日")).toBe(true);
    expect(a.lead).toContain("2019年4月25日大同市第十五届人民代表大会常务委员会第二十三次会议修正");
  });

  it("refuses, without guessing, what the source does not record", () => {
    const { metadata } = setup();
    for (const facet of ["effective", "approval", "history"]) {
      const a = metadata(bare, facet);
      expect(a).toMatchObject({ answered: false, confidence: 0, citations: [] });
      expect(a.text).toBe("《测试市测试条例》的资料中没有记载这一信息。");
    }
    expect(metadata(datong, "no-such-facet").answered).toBe(false);
    expect(setup("en").metadata(bare, "history").text).toBe(
      "The source of 测试市测试条例 does not record this.",
    );
  });
});

describe("structureAnswer", () => {
  it("counts chapters and articles and gives the outline", () => {
    const { structure } = setup();
    const a = structure(datong, "count_chapters");
    expect(a).toMatchObject({ intent: "structure", facet: "count_chapters", answered: true });
    expect(a.lead).toBe("《大同市智慧城市促进条例》共7章45条。");
    expect(a.text.split("\n")).toEqual([
      "《大同市智慧城市促进条例》共7章45条。",
      "",
      "第一章 总则（第一条至第六条）",
      "第二章 规划和建设（第七条至第十六条）",
      "第三章 智慧民生（第十七条至第二十四条）",
      "第四章 智慧治理（第二十五条至第三十二条）",
      "第五章 智慧产业（第三十三条至第四十二条）",
      "第六章 法律责任（第四十三条至第四十四条）",
      "第七章 附则（第四十五条）",
    ]);
    expect(structure(datong, "count_articles").lead).toBe("《大同市智慧城市促进条例》共7章45条。");
    expect(setup("en").structure(datong, "outline").lead).toBe(
      "大同市智慧城市促进条例 has 7 chapters and 45 articles.",
    );
  });

  it("lists a chapter's articles with their gist and cites each", () => {
    const { structure } = setup();
    const a = structure(datong, "chapter", 5);
    expect(a.lead).toBe("《大同市智慧城市促进条例》第五章“智慧产业”共10条（第三十三条至第四十二条）：");
    expect(a.citations.map((c) => c.article)).toEqual([33, 34, 35, 36, 37, 38, 39, 40, 41, 42]);
    expect(a.text).toContain("第三十八条　文化和旅游主管部门应当建立以旅游者需求为核心的旅游信息服务体系");
    const annex = structure(datong, "chapter", 7);
    expect(annex.text).toBe(
      "《大同市智慧城市促进条例》第七章“附则”共1条（第四十五条）：\n\n第四十五条　本条例自2018年5月1日起施行",
    );
  });

  it("leaves out the quotes of a chapter without a title", () => {
    const { structure } = setup();
    expect(structure(jinan, "chapter", 1).lead).toBe(
      "《济南市12345市民服务热线条例》第一章共10条（第一条至第十条）：",
    );
  });

  it("refuses a chapter the law does not have", () => {
    const { structure } = setup();
    const a = structure(datong, "chapter", 8);
    expect(a).toMatchObject({ answered: false, confidence: 0, citations: [] });
    expect(a.text).toBe("《大同市智慧城市促进条例》共7章，没有第八章。");
    expect(setup("en").structure(datong, "chapter", 8).text).toBe(
      "大同市智慧城市促进条例 has 7 chapters; there is no chapter 8.",
    );
  });

  it("says that a law without chapters is not divided into chapters", () => {
    const { structure } = setup();
    expect(structure(bare, "count_chapters").text).toBe("《测试市测试条例》共2条，不分章。");
  });
});

describe("effectiveArticle", () => {
  it("finds the article that says when the law takes effect", () => {
    expect(effectiveArticle(datong)?.number).toBe(45);
    expect(effectiveArticle(parseFile(LAWREFBOOK.jinan))?.number).toBe(44);
    expect(effectiveArticle(parseFile(LAWREFBOOK.shenzhen))?.number).toBe(100);
  });

  it("finds none in a law without one", () => {
    expect(effectiveArticle({ ...datong, articles: datong.articles.slice(0, 44) })).toBeUndefined();
  });
});

describe("bodyOf", () => {
  it("names the body that held a session, not the session", () => {
    expect(bodyOf("大同市第十五届人民代表大会常务委员会第八次会议")).toBe("大同市人民代表大会常务委员会");
    expect(bodyOf("山西省第十二届人民代表大会常务委员会第四十三次会议")).toBe("山西省人民代表大会常务委员会");
    expect(bodyOf("上海市第十五届人民代表大会第5次全体会议")).toBe("上海市人民代表大会");
    expect(bodyOf("本级人民政府常务会议")).toBe("本级人民政府");
    expect(bodyOf("大同市人民代表大会常务委员会")).toBe("大同市人民代表大会常务委员会");
  });
});
