import { beforeAll, describe, expect, it } from "vitest";
import {
  articleAnswer,
  articleRange,
  assembleText,
  type ComposeContext,
  chapterName,
  chineseDate,
  citationLine,
  citationOf,
  effectiveArticle,
  fill,
  gistOf,
  historySentence,
  notCovered,
  pickQuote,
  plainAnswer,
  rankDepartments,
  relatedOf,
  responsibilityAnswer,
  topicAnswer,
} from "../../src/answer/compose.js";
import type { Law } from "../../src/law/types.js";
import {
  type ArticleIndex,
  createArticleIndex,
  type IndexedArticle,
} from "../../src/search/article-index.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { articleOf, INTENTS_DIR, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

let law: Law;
let index: ArticleIndex;
let vocabulary: Vocabulary;
let tokenizer: Tokenizer;

beforeAll(async () => {
  law = seedLaw();
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  index = createArticleIndex({
    laws: [law],
    tokenizer,
    vocabulary,
    departmentsOf: (_l, a) => extractDepartments(a),
  });
});

function setup(lang: "zh" | "en" = "zh") {
  const ctx: ComposeContext = {
    lang,
    replies: vocabulary.replies,
    hotline: "12345",
    examples: ["谁负责食品安全监管？", "第三十条讲什么"],
  };
  const entry = (n: number) => index.get(law.id, n) as IndexedArticle;
  const hits = (question: string) => index.search(analyzeQuery(normalize(question), tokenizer, vocabulary));
  return { ctx, entry, hits };
}

const CITE_30 = "《大同市智慧城市促进条例》第三十条（第四章 智慧治理）";

describe("fill", () => {
  it("replaces known placeholders and leaves unknown ones visible", () => {
    expect(fill("请拨打{hotline}，共{count}条", { hotline: "12345", count: 45 })).toBe("请拨打12345，共45条");
    expect(fill("{a}和{missing}", { a: "甲" })).toBe("甲和{missing}");
    expect(fill("{a}{a}", { a: 0 })).toBe("00");
  });
});

describe("chapterName", () => {
  it("gives label and title, or the label alone when the source gives no title", () => {
    expect(chapterName(articleOf(law, 30))).toBe("第四章 智慧治理");
    expect(chapterName(articleOf(parseFile(LAWREFBOOK.jinan), 1))).toBe("第一章");
    expect(chapterName({ ...articleOf(law, 30), chapter: null })).toBeNull();
  });
});

describe("citationLine", () => {
  it("writes 《title》label（chapter）", () => {
    expect(
      citationLine({ law: "大同市智慧城市促进条例", label: "第三十条", chapter: "第四章 智慧治理" }),
    ).toBe(CITE_30);
    expect(citationLine({ law: "政务数据共享条例", label: "第一条", chapter: null })).toBe(
      "《政务数据共享条例》第一条",
    );
  });
});

describe("gistOf", () => {
  it("gives the first clause without the opening government, cut at the limit", () => {
    expect(gistOf(articleOf(law, 45))).toBe("本条例自2018年5月1日起施行");
    expect(gistOf(articleOf(law, 30))).toBe("市场监督管理部门应当建设统一信息网络和智能移动监…");
    expect(gistOf(articleOf(law, 30), 60)).toBe("市场监督管理部门应当建设统一信息网络和智能移动监管平台");
  });
});

describe("pickQuote", () => {
  it("quotes a short article whole", () => {
    const a30 = articleOf(law, 30);
    expect(a30.text.length).toBeLessThanOrEqual(170);
    expect(pickQuote(a30, ["食品"])).toBe(a30.text);
  });

  it("quotes the sentences of a long article that hold the matched words", () => {
    const a6 = articleOf(law, 6);
    expect(pickQuote(a6, ["开发区管委会"])).toBe(
      "市、县（区）人民政府其他有关部门和单位、开发区管委会，应当按照各自职责做好智慧城市建设和管理的相关工作。",
    );
    // An item keeps the sentence that introduces its list: it says who must do it.
    expect(pickQuote(a6, ["考核评估"])).toBe(
      "市、县（区）智慧城市主管部门负责本行政区域内智慧城市建设的推进、监督、管理工作，履行下列主要职责：……\n（六）建立考核评估机制，落实智慧城市推进责任。",
    );
    // Items left out between quoted ones are marked, never silently spliced.
    expect(pickQuote(a6, ["法律法规", "考核评估"])).toBe(
      "市、县（区）智慧城市主管部门负责本行政区域内智慧城市建设的推进、监督、管理工作，履行下列主要职责：\n（一）贯彻实施智慧城市建设有关法律法规；……\n（六）建立考核评估机制，落实智慧城市推进责任。",
    );
  });

  it("quotes the whole article when nothing matches or nothing is given", () => {
    const a6 = articleOf(law, 6);
    expect(pickQuote(a6, [])).toBe(a6.text);
    expect(pickQuote(a6, ["高铁"])).toBe(a6.text);
  });

  it("quotes only sentences of the article itself", () => {
    for (const a of law.articles) {
      const quote = pickQuote(a, ["智慧", "平台", "建设"]);
      expect(quote.length).toBeGreaterThan(0);
      for (const sentence of quote
        .replace(/……/g, "\n")
        .split(/(?<=[。；：])|\n/)
        .filter(Boolean))
        expect(a.text).toContain(sentence);
    }
  });
});

