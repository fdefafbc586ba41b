import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer, ConversationContext } from "../src/answer/types.js";
import { type Bot, createBot, MAX_QUESTION_CHARS, MIN_CONFIDENCE } from "../src/bot.js";
import { TiaowenError } from "../src/errors.js";
import { parseOrdinance } from "../src/law/parse.js";
import { CORPUS_DIR, LAWREFBOOK, parseFile, ROOT as ROOT_DIR, seedLaw } from "./helpers/fixtures.js";

const LAW = "大同市智慧城市促进条例";
const LAW_ID = "ff808081736bb19d01744e08caa80dd3";
const EMPTY_REPLY = "请输入您的问题，例如：“谁负责食品安全监管？”“第三十条讲什么”“条例什么时候施行”";

let bot: Bot;

beforeAll(async () => {
  bot = await createBot();
});

function setup() {
  const ask = (question: unknown, context?: ConversationContext) => bot.ask(question, context);
  /** Asks a conversation's questions in turn, each with the context the previous answer left. */
  const converse = (questions: string[]) => {
    let context: ConversationContext = {};
    return questions.map((q) => {
      const answer = bot.ask(q, context);
      context = answer.context;
      return answer;
    });
  };
  return { ask, converse };
}

/** The shape every Answer must have, whatever was asked. */
function expectWellFormed(answer: Answer) {
  expect(typeof answer.answered).toBe("boolean");
  expect(typeof answer.text).toBe("string");
  expect(answer.text.trim()).not.toBe("");
  expect(answer.lead.trim()).not.toBe("");
  expect(["zh", "en"]).toContain(answer.lang);
  expect(answer.confidence).toBeGreaterThanOrEqual(0);
  expect(answer.confidence).toBeLessThanOrEqual(1);
  expect(Array.isArray(answer.citations)).toBe(true);
  expect(Array.isArray(answer.departments)).toBe(true);
  expect(Array.isArray(answer.related)).toBe(true);
  expect(typeof answer.context).toBe("object");
  for (const c of answer.citations) {
    const entry = bot.entry(c.lawId, c.article);
    expect(entry, `${c.law} ${c.label} exists`).toBeDefined();
    expect(entry?.article.label).toBe(c.label);
    expect(c.law).toBe(entry?.law.title);
  }
  // Every quote is the law's own words: pieces of the cited article, left-out parts marked "……".
  for (const c of answer.citations) {
    const text = bot.entry(c.lawId, c.article)?.article.text ?? "";
    expect(c.quote, `${c.label} quote`).not.toBe("");
    for (const piece of c.quote.split(/……|\n/).filter(Boolean))
      expect(text, c.label).toContain(piece.replace(/…$/, ""));
  }
  expect(answer.quote === null || answer.quote === answer.citations[0]?.quote).toBe(true);
}

