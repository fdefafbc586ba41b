import { beforeAll, describe, expect, it } from "vitest";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { classify, readSlots } from "../../src/understand/intent.js";
import { createAboutTheLaw } from "../../src/understand/scope.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { loadWordWeights } from "../../src/understand/word-weights.js";
import { INTENTS_DIR } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
});

function setup() {
  // What the bot passes: a residual is "about the law" when it has no topical word besides 条例.
  const aboutTheLaw = createAboutTheLaw(tokenizer, vocabulary, loadWordWeights());
  const run = (question: string) => classify(normalize(question), vocabulary, aboutTheLaw);
  return { run, aboutTheLaw };
}

describe("readSlots", () => {
  it.each([
    ["第三十条", 30],
    ["第30条", 30],
    ["第 12 条", 12],
    ["第一百零三条讲什么", 103],
    ["article 30", 30],
    ["art. 17", 17],
    ["art 17", 17],
    ["section 3", 3],
  ])("reads the article number of %j", (question, article) => {
    expect(readSlots(normalize(question)).slots).toEqual({ article });
  });

  it("takes the slot words out of the question", () => {
    expect(readSlots("第三十条由谁负责")).toEqual({ slots: { article: 30 }, rest: "由谁负责" });
    expect(readSlots("第五章讲什么")).toEqual({ slots: { chapter: 5 }, rest: "讲什么" });
    expect(readSlots("what does chapter 5 cover?")).toEqual({
      slots: { chapter: 5 },
      rest: "what does cover?",
    });
  });

  it("reads an article and a chapter together", () => {
    expect(readSlots("第五章第三十三条")).toEqual({ slots: { article: 33, chapter: 5 }, rest: "" });
  });

  it("reads nothing from a question without numbers", () => {
    expect(readSlots("谁负责食品安全监控")).toEqual({ slots: {}, rest: "谁负责食品安全监控" });
    expect(readSlots("有三条规定吗")).toEqual({ slots: {}, rest: "有三条规定吗" });
  });

  it("reads a bare article number at the start of a question, and 之一", () => {
    expect(readSlots("30条")).toEqual({ slots: { article: 30 }, rest: "" });
    expect(readSlots("第十七条之一讲什么")).toEqual({ slots: { article: 17, sub: 1 }, rest: "讲什么" });
  });
});

describe("readSlots: articles counted from the end and by ordinal", () => {
  it.each([
    ["最后一条讲的啥", { fromEnd: 1 }],
    ["倒数第二条", { fromEnd: 2 }],
    ["倒数第3条说了什么", { fromEnd: 3 }],
    ["第五章最后一条", { fromEnd: 1, chapter: 5 }],
    ["what does the last article say", { fromEnd: 1 }],
    ["the second to last article", { fromEnd: 2 }],
    ["show me the first article", { article: 1 }],
    ["第二章第一条", { article: 1, chapter: 2 }],
  ])("%s", (question, slots) => {
    expect(readSlots(normalize(question)).slots).toEqual(slots);
  });
});

