import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { type AnalyzedQuery, analyzeQuery, detectLanguage, joinBureaus } from "../../src/understand/query.js";
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
  const analyze = (question: string): AnalyzedQuery =>
    analyzeQuery(normalize(question), tokenizer, vocabulary);
  const texts = (question: string) => analyze(question).units.map((u) => u.text);
  const unit = (question: string, text: string) => {
    const found = analyze(question).units.find((u) => u.text === text);
    if (!found) throw new Error(`${question}: no unit ${text}`);
    return found;
  };
  return { analyze, texts, unit };
}

describe("joinBureaus", () => {
  const none = () => false;

  it("joins the single characters of a bureau's short name", () => {
    expect(joinBureaus(["住", "建", "局", "管", "不管"], none)).toEqual(["住建局", "管", "不管"]);
  });

  it("stops at a word of its own: the character before it is the sentence's", () => {
    expect(joinBureaus(["要", "找", "大数据", "局"], none)).toEqual(["要", "找", "大数据局"]);
  });

  it("stops at a stop word", () => {
    expect(joinBureaus(["是", "卫", "健", "委"], (w) => w === "是")).toEqual(["是", "卫健委"]);
  });
});

describe("analyzeQuery: English words as written", () => {
  it("corrects a typo into the glossary's word, but not a word of its own that is one letter off", () => {
    const { texts } = setup();
    expect(texts("goverment polution")).toEqual(expect.arrayContaining(["人民政府", "污染"]));
    // goal is not coal (煤炭), hotpot is not hotspot (无线城市): SUBTLEX-US and CC-CEDICT know them.
    expect(texts("whats the goal of it")).not.toContain("煤炭");
    expect(texts("best hotpot near the grottoes")).not.toContain("无线城市");
  });
});