describe("createBot", () => {
  describe("start-up", () => {
    it("loads the seed with its vocabulary and index", () => {
      expect(bot.laws.map((l) => l.title)).toEqual([LAW]);
      expect(bot.homeLaws.map((l) => l.id)).toEqual([LAW_ID]);
      expect(bot.problems).toEqual([]);
      expect(bot.index.entries).toHaveLength(45);
      expect(bot.tokenizer.backend).toBe("node-rs");
      expect(bot.directory.find((e) => e.department === "市场监督管理部门")?.duties[0]?.article).toBe(30);
      expect(Object.keys(bot.timings)).toEqual(
        expect.arrayContaining(["vocabulary", "tokenizer", "parse", "departments", "home index"]),
      );
    });

    it("looks up articles and searches free text", () => {
      expect(bot.entry(LAW_ID, 30)?.article.label).toBe("第三十条");
      expect(bot.entry(LAW_ID, 46)).toBeUndefined();
      expect(bot.search("食品安全监管")[0]?.entry.article.number).toBe(30);
      expect(bot.search("食品安全监管", { lawId: "other" })).toEqual([]);
      expect(bot.search("智慧城市建设", { limit: 2 })).toHaveLength(2);
    });

    it("takes parsed laws, chooses home laws by title and uses the configured hotline", async () => {
      const jinan = parseFile(LAWREFBOOK.jinan);
      const other = await createBot({ laws: [seedLaw(), jinan], homeLaws: [jinan.title], hotline: "96123" });
      expect(other.homeLaws.map((l) => l.title)).toEqual(["济南市12345市民服务热线条例"]);
      const refusal = other.ask("怎么申请廉租房");
      expect(refusal.answered).toBe(false);
      expect(refusal.text).toContain("96123");
      expect(refusal.text).toContain("济南市12345市民服务热线条例");
      // A question that names another loaded law is answered from it.
      const named = other.ask("大同的条例什么时候施行");
      expect(named.citations[0]).toMatchObject({ law: LAW, article: 45 });
    });

    it("refuses home laws that are not in the corpus", async () => {
      await expect(createBot({ laws: [seedLaw()], homeLaws: ["上海市数据条例"] })).rejects.toThrow(
        "none of the home laws 上海市数据条例 is in the corpus: name a law id, title or file",
      );
    });

    it("refuses an empty corpus folder and a missing one", async () => {
      const empty = mkdtempSync(join(tmpdir(), "tiaowen-empty-"));
      try {
        await expect(createBot({ corpusDirs: [empty] })).rejects.toThrow(
          `no law could be read from ${empty}: the folder holds no Markdown law (*.md); put at least one law into ${empty}`,
        );
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
      const missing = join(tmpdir(), "tiaowen-missing-corpus");
      await expect(createBot({ corpusDirs: [missing] })).rejects.toBeInstanceOf(TiaowenError);
      await expect(createBot({ corpusDirs: [missing] })).rejects.toMatchObject({ code: "CORPUS_DIR" });
    });
  });

  describe("ask: small talk", () => {
    it.each([
      ["你好", "zh", "您好！我是条文助手"],
      ["hello", "en", "Hello! I answer questions about 大同市智慧城市促进条例"],
    ])("greets %j", (question, lang, start) => {
      const { ask } = setup();
      const a = ask(question);
      expect(a).toMatchObject({ intent: "greeting", answered: true, lang, citations: [] });
      expect(a.text.startsWith(start)).toBe(true);
    });

    it("helps, naming the law, examples and the hotline", () => {
      const { ask } = setup();
      const a = ask("帮助");
      expect(a).toMatchObject({ intent: "help", answered: true, citations: [] });
      expect(a.text).toContain(`《${LAW}》`);
      expect(a.text).toContain("谁负责食品安全监管？");
      expect(a.text).toContain("12345");
    });
  });

  describe("ask: who is responsible", () => {
    it("谁负责食品安全监控 → 第三十条, 市场监督管理部门, with citation and chapter", () => {
      const { ask } = setup();
      const a = ask("谁负责食品安全监控");
      expect(a).toMatchObject({ intent: "responsibility", answered: true, lang: "zh" });
      expect(a.citations[0]).toMatchObject({ law: LAW, lawId: LAW_ID, article: 30, label: "第三十条" });
      expect(a.citations[0]?.chapter).toBe("第四章 智慧治理");
      expect(a.departments).toContain("市、县（区）人民政府市场监督管理部门");
      expect(a.lead).toBe(
        `根据《${LAW}》第三十条（第四章 智慧治理），负责的是市、县（区）人民政府市场监督管理部门。`,
      );
      expect(a.text).toContain(`《${LAW}》第三十条`);
      expect(a.text).toContain("第四章 智慧治理");
      expect(a.text).toContain("食品药品安全监管");
      expect(a.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
      expect(a.context).toEqual({ lawId: LAW_ID, article: 30 });
    });

    it("answers the English question in English from the same article", () => {
      const { ask } = setup();
      const a = ask("Who handles food safety monitoring?");
      expect(a).toMatchObject({ intent: "responsibility", answered: true, lang: "en" });
      expect(a.citations[0]?.article).toBe(30);
      expect(a.lead).toBe(
        `Under 第三十条 (article 30) of ${LAW}, the responsible body is 市、县（区）人民政府市场监督管理部门.`,
      );
      expect(a.text).toContain("Source: 《大同市智慧城市促进条例》第三十条");
    });

    it("answers the traditional-character question from the same article", () => {
      const { ask } = setup();
      const a = ask("食品安全監管歸誰管");
      expect(a.citations[0]?.article).toBe(30);
      expect(a.departments).toContain("市、县（区）人民政府市场监督管理部门");
    });

    it.each([
      ["视频监控谁负责", 25, "市、县（区）公安机关"],
      ["环保大数据中心谁来建", 28, "市、县（区）人民政府生态环境主管部门"],
      ["安全生产监控归谁管", 29, "市、县（区）人民政府应急管理部门"],
      ["谁负责旅游", 38, "市、县（区）人民政府文化和旅游主管部门"],
      ["which department is in charge of tourism", 38, "市、县（区）人民政府文化和旅游主管部门"],
      ["谁负责智慧城市建设", 6, "市、县（区）智慧城市主管部门"],
      ["谁负责大数据产业园", 34, "市人民政府"],
      ["警察管什么", 25, "市、县（区）公安机关"],
      ["市民一卡通归谁管", 22, "市、县（区）人民政府"],
    ])("%j → article %i, %s first", (question, article, department) => {
      const { ask } = setup();
      const a = ask(question);
      expect(a.answered).toBe(true);
      expect(a.citations[0]?.article).toBe(article);
      expect(a.departments[0]).toBe(department);
    });

    it("reads 智慧城市发展规划由谁审议通过 as a responsibility question about article 7", () => {
      const { ask } = setup();
      const a = ask("智慧城市发展规划由谁审议通过");
      expect(a.intent).toBe("responsibility");
      expect(a.citations[0]?.article).toBe(7);
      // The government whose 常务会议 deliberates: bodies, never the meeting.
      expect(a.departments).toContain("市、县（区）人民政府");
      expect(a.departments.some((d) => d.endsWith("会议"))).toBe(false);
    });

    it("names the department the question asks about first", () => {
      const { ask } = setup();
      const a = ask("开发区管委会负责什么");
      expect(a.citations[0]?.article).toBe(6);
      expect(a.departments[0]).toBe("开发区管委会");
    });
  });

  describe("ask: articles by number", () => {
    it.each([
      ["第三十条", 30, "zh"],
      ["第30条", 30, "zh"],
      ["第 12 条", 12, "zh"],
      ["第三十条的原文", 30, "zh"],
      ["article 30", 30, "en"],
      ["art. 17", 17, "en"],
      ["What does article 30 say?", 30, "en"],
    ])("%j gives article %i whole", (question, article, lang) => {
      const { ask } = setup();
      const a = ask(question);
      expect(a).toMatchObject({ intent: "article_lookup", answered: true, lang, confidence: 1 });
      expect(a.citations).toHaveLength(1);
      expect(a.citations[0]?.article).toBe(article);
      expect(a.citations[0]?.quote).toBe(bot.entry(LAW_ID, article)?.article.text);
    });

    it("refuses 第九十九条 clearly, with the law's range", () => {
      const { ask } = setup();
      const a = ask("第九十九条");
      expect(a).toMatchObject({ intent: "article_lookup", answered: false, citations: [] });
      expect(a.text).toBe(`《${LAW}》共45条，没有第九十九条。请输入1到45之间的条号，例如“第三十条”。`);
      expect(ask("article 99").text).toBe(
        `${LAW} has 45 articles; there is no article 99. Try a number from 1 to 45.`,
      );
    });
  });

  describe("ask: facts about the law", () => {
    it("条例从哪天起施行: 2018年5月1日 from 第四十五条, and the 2019 revision", () => {
      const { ask } = setup();
      const a = ask("条例从哪天起施行");
      expect(a).toMatchObject({ intent: "metadata", facet: "effective", answered: true });
      expect(a.lead).toContain("2018年5月1日");
      expect(a.citations[0]?.article).toBe(45);
      expect(a.text).toContain("2019年4月25日修正");
      expect(a.text).toContain("2019年10月1日");
    });

    it.each([
      ["条例什么时候施行", "effective"],
      ["大同的条例什么时候施行", "effective"],
      ["When did the ordinance take effect?", "effective"],
      ["条例的制定依据是什么", "basis"],
      ["条例现在还有效吗", "validity"],
      ["条例修改过吗", "history"],
      ["本条例的适用范围", "scope"],
    ])("%j → metadata %s", (question, facet) => {
      const { ask } = setup();
      expect(ask(question)).toMatchObject({ intent: "metadata", facet, answered: true });
    });

    it("条例由谁批准 names the provincial standing committee (山西省)", () => {
      const { ask } = setup();
      const a = ask("条例由谁批准");
      expect(a).toMatchObject({ intent: "metadata", facet: "approval", answered: true });
      expect(a.lead).toContain("山西省第十二届人民代表大会常务委员会第四十三次会议批准");
    });

    it("条例有几章 says 7, with the outline", () => {
      const { ask } = setup();
      const a = ask("条例有几章");
      expect(a).toMatchObject({ intent: "structure", facet: "count_chapters", answered: true });
      expect(a.lead).toBe(`《${LAW}》共7章45条。`);
      expect(a.text).toContain("第五章 智慧产业（第三十三条至第四十二条）");
      expect(ask("条例有多少条").lead).toBe(`《${LAW}》共7章45条。`);
    });

    it("第五章是关于什么的 says 智慧产业 and lists its articles", () => {
      const { ask } = setup();
      const a = ask("第五章是关于什么的");
      expect(a).toMatchObject({ intent: "structure", facet: "chapter", answered: true });
      expect(a.lead).toContain("智慧产业");
      expect(a.citations.map((c) => c.article)).toEqual([33, 34, 35, 36, 37, 38, 39, 40, 41, 42]);
    });

    it("附则 (a chapter's title alone) lists 第四十五条", () => {
      const { ask } = setup();
      const a = ask("附则");
      expect(a.facet).toBe("chapter");
      expect(a.text).toContain("第四十五条");
      expect(a.citations.map((c) => c.article)).toEqual([45]);
    });

    it("refuses a chapter the law does not have", () => {
      const { ask } = setup();
      const a = ask("第八章讲什么");
      expect(a.answered).toBe(false);
      expect(a.text).toBe(`《${LAW}》共7章，没有第八章。`);
    });
  });

  describe("ask: topics", () => {
    it.each([
      ["一网通办", 17],
      ["城市APP", 22],
      ["12345热线", 17],
      ["互联网金融", 39],
      ["投资绩效审计", 16],
    ])("%j → article %i", (question, article) => {
      const { ask } = setup();
      const a = ask(question);
      expect(a).toMatchObject({ intent: "topic", answered: true });
      expect(a.citations[0]?.article).toBe(article);
      // The lead says what the article provides, in its own words.
      expect(a.lead).toMatch(
        new RegExp(`^《${LAW}》${a.citations[0]?.label}（${a.citations[0]?.chapter}）规定：`),
      );
      expect(a.citations[0]?.quote).toContain(
        a.lead.split("规定：")[1]?.split("……")[0]?.replace(/。$/, "") ?? "-",
      );
    });
  });

  describe("ask: questions the law does not answer", () => {
    it.each([
      ["怎么申请廉租房", "zh"],
      ["北京到大同的高铁票多少钱", "zh"],
      ["What's the weather tomorrow?", "en"],
      ["暖气不热怎么办", "zh"],
    ])("refuses %j, points to 12345 and cites nothing", (question, lang) => {
      const { ask } = setup();
      const a = ask(question);
      expect(a).toMatchObject({ answered: false, lang, citations: [], departments: [] });
      // At most the closest provisions are offered, as candidates, never as the answer.
      expect(a.confidence).toBeLessThan(MIN_CONFIDENCE);
      expect(a.candidates.length).toBeLessThanOrEqual(3);
      expect(a.text).toContain("12345");
      expect(a.text).toContain(LAW);
    });
  });

  describe("ask: unsure", () => {
    it("offers the closest provisions as candidates, says it is unsure and gives the hotline", () => {
      const { ask } = setup();
      const a = ask("空气质量谁来监测");
      expectWellFormed(a);
      expect(a).toMatchObject({ answered: false, citations: [] });
      expect(a.candidates.map((c) => c.article)).toContain(28);
      expect(a.candidates.length).toBeLessThanOrEqual(3);
      expect(a.confidence).toBeLessThan(MIN_CONFIDENCE);
      expect(a.text).toContain("12345");
      expect(a.text).toContain("您是不是想问：\n1. 《大同市智慧城市促进条例》");
    });

    it("keeps the conversation's subject, so 下一条 still follows the last answer", () => {
      const { converse } = setup();
      const [, unsure, next] = converse(["第二十八条", "空气质量谁来监测", "下一条"]);
      expect(unsure?.context).toEqual({ lawId: LAW_ID, article: 28 });
      expect(next?.citations[0]?.article).toBe(29);
    });
  });

  describe("ask: a law that is not loaded", () => {
    it.each([
      ["《个人信息保护法》第十三条", "《个人信息保护法》"],
      ["网络安全法里关键信息基础设施怎么定义", "《网络安全法》"],
      ["劳动合同法第三十九条讲什么", "《劳动合同法》"],
    ])("%s: says it is not collected, never another law's article", (question, name) => {
      const { ask } = setup();
      const a = ask(question);
      expectWellFormed(a);
      expect(a).toMatchObject({ answered: false, citations: [], facet: "not_loaded" });
      expect(a.text).toContain(`本服务没有收录${name}`);
      expect(a.text).toContain(LAW);
    });

    it("still answers the home law named by its short form", () => {
      expect(setup().ask("智慧城市促进条例第三十条").citations[0]?.article).toBe(30);
    });
  });

  describe("ask: follow-ups", () => {
    it("第三十条 → 下一条 → 原文 → 那由谁负责？ stays on article 31", () => {
      const { converse } = setup();
      const [first, next, full, who] = converse(["第三十条", "下一条", "原文", "那由谁负责？"]);
      expect(first?.citations[0]?.article).toBe(30);
      expect(next).toMatchObject({ intent: "followup", facet: "next", answered: true });
      expect(next?.citations[0]?.article).toBe(31);
      expect(full).toMatchObject({ intent: "followup", facet: "fulltext" });
      expect(full?.citations[0]?.article).toBe(31);
      expect(full?.citations[0]?.quote).toBe(bot.entry(LAW_ID, 31)?.article.text);
      expect(who).toMatchObject({ intent: "followup", facet: "department", answered: true });
      expect(who?.citations[0]?.article).toBe(31);
      expect(who?.departments).toEqual(["市、县（区）人民政府"]);
    });

    it("answers who is responsible for the article a lookup showed", () => {
      const { converse } = setup();
      const [, who] = converse(["第三十条", "这条归谁管"]);
      expect(who?.departments[0]).toBe("市、县（区）人民政府市场监督管理部门");
    });

    it("goes back with 上一条", () => {
      const { converse } = setup();
      const [, previous] = converse(["第三十条", "上一条"]);
      expect(previous?.citations[0]?.article).toBe(29);
    });

    it("asks for a question first when there is no context", () => {
      const { ask } = setup();
      for (const q of ["下一条", "原文", "那由谁负责？"]) {
        const a = ask(q);
        expect(a).toMatchObject({ intent: "followup", answered: false, citations: [] });
        expect(a.text).toBe("请先提一个问题，我再为您查看相关条文。");
      }
      expect(ask("下一条", { lawId: "no-such-law", article: 3 }).answered).toBe(false);
    });

    it("says there is no next article after the last one, keeping the context", () => {
      const { ask } = setup();
      const a = ask("下一条", { lawId: LAW_ID, article: 45 });
      expect(a.answered).toBe(false);
      expect(a.text).toContain("共45条");
      expect(a.context).toEqual({ lawId: LAW_ID, article: 45 });
    });
  });

  describe("typed requests", () => {
    it("article: quotes the article of that law, the same answer as asking for it", () => {
      const a = bot.article(LAW_ID, 30);
      expectWellFormed(a);
      expect(a).toEqual(bot.ask("第三十条"));
      expect(bot.article(LAW_ID, 17, { lang: "en" }).lead).toMatch(
        /^大同市智慧城市促进条例, 第十七条 \(article 17/,
      );
    });

    it("article: says the law has no such article, and refuses an unknown law", () => {
      const a = bot.article(LAW_ID, 99);
      expect(a).toMatchObject({ answered: false, citations: [] });
      expect(a.text).toContain("没有第九十九条");
      expect(() => bot.article("no-such-law", 1)).toThrow(/no law with id "no-such-law" is loaded/);
    });

    it("help and greet: the same replies as the words for them, in either language", () => {
      expect(bot.help()).toEqual(bot.ask("帮助"));
      expect(bot.help("en").intent).toBe("help");
      expect(bot.help("en").lang).toBe("en");
      expect(bot.greet()).toEqual(bot.ask("你好"));
    });

    it("followUp: next, previous, full text and department of the context's article", () => {
      const context = { lawId: LAW_ID, article: 28 };
      expect(bot.followUp("next", context).citations[0]?.article).toBe(29);
      expect(bot.followUp("previous", context).citations[0]?.article).toBe(27);
      expect(bot.followUp("fulltext", context).citations[0]?.article).toBe(28);
      expect(bot.followUp("department", context).departments.join()).toContain("生态环境主管部门");
      expect(bot.followUp("next", {})).toMatchObject({ answered: false, intent: "followup" });
    });

    it("law: finds a law by id or exact title", () => {
      expect(bot.law(LAW_ID)?.title).toBe(LAW);
      expect(bot.law(LAW)?.id).toBe(LAW_ID);
      expect(bot.law("大同市")).toBeUndefined();
    });
  });

  describe("ask: unusable input", () => {
    it.each([
      ["", EMPTY_REPLY],
      ["   \n\t ", EMPTY_REPLY],
      ["？？！！。。", EMPTY_REPLY],
      ["😀😀😀", EMPTY_REPLY],
    ])("asks for a question when given %j", (question, text) => {
      const { ask } = setup();
      const a = ask(question);
      expectWellFormed(a);
      expect(a).toMatchObject({ answered: false, citations: [], text });
    });

    it.each([undefined, null, 42, {}, [], true, Symbol("q"), () => "谁负责食品安全"])(
      "answers a non-string value (%s) without throwing",
      (value) => {
        const { ask } = setup();
        const a = ask(value);
        expectWellFormed(a);
        expect(a.answered).toBe(false);
        expect(a.text).toBe(EMPTY_REPLY);
      },
    );

    it("asks for brevity instead of searching 10,000 characters", () => {
      const { ask } = setup();
      const a = ask("食品安全".repeat(2500));
      expectWellFormed(a);
      expect(a.answered).toBe(false);
      expect(a.text).toBe(`问题太长了（超过${MAX_QUESTION_CHARS}个字），请简要描述您想了解的事项。`);
      expect(ask("a".repeat(10_000)).text).toBe(
        `The question is too long (over ${MAX_QUESTION_CHARS} characters); please ask briefly.`,
      );
    });

    it("ignores control characters around a real question", () => {
      const { ask } = setup();
      const a = ask("\u0000\u0007谁负责\u200b食品安全\u001b");
      expect(a.answered).toBe(true);
      expect(a.citations[0]?.article).toBe(30);
    });

    it("does not echo markup back", () => {
      const { ask } = setup();
      const a = ask("<script>alert(1)</script>");
      expectWellFormed(a);
      expect(a.answered).toBe(false);
      expect(a.text).not.toContain("<script>");
    });

    it("reads a question mixing scripts", () => {
      const { ask } = setup();
      const a = ask("食品safety谁管");
      expectWellFormed(a);
      expect(a.citations[0]?.article).toBe(30);
    });

    it("returns a well-formed Answer for any string and never throws (property)", () => {
      const { ask } = setup();
      const questionish = fc.string({
        unit: fc.constantFrom(
          ..."谁负责食品安全监控第三十条下一条原文章几施行批准的了？。！ \n".split(""),
          "app",
          "who ",
          "article ",
          "30",
          "九十九",
          "\u0000",
          "😀",
        ),
        maxLength: 40,
      });
      const arbitrary = fc.oneof(
        fc.string(),
        fc.string({ unit: "grapheme", maxLength: 80 }),
        fc.string({ unit: "binary", maxLength: 80 }),
        fc.string({ unit: "binary", minLength: 480, maxLength: 700 }),
        questionish,
      );
      fc.assert(
        fc.property(arbitrary, (question) => {
          expectWellFormed(ask(question));
        }),
        { numRuns: 300 },
      );
    });

    it("keeps a conversation well-formed whatever follows (property)", () => {
      const { converse } = setup();
      const turn = fc.constantFrom(
        "第三十条",
        "下一条",
        "上一条",
        "原文",
        "那由谁负责？",
        "附则",
        "你好",
        "",
        "谁负责旅游",
      );
      fc.assert(
        fc.property(fc.array(turn, { maxLength: 8 }), (questions) => {
          for (const answer of converse(questions)) expectWellFormed(answer);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe("both tokenizer backends", () => {
    let other: Bot;
    beforeAll(async () => {
      other = await createBot({ tokenizer: "nodejieba" });
    });

    it.each([
      "谁负责食品安全监控",
      "视频监控谁负责",
      "环保大数据中心谁来建",
      "安全生产监控归谁管",
      "谁负责旅游",
      "一网通办",
      "城市APP",
      "市民一卡通归谁管",
      "智慧城市主管部门负责什么",
      "谁负责信用体系建设",
      "Who handles food safety monitoring?",
      "怎么申请廉租房",
    ])("give the same first article for %j", (question) => {
      expect(other.tokenizer.backend).toBe("nodejieba");
      const a = bot.ask(question);
      const b = other.ask(question);
      expect(b.answered).toBe(a.answered);
      expect(b.citations[0]?.article).toBe(a.citations[0]?.article);
    });
  });
});

describe("regressions: slots, follow-ups and edges of the law", () => {
  it("第三十条由谁负责 is responsibility for article 30", () => {
    for (const ctx of [{}, { lawId: LAW_ID, article: 31 }]) {
      const a = bot.ask("第三十条由谁负责", ctx);
      expect(a.intent).toBe("responsibility");
      expect(a.citations[0]?.article).toBe(30);
      expect(a.departments[0]).toBe("市、县（区）人民政府市场监督管理部门");
    }
  });
  it("谁负责第三十条", () => {
    const a = bot.ask("谁负责第三十条", { lawId: LAW_ID, article: 6 });
    expect(a.citations[0]?.article).toBe(30);
  });
  it("那由哪个部门负责？ is a follow-up", () => {
    const a = bot.ask("那由哪个部门负责？", { lawId: LAW_ID, article: 31 });
    expect(a).toMatchObject({ intent: "followup", facet: "department", answered: true });
    expect(a.citations[0]?.article).toBe(31);
  });
  it("第45条之一 is not 第四十五条", () => {
    const a = bot.ask("第45条之一");
    expect(a.answered).toBe(false);
  });
  it("第一条之一 is reachable", async () => {
    const law = parseOrdinance("# 测试条例\n\n第一条 甲。\n\n第一条之一 乙。\n\n第二条 丙。\n", {
      file: "t.md",
    });
    const b = await createBot({ laws: [law] });
    expect(b.ask("第一条之一").citations[0]?.quote).toBe("乙。");
  });
  it("第99999条 names the number asked", () => {
    expect(bot.ask("第99999条").text).not.toContain("九千九百九十九");
  });
  it("spaced", () => {
    expect(bot.ask("谁 负 责 食 品 安 全").citations[0]?.article).toBe(30);
  });
  it("条例修改过几次", () => {
    expect(bot.ask("条例修改过几次")).toMatchObject({ intent: "metadata", facet: "history" });
  });
  it("no chapters", async () => {
    const law = parseOrdinance("# 测试条例\n\n第一条 甲。\n", { file: "t.md" });
    const b = await createBot({ laws: [law] });
    expect(b.ask("第一章讲什么").text).not.toContain("共0章");
  });
});

describe("createBot over many laws", () => {
  let many: Bot;
  const seedsDir = join(ROOT_DIR, "seeds");
  beforeAll(async () => {
    many = await createBot({ corpusDirs: [seedsDir, CORPUS_DIR] });
  });

  it("loads every law, the seed's first as the home law", () => {
    expect(many.laws).toHaveLength(11);
    expect(many.homeLaws.map((l) => l.title)).toEqual([LAW]);
    expect(many.articleCount).toBe(45 + 91 + 58 + 58 + 71 + 44 + 51 + 44 + 74 + 62 + 100);
  });

  it("answers a question that names a law from that law, and its text names the law", () => {
    const a = many.ask("上海市数据条例第十条");
    expect(a.citations[0]).toMatchObject({ law: "上海市数据条例", article: 10 });
    expect(a.text).toContain("《上海市数据条例》第十条");
    const b = many.ask("济南12345热线条例第八条");
    expect(b.citations[0]).toMatchObject({ law: "济南市12345市民服务热线条例", article: 8 });
    expect(b.text).toContain("《济南市12345市民服务热线条例》第八条");
    const c = many.ask("济南热线条例里市民服务热线工作机构负责什么");
    expect(c.citations[0]?.law).toBe("济南市12345市民服务热线条例");
    expect(many.ask("大同的条例第三十条").citations[0]).toMatchObject({ law: LAW, article: 30 });
  });

  it("answers metadata and structure questions about the law that is named", () => {
    expect(many.ask("上海市数据条例有几章").text).toContain("10章");
    expect(many.ask("深圳经济特区数据条例什么时候施行").text).toContain("2022年1月1日");
  });

  it("answers a question that names no law from the home law, even when other laws cover it too", () => {
    for (const q of ["谁负责食品安全监控", "政务服务热线要统一吗", "第十条"]) {
      expect(many.ask(q).citations[0]?.law).toBe(LAW);
    }
  });

  it("offers another law only as 其他法规中的相关规定, never as the home city's rule", () => {
    const a = many.ask("公共数据授权运营");
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.text).toContain("其他法规中的相关规定");
    expect(a.text).toContain("不适用于本地");
    expect(a.elsewhere?.[0]?.law).not.toBe(LAW);
    expect(a.text).toContain(`《${a.elsewhere?.[0]?.law}》`);
  });

  it("keeps refusing what no law covers", () => {
    for (const q of ["北京到大同的高铁票多少钱", "What's the weather tomorrow?"]) {
      const a = many.ask(q);
      expect(a.answered).toBe(false);
      expect(a.citations).toEqual([]);
    }
  });

  it("lists every law's departments in the directory", () => {
    const laws = new Set(many.directory.flatMap((e) => e.duties.map((d) => d.lawTitle)));
    expect(laws.size).toBeGreaterThanOrEqual(10);
  });

  it("searches one named law for the console", () => {
    const sh = many.laws.find((l) => l.title === "上海市数据条例");
    const hits = many.search("公共数据", { lawId: sh?.id ?? "", limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.entry.law.title === "上海市数据条例")).toBe(true);
  });
});

describe("createBot: definitions and practical questions", () => {
  it("answers what a term means from the article that defines it", async () => {
    const many = await createBot({ corpusDirs: [join(ROOT_DIR, "seeds"), CORPUS_DIR] });
    const a = many.ask("上海市数据条例里公共数据是什么");
    expect(a.citations[0]).toMatchObject({ law: "上海市数据条例", article: 2 });
    expect(a.citations[0]?.quote).toContain("公共数据，是指");
  });

  it("says when the law does not define a term, and quotes where it is mentioned", () => {
    const a = bot.ask("什么是一网通办");
    expect(a).toMatchObject({ intent: "topic", facet: "definition", answered: true });
    expect(a.lead).toContain("没有对“一网通办”作出定义");
    expect(a.citations[0]?.article).toBe(17);
  });

  it("says that where, how and how much are not in the law, with the hotline and the related article", () => {
    for (const q of ["市民卡在哪里办", "景区门票多少钱", "公交卡丢了怎么办", "12345热线怎么打"]) {
      const a = bot.ask(q);
      expect(a).toMatchObject({ intent: "topic", facet: "practical", answered: false, citations: [] });
      expect(a.text).toContain("12345");
    }
    expect(bot.ask("市民卡在哪里办").related[0]?.article).toBe(22);
  });

  it("thanks get a reply of their own", () => {
    expect(bot.ask("谢谢")).toMatchObject({ intent: "greeting", answered: true });
    expect(bot.ask("谢谢").text).toContain("不客气");
  });
});