describe("citationOf", () => {
  it("cites an indexed article with its law, label, chapter, quote and source", () => {
    const { entry } = setup();
    expect(citationOf(entry(30), "引文")).toEqual({
      law: "大同市智慧城市促进条例",
      lawId: "ff808081736bb19d01744e08caa80dd3",
      article: 30,
      label: "第三十条",
      chapter: "第四章 智慧治理",
      quote: "引文",
      url: "https://flk.npc.gov.cn/detail?id=ff808081736bb19d01744e08caa80dd3",
    });
    expect(citationOf(entry(45)).quote).toBe("本条例自2018年5月1日起施行。");
  });
});

describe("relatedOf", () => {
  it("offers up to three other articles with their gist", () => {
    const { hits } = setup();
    const found = hits("智慧城市建设");
    const related = relatedOf(found, found[0]?.entry.article.number ?? 0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related.map((r) => r.article)).not.toContain(found[0]?.entry.article.number);
    for (const r of related) {
      expect(r.law).toBe("大同市智慧城市促进条例");
      expect(r.label).toMatch(/^第.+条$/);
      expect(r.gist.length).toBeGreaterThan(0);
    }
  });
});

describe("assembleText", () => {
  it("puts the lead, the quote and the source in that order", () => {
    const { entry } = setup();
    const cite = citationOf(entry(45));
    expect(assembleText("答复。", [cite], "zh")).toBe(
      "答复。\n\n“本条例自2018年5月1日起施行。”\n\n出处：《大同市智慧城市促进条例》第四十五条（第七章 附则）",
    );
    expect(assembleText("Answer.", [cite], "en")).toMatch(/\n\nSource: 《大同市智慧城市促进条例》第四十五条/);
    expect(assembleText("只有答复。", [], "zh")).toBe("只有答复。");
  });
});

describe("plainAnswer", () => {
  it("gives an answer without citations that keeps the conversation's context", () => {
    const { ctx } = setup();
    const a = plainAnswer("greeting", true, "您好！", ctx, { lawId: law.id, article: 3 });
    expect(a).toMatchObject({
      intent: "greeting",
      answered: true,
      lang: "zh",
      text: "您好！",
      lead: "您好！",
      citations: [],
      departments: [],
      confidence: 1,
      related: [],
      context: { lawId: law.id, article: 3 },
    });
    expect(plainAnswer("topic", false, "请输入", ctx).confidence).toBe(0);
  });
});

describe("notCovered", () => {
  it("refuses honestly, names the law and points to the hotline", () => {
    const { ctx } = setup();
    const a = notCovered(ctx, "大同市智慧城市促进条例");
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.text).toBe(
      "抱歉，《大同市智慧城市促进条例》中没有找到与您的问题直接相关的规定，我不能凭猜测回答。建议拨打12345市民服务热线咨询。",
    );
  });

  it("refuses in English for English questions", () => {
    const { ctx } = setup("en");
    expect(notCovered(ctx, "大同市智慧城市促进条例", [], "responsibility")).toMatchObject({
      intent: "responsibility",
      lang: "en",
      text: "Sorry, 《大同市智慧城市促进条例》 does not appear to cover this question, and I will not guess. Please call the 12345 citizen service hotline.",
    });
  });
});

describe("rankDepartments", () => {
  it("puts the department the question names first", () => {
    const { entry } = setup();
    const ranked = rankDepartments(entry(6).departments, "开发区管委会负责什么", []);
    expect(ranked.map((d) => d.canonical)).toEqual(["开发区管委会", "智慧城市主管部门"]);
  });

  it("otherwise puts the actor first", () => {
    const { entry } = setup();
    expect(rankDepartments(entry(6).departments, "谁负责智慧城市建设", [])[0]?.canonical).toBe(
      "智慧城市主管部门",
    );
  });
});