describe("detectLanguage", () => {
  it.each([
    ["who handles food safety monitoring?", "en"],
    ["hello", "en"],
    ["谁负责食品安全监控", "zh"],
    ["城市app归谁管", "zh"],
    ["食品safety谁管", "zh"],
    ["a", "zh"],
    ["", "zh"],
    ["12345", "zh"],
  ])("%j → %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe("analyzeQuery", () => {
  it("drops how a hotline operator relays a question and asks for its basis", () => {
    const words = setup().texts("来电人称其为小微企业主，想利用电商平台销售产品，请问依据哪条");
    expect(words).toEqual(expect.arrayContaining(["电商", "平台"]));
    for (const frame of ["来电", "人称", "依据", "哪条"]) expect(words).not.toContain(frame);
    expect(setup().texts("请问条例对旅游信息服务有何要求")).not.toContain("要求");
    // Asking for the conditions asks about the subject: 条件 is not a word the law must contain.
    expect(setup().texts("户口迁到大同要啥条件")).not.toContain("条件");
  });

  it("drops the question frame and stop words, keeping the topic", () => {
    const { texts } = setup();
    expect(texts("谁负责食品安全监控")).toEqual(["食品", "安全监控"]);
    expect(texts("食品安全监控由哪个部门负责")).toEqual(["食品", "安全监控"]);
  });

  it("keeps the normalised question and its language", () => {
    const { analyze } = setup();
    expect(analyze("食品安全監管歸誰管")).toMatchObject({ normalized: "食品安全监管归谁管", lang: "zh" });
    expect(analyze("Who handles food safety?").lang).toBe("en");
  });

  it("expands a word to its synonyms (监控 ↔ 监管/监测)", () => {
    const { unit } = setup();
    expect(unit("监控", "监控").expansions).toEqual(expect.arrayContaining(["监管", "监测"]));
    expect(unit("监管", "监管").expansions).toContain("监控");
    expect(unit("监控", "监控").expansions).not.toContain("监控");
  });

  it("splits a long word into parts, each with its synonyms, and rewrites the word with them", () => {
    const { unit } = setup();
    const u = unit("谁负责食品安全监控", "安全监控");
    expect(u.parts).toEqual([["安全"], expect.arrayContaining(["监控", "监管", "监测"])]);
    expect(u.expansions).toEqual(expect.arrayContaining(["安全监管", "安全监测"]));
  });

  it("maps English through the glossary, stems included", () => {
    const { analyze } = setup();
    const q = analyze("Who handles food safety monitoring?");
    expect(q.units.map((u) => [u.text, u.from, u.known])).toEqual([
      ["食品", "en", true],
      ["安全", "en", true],
      ["监管", "en", true],
    ]);
    expect(analyze("which department handles tourism").units.map((u) => u.text)).toEqual(["旅游"]);
    expect(analyze("smart cities").units.map((u) => u.text)).toEqual(["智慧城市"]);
    // A closing quote or a plural possessive is not part of the word.
    expect(analyze("companies' pollution data").units.map((u) => u.text)).toContain("企业");
    expect(analyze("what is 'tourism'?").units.map((u) => u.text)).toEqual(["旅游"]);
  });

  it("keeps English words the glossary does not know, as unknown", () => {
    const { analyze } = setup();
    const units = analyze("What is the blorfing policy?").units;
    expect(units.find((u) => u.text === "blorfing")).toEqual({
      text: "blorfing",
      expansions: [],
      parts: [],
      known: false,
      from: "en",
      emphasis: 1,
    });
    expect(units.find((u) => u.text === "政策")?.known).toBe(true);
  });

  it("keeps app and 12345, which the vocabulary knows, as known words", () => {
    const { unit, texts } = setup();
    expect(unit("城市APP", "app").known).toBe(true);
    expect(texts("12345热线")).toEqual(["12345", "热线"]);
    expect(unit("12345热线", "12345").expansions).toContain("热线");
  });

  it("drops other numbers", () => {
    const { texts } = setup();
    expect(texts("2019年的规定")).not.toContain("2019");
  });

  it("merges runs of single characters into one word (暖气不热 → 不热)", () => {
    const { texts } = setup();
    expect(texts("暖气不热")).toEqual(["暖气", "不热"]);
    expect(texts("我家暖气不热怎么办")).toEqual(expect.arrayContaining(["暖气", "不热"]));
    expect(texts("暖气不热")).not.toContain("不");
  });

  it("reads a bureau name whole, without the words around it, as the bodies the law names", () => {
    const bodies = ["城市管理相关部门", "卫生健康主管部门"];
    const units = (q: string) => analyzeQuery(normalize(q), tokenizer, vocabulary, { bodies }).units;
    // 是/卫/健/委: 是 is the sentence's, not the name's.
    const named = units("智慧医疗是卫健委管吗").find((u) => u.text === "卫健委");
    expect(named?.expansions).toEqual(expect.arrayContaining(["卫生健康主管部门"]));
    expect(units("智慧医疗是卫健委管吗").map((u) => u.text)).not.toContain("是卫健委");
    // A bureau the law names no body for is a guess at who is in charge: its field (大数据) is not
    // looked for, and it weighs half what a bureau the law does name weighs.
    const guess = units("是大数据局在管智慧城市吗").find((u) => u.text === "大数据局");
    const known = units("城管局在管智慧城市吗").find((u) => u.text === "城管局");
    expect(guess?.expansions).not.toContain("大数据");
    expect(guess?.emphasis).toBeCloseTo((known?.emphasis ?? 0) / 2, 12);
  });

  it("keeps the characters of a word that tell something on their own (not 大 or 好)", () => {
    const weights = loadWordWeights();
    const unitOf = (q: string, text: string) =>
      analyzeQuery(normalize(q), tokenizer, vocabulary, { weights }).units.find((u) => u.text === text);
    expect(unitOf("城市大脑由谁建设", "大脑")?.chars).toBe("脑");
    expect(unitOf("光纤铺到村里了吗", "光纤")?.chars).toBe("光纤");
    // Without word statistics every character tells.
    expect(setup().unit("光纤铺到村里了吗", "光纤").chars).toBeUndefined();
  });

  it("gives the head of X的Y more emphasis than X", () => {
    const { analyze } = setup();
    const units = analyze("城乡居民的便民服务平台").units;
    const emphasis = Object.fromEntries(units.map((u) => [u.text, u.emphasis]));
    expect(emphasis.城乡居民).toBe(1);
    expect(emphasis.便民服务).toBeGreaterThan(1);
    expect(emphasis.平台).toBe(emphasis.便民服务);
  });

  it("gives no emphasis when 的 has words on one side only", () => {
    const { analyze } = setup();
    expect(analyze("旅游的").units.map((u) => u.emphasis)).toEqual([1]);
    expect(analyze("的旅游").units.map((u) => u.emphasis)).toEqual([1]);
  });

  it("returns no units for empty or punctuation-only text", () => {
    const { analyze } = setup();
    expect(analyze("").units).toEqual([]);
    expect(analyze("。。？！").units).toEqual([]);
  });

  it("does not join single characters into a stop word once the word between them is dropped", () => {
    expect(setup().texts("负谁责")).toEqual([]);
  });

  it("never returns a stop word, punctuation or a repeated unit for Chinese questions (property)", () => {
    const { analyze } = setup();
    const unit = fc.constantFrom(
      ..."谁负责食品安全监控的哪个部门管暖气不热城市旅游，。？".split(""),
      "监管",
      "12345",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (question) => {
        const texts = analyze(question).units.map((u) => u.text);
        return (
          texts.every((t) => !vocabulary.stopwordsZh.has(t) && !/^[\p{P}\p{S}\s]+$/u.test(t) && t !== "") &&
          new Set(texts).size === texts.length
        );
      }),
    );
  });

  it("never returns an empty or punctuation-only unit for mixed questions (property)", () => {
    const { analyze } = setup();
    const unit = fc.constantFrom(
      ..."谁负责食品安全的管app，。？ ".split(""),
      "who ",
      "police ",
      "the ",
      "food ",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (question) =>
        analyze(question).units.every((u) => u.text.trim() !== "" && !/^[\p{P}\p{S}\s]+$/u.test(u.text)),
      ),
    );
  });
});