describe("classify", () => {
  it.each([
    ["你好", "greeting"],
    ["您好！", "greeting"],
    ["hello", "greeting"],
    ["Good morning!", "greeting"],
    ["帮助", "help"],
    ["help", "help"],
    ["你能做什么", "help"],
  ])("small talk: %j → %s", (question, intent) => {
    const { run } = setup();
    expect(run(question).intent).toBe(intent);
  });

  it("does not take a greeting that carries a question for small talk", () => {
    const { run } = setup();
    expect(run("你好，谁负责食品安全？").intent).toBe("responsibility");
  });

  it.each([
    "谁负责食品安全监控",
    "食品安全由谁管",
    "食品安全归谁管",
    "哪个部门管旅游",
    "Who is responsible for tourism?",
    "Which department handles tourism?",
    "环保大数据中心谁来建",
    "卫健委管智慧医疗吗",
    "智慧城市主管部门负责什么",
  ])("responsibility: %j", (question) => {
    const { run } = setup();
    expect(run(question)).toMatchObject({ intent: "responsibility", slots: {} });
  });

  it("reads 智慧城市发展规划由谁审议通过 as responsibility: its residual is a plan, not the law", () => {
    const { run } = setup();
    expect(run("智慧城市发展规划由谁审议通过").intent).toBe("responsibility");
  });

  it.each([
    ["第三十条", 30],
    ["第30条", 30],
    ["第 12 条", 12],
    ["article 30", 30],
    ["art. 17", 17],
    ["What does article 30 say?", 30],
    ["第三十条讲的是什么", 30],
  ])("article_lookup: %j → article %i", (question, article) => {
    const { run } = setup();
    expect(run(question)).toMatchObject({ intent: "article_lookup", slots: { article } });
  });

  it.each([
    ["条例什么时候施行", "effective"],
    ["条例从哪天起施行", "effective"],
    ["When did the ordinance take effect?", "effective"],
    ["条例由谁批准", "approval"],
    ["这部条例是谁制定的", "approval"],
    ["Who approved the ordinance?", "approval"],
    ["条例的制定依据是什么", "basis"],
    ["为什么要制定这个条例", "basis"],
    ["条例现在还有效吗", "validity"],
    ["条例修改过吗", "history"],
    ["本条例的适用范围", "scope"],
  ])("metadata: %j → %s", (question, facet) => {
    const { run } = setup();
    expect(run(question)).toMatchObject({ intent: "metadata", facet });
  });

  it.each([
    ["条例有几章", "count_chapters", {}],
    ["How many chapters does it have?", "count_chapters", {}],
    ["条例有多少条", "count_articles", {}],
    ["条例的目录", "outline", {}],
    ["第五章讲什么", "chapter", { chapter: 5 }],
    ["第五章是关于什么的", "chapter", { chapter: 5 }],
    ["What does chapter 5 cover?", "chapter", { chapter: 5 }],
  ])("structure: %j → %s", (question, facet, slots) => {
    const { run } = setup();
    expect(run(question)).toMatchObject({ intent: "structure", facet, slots });
  });

  it.each([
    ["下一条", "next"],
    ["那下一条呢？", "next"],
    ["上一条", "previous"],
    ["原文", "fulltext"],
    ["看全文", "fulltext"],
    ["那由谁负责？", "department"],
    ["这条归谁管", "department"],
  ])("followup: %j → %s", (question, facet) => {
    const { run } = setup();
    expect(run(question)).toMatchObject({ intent: "followup", facet });
  });

  it("falls back to topic for questions that match no rule", () => {
    const { run } = setup();
    expect(run("一网通办")).toEqual({ intent: "topic", slots: {}, rest: "一网通办" });
    expect(run("智慧旅游")).toMatchObject({ intent: "topic" });
  });

  it("reports the pattern text that decided", () => {
    const { run } = setup();
    expect(run("条例什么时候施行").matched).toBe("什么时候施行");
    expect(run("谁负责食品安全监控").matched).toBe("谁负责");
  });

  it("keeps metadata patterns to questions about the law itself", () => {
    const { run, aboutTheLaw } = setup();
    expect(aboutTheLaw("条例")).toBe(true);
    expect(aboutTheLaw("智慧城市发展规划")).toBe(false);
    // 施行 of a plan is not the law's effective date.
    expect(run("智慧城市发展规划什么时候实施").intent).not.toBe("metadata");
    // Starting needs the law as its subject.
    expect(run("when does heating season start in datong?? my apartment is freezing").intent).not.toBe(
      "metadata",
    );
  });

  it("reads whether a subject falls under the law as a question about that subject, not the law's reach", () => {
    const { run, aboutTheLaw } = setup();
    expect(run("智能超市 智能影院 这些也归条例管？").intent).toBe("topic");
    // Kinds of area are where, like place names.
    expect(aboutTheLaw("还是只有市区")).toBe(true);
    expect(aboutTheLaw("我住乡下")).toBe(true);
  });
});