describe("responsibilityAnswer", () => {
  it("names the department, quotes the article and cites it", () => {
    const { ctx, entry } = setup();
    const a = responsibilityAnswer(
      { entry: entry(30), matched: ["食品"], coverage: 0.95 },
      "谁负责食品安全",
      ctx,
      [],
    );
    expect(a.lead).toBe(`根据${CITE_30}，负责的是市、县（区）人民政府市场监督管理部门。`);
    expect(a.departments).toEqual(["市、县（区）人民政府市场监督管理部门"]);
    expect(a.citations.map((c) => c.article)).toEqual([30]);
    expect(a.text).toContain(`出处：${CITE_30}`);
    expect(a).toMatchObject({ intent: "responsibility", answered: true, confidence: 0.95 });
    expect(a.context).toEqual({ lawId: law.id, article: 30 });
  });

  it("says so when the article names no department", () => {
    const { ctx, entry } = setup();
    const a = responsibilityAnswer({ entry: entry(8), matched: [], coverage: 1 }, "谁负责", ctx, []);
    expect(a.lead).toBe(
      "《大同市智慧城市促进条例》第八条（第二章 规划和建设）对此作了规定，但没有指定具体负责部门。",
    );
    expect(a.departments).toEqual([]);
  });

  it("answers in English", () => {
    const { ctx, entry } = setup("en");
    const a = responsibilityAnswer({ entry: entry(25), matched: [], coverage: 1 }, "who", ctx, []);
    expect(a.lead).toBe(
      "Under 第二十五条 (article 25) of 大同市智慧城市促进条例, the responsible body is 市、县（区）公安机关.",
    );
  });
});

describe("topicAnswer", () => {
  it("cites the best hit and names its actors", () => {
    const { ctx, hits } = setup();
    const best = hits("一网通办")[0];
    if (!best) throw new Error("no hit");
    const a = topicAnswer(best, ctx, []);
    expect(a.lead).toBe("《大同市智慧城市促进条例》第十七条（第三章 智慧民生）对此有规定。");
    expect(a.departments).toEqual(["市、县（区）人民政府"]);
    expect(a.context).toEqual({ lawId: law.id, article: 17 });
  });
});

describe("articleAnswer", () => {
  it("gives the whole article", () => {
    const { ctx, entry } = setup();
    const a = articleAnswer(entry(6), ctx);
    expect(a.lead).toBe("《大同市智慧城市促进条例》第六条（第一章 总则）全文如下：");
    expect(a.citations[0]?.quote).toBe(articleOf(law, 6).text);
    expect(a).toMatchObject({ intent: "article_lookup", answered: true, confidence: 1 });
    expect(a.facet).toBeUndefined();
  });

  it("carries the intent and facet of a follow-up", () => {
    const { ctx, entry } = setup("en");
    const a = articleAnswer(entry(31), ctx, "followup", "next");
    expect(a).toMatchObject({ intent: "followup", facet: "next" });
    expect(a.lead).toBe("大同市智慧城市促进条例, 第三十一条 (article 31, chapter 4) reads:");
  });
});

describe("chineseDate", () => {
  it("writes ISO dates the Chinese way and leaves anything else alone", () => {
    expect(chineseDate("2018-05-01")).toBe("2018年5月1日");
    expect(chineseDate("2019-10-31")).toBe("2019年10月31日");
    expect(chineseDate("2019-10")).toBe("2019-10");
  });
});

describe("historySentence", () => {
  it("joins the events of the history note", () => {
    expect(historySentence(law)).toBe(
      "2017年10月31日大同市第十五届人民代表大会常务委员会第八次会议通过；2018年1月22日山西省第十二届人民代表大会常务委员会第四十三次会议批准；2019年4月25日大同市第十五届人民代表大会常务委员会第二十三次会议修正；2019年7月31日山西省第十三届人民代表大会常务委员会第十二次会议批准",
    );
    expect(historySentence({ ...law, history: [] })).toBe("");
  });
});

describe("effectiveArticle", () => {
  it("finds the article that says when the law takes effect", () => {
    expect(effectiveArticle(law)?.number).toBe(45);
    expect(effectiveArticle(parseFile(LAWREFBOOK.jinan))?.number).toBe(44);
    expect(effectiveArticle(parseFile(LAWREFBOOK.shenzhen))?.number).toBe(100);
  });

  it("finds none in a law without one", () => {
    expect(effectiveArticle({ ...law, articles: law.articles.slice(0, 44) })).toBeUndefined();
  });
});

describe("articleRange", () => {
  it("writes the first and last article of a list", () => {
    expect(articleRange([33, 34, 35, 36, 37, 38, 39, 40, 41, 42])).toBe("第三十三条至第四十二条");
    expect(articleRange([45])).toBe("第四十五条");
    expect(articleRange([])).toBe("");
  });
});
