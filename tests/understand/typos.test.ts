import { beforeAll, describe, expect, it } from "vitest";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import {
  createPinyinLookup,
  createTypoCorrector,
  soundAlike,
  termsOfLaws,
} from "../../src/understand/typos.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { loadWordWeights } from "../../src/understand/word-weights.js";
import { INTENTS_DIR, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
});

function setup() {
  const weights = loadWordWeights();
  const terms = termsOfLaws({
    laws: [seedLaw()],
    tokenizer,
    vocabulary,
    departmentsOf: (_law, a) => extractDepartments(a),
  });
  return createTypoCorrector({
    terms,
    isWord: weights.isWord,
    cut: (t) => tokenizer.cut(t),
    isCommonChar: (ch) => weights.generalFrequency(ch) >= 10_000,
  });
}

describe("soundAlike", () => {
  it("hears the same reading, counting an input method's fuzzy syllables as one", () => {
    expect(soundAlike("权", "全")).toBe(true); // quan
    expect(soundAlike("列", "例")).toBe(true); // lie/li: 列 is also read li
    expect(soundAlike("至", "自")).toBe(true); // zhi ~ zi
    expect(soundAlike("讲", "件")).toBe(true); // jiang ~ jian: front and back nasals
    expect(soundAlike("讲", "条")).toBe(false);
  });
});

describe("createTypoCorrector", () => {
  it("reads phone-keyboard typos as the corpus terms they sound like", () => {
    const c = setup();
    expect(c.correct("食品安权谁管").text).toBe("食品安全谁管");
    expect(c.correct("第三十跳").text).toBe("第三十条");
    expect(c.correct("应急管里归谁").text).toBe("应急管理归谁");
    expect(c.correct("条例对智慧社去有啥要求").corrections).toEqual([{ from: "智慧社去", to: "智慧社区" }]);
  });

  it("leaves words alone, and spans that cut through a word", () => {
    const c = setup();
    for (const q of ["谁负责食品安全监控", "条例哪天起施行", "物联网和大数据", "第三十条讲什么", "检测机构"])
      expect(c.correct(q), q).toEqual({ text: q, corrections: [] });
  });

  it("makes no guess when a span could be two terms", () => {
    // 时行: 施行 or 实行 — both are words of the seed.
    expect(setup().correct("开始时行").corrections).toEqual([]);
  });
});

describe("createPinyinLookup", () => {
  it("reads a corpus term written in pinyin, run together", () => {
    const lookup = createPinyinLookup(["智慧农业", "城管", "公安局", "农业", "市民卡"]);
    expect(lookup("zhihuinongye")).toBe("智慧农业");
    expect(lookup("chengguan")).toBe("城管");
    expect(lookup("gonganju")).toBe("公安局");
    expect(lookup("shiminka")).toBe("市民卡");
  });

  it("reads nothing for English words and for pinyin two terms share", () => {
    const lookup = createPinyinLookup(["实行", "施行", "农业"]);
    expect(lookup("shixing")).toBeUndefined();
    expect(lookup("hello")).toBeUndefined();
  });
});