describe("classify: in residents' words", () => {
  it.each([
    ["哈喽哈喽", "greeting"],
    ["晚上好呀", "greeting"],
    ["谢谢啦 辛苦了", "greeting"],
    ["你能帮我干点啥", "help"],
    ["is this a bot?", "help"],
    ["你们是人工还是机器人啊", "help"],
    ["倒数第二条讲的啥", "article_lookup"],
    ["这部条例一共分了多少部分", "structure"],
    ["这个条例到底改过没有", "metadata"],
    ["在吗 有人吗", "greeting"],
    ["早上好呀 小助手", "greeting"],
    ["Hello! good morning", "greeting"],
    ["这个机器人咋用 俺该问些啥", "help"],
    ["咋问你 打字还是说话都行？", "help"],
    ["what can this bot do exactly?", "help"],
    ["can I ask you questions in english? how does this work", "help"],
    ["which provincial body approved it?", "metadata"],
    ["这条例最早是省人大哪天批准的", "metadata"],
    ["what are the chapters of this ordinance", "structure"],
    ["when did the regulation start", "metadata"],
    ["Was it approved by the Shanxi provincial congress? on which date?", "metadata"],
    ["这个条例最早是哪天表决通过的", "metadata"],
  ])("%s → %s", (question, intent) => {
    expect(setup().run(question).intent).toBe(intent);
  });

  it("does not take a question wrapped in a help phrase for help", () => {
    expect(setup().run("你能帮我查查食品安全谁管吗").intent).toBe("responsibility");
    expect(setup().run("怎么使用市民卡坐公交").intent).toBe("topic");
  });

  it.each([
    ["next article", "next"],
    ["Next one please", "next"],
    ["the previous one", "previous"],
    ["full text please", "fulltext"],
    ["which department is responsible for that?", "department"],
    ["who handles that", "department"],
  ])("follows up in English: %s → %s", (question, facet) => {
    expect(setup().run(question)).toMatchObject({ intent: "followup", facet });
  });

  it.each([
    ["这个智慧城市条例当初为啥要定啊，目的是啥", "basis"],
    ["俺是广灵县的，这条例管不管我们县里头", "scope"],
    ["县里搞智慧城市也按这个条例来吗", "scope"],
    ["我住广灵县乡下 县里也归这个条例管吗还是光管市里", "scope"],
    ["来电人住广灵县 问条例管不管县里 还是光市区", "scope"],
    ["这个条例的适用范围是整个大同市，还是只有市区？", "scope"],
    ["what is this regulation actually for?", "basis"],
    ["why did they make this law", "basis"],
    ["山西省人大常委会是什么时候批准的", "approval"],
    ["我们是外地公司，在大同做智慧城市项目也得按这个条例来吗", "scope"],
  ])("reads what is asked of the law in plain words: %s → %s", (question, facet) => {
    expect(setup().run(question)).toMatchObject({ intent: "metadata", facet });
  });

  it.each([
    "买到过期食品打哪个电话投诉",
    "which number do I call about fake food",
    "项目招标信息在哪看",
    "专项资金今年有多少个亿",
    "我们小区啥时候能改造成智慧社区",
    "产业园里都有哪些公司",
    "which app should I download for city services",
    "市民一卡通办卡要交多少押金",
    "移动联通电信 哪家宽带在大同最便宜",
    "市民卡弄丢了补办要几天",
    "暖气几号开始供应",
    "种玉米一亩地补贴多少",
    "when will my neighborhood get the smart community upgrade",
    "what's the fee for parking in the smart parking lots downtown",
    "工厂冒黑烟，环保罚款标准是多少",
    "暖气不热打谁电话",
    "企业上云有没有补贴，一家补多少",
    "Which company won the contract to build the city operations command center?",
    "What subsidy can my startup get at the big data park, and how much?",
    "政务服务热线号码是多少来着",
    "办市民卡要带身份证不",
    "景区门票要在哪个网站买",
    "远程看病医保给报不",
    "在大同看病医保怎么报",
    "暖气不热 热力公司不管",
    "燃气费网上咋交 用哪个APP",
    "供暖啥时候开始",
    "厨余垃圾扔哪个桶",
    "那个大项目是哪家公司中标的",
    "上了失信名单咋修复信用",
    "my application on the portal got rejected, what do i do now",
  ])("takes a request for a number, place, amount, date or name as practical: %s", (question) => {
    expect(setup().run(question)).toMatchObject({ intent: "topic", facet: "practical" });
  });

  it("leaves questions the law answers alone: what it supports, conditions, remedies", () => {
    expect(setup().run("who is in charge of smart parking").facet).toBeUndefined();
    expect(setup().run("条例支持哪些企业发展电子商务").facet).toBeUndefined();
    expect(setup().run("见证人需要满足哪些条件").facet).toBeUndefined();
    expect(setup().run("借给朋友几万块钱不还，怎么要回来").facet).toBeUndefined();
  });

  it("matches English words whole: 'issues' is not 'issue'", () => {
    expect(setup().run("Who handles food safety issues?").intent).toBe("responsibility");
  });
});
