import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { TiaowenError } from "../../src/errors.js";
import {
  createTokenizer,
  type DictionaryWord,
  pieces,
  type Tokenizer,
  type TokenizerBackend,
} from "../../src/text/tokenizer.js";
import { articleOf, seedLaw } from "../helpers/fixtures.js";

const USER_WORDS: DictionaryWord[] = [
  { word: "市场监督管理部门" },
  { word: "一网通办" },
  { word: "一卡通", freq: 80_000, tag: "n" },
];

async function setup(backend: TokenizerBackend) {
  return createTokenizer({ backend, userWords: USER_WORDS });
}

/** The behaviour every backend must have (one suite, run per implementation). */
function tokenizerSuite(backend: TokenizerBackend) {
  describe(`createTokenizer({ backend: "${backend}" })`, () => {
    let tokenizer: Tokenizer;
    beforeAll(async () => {
      tokenizer = await setup(backend);
    });

    it("says which backend it runs on", () => {
      expect(tokenizer.backend).toBe(backend);
    });

    it("keeps user-dictionary words whole", () => {
      expect(tokenizer.cut("市、县（区）人民政府市场监督管理部门应当推进一网通办")).toEqual(
        expect.arrayContaining(["市场监督管理部门", "一网通办"]),
      );
      for (const { word } of USER_WORDS) expect(tokenizer.cut(`推广${word}应用`)).toContain(word);
      expect(tokenizer.cut("推广市民一卡通和城市app应用")).toEqual([
        "推广",
        "市民",
        "一卡通",
        "和",
        "城市",
        "app",
        "应用",
      ]);
    });

    it("keeps ASCII words and numbers whole, whatever their case", () => {
      expect(tokenizer.cut("拨打12345热线")).toEqual(["拨打", "12345", "热线"]);
      expect(tokenizer.cut("城市APP应用")).toContain("APP");
      expect(tokenizer.cut("城市app应用")).toContain("app");
      expect(tokenizer.cut("5g网络和ipv6")).toEqual(["5g", "网络", "和", "ipv6"]);
      expect(tokenizer.cut("app")).toEqual(["app"]);
    });

    it("yields the parts of long words in search mode, and the words themselves", () => {
      const words = tokenizer.cutForSearch("食品药品安全监管");
      expect(words).toEqual(expect.arrayContaining(["食品", "药品", "食品药品", "安全", "监管", "安全监管"]));
      expect(tokenizer.cutForSearch("市民一卡通")).toEqual(expect.arrayContaining(["卡通", "一卡通"]));
      expect(tokenizer.cutForSearch("拨打12345热线")).toContain("12345");
    });

    it("drops white space and returns nothing for empty text", () => {
      expect(tokenizer.cut("")).toEqual([]);
      expect(tokenizer.cut("   ")).toEqual([]);
      expect(tokenizer.cut("食品 安全")).toEqual(["食品", "安全"]);
    });

    it("cuts every character of the text into exactly one word (property)", () => {
      const unit = fc.constantFrom(..."市场监督管理部门一网通办食品安全的了谁负责app12345，。 -".split(""));
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
          return tokenizer.cut(text).join("") === text.replace(/\s+/g, "");
        }),
      );
    });

    it("cuts a real article into words that rebuild it", () => {
      const text = articleOf(seedLaw(), 30).text;
      expect(tokenizer.cut(text).join("")).toBe(text);
      expect(tokenizer.cut(text)).toContain("食品药品");
    });

    it("cuts 600,000 characters of pure Chinese (one huge article) without overflowing the stack", () => {
      const text = "区人民政府应当加强超长条文的管理".repeat(37_500);
      const words = tokenizer.cutForSearch(text);
      expect(words.length).toBeGreaterThan(200_000);
      expect(tokenizer.cut(text).join("")).toBe(text);
    });

    it("cuts a long text in pieces exactly as a whole where punctuation separates them", () => {
      const sentence = "市、县（区）人民政府市场监督管理部门应当推进一网通办，建设食品安全信息平台。";
      const long = sentence.repeat(400);
      expect(tokenizer.cut(long)).toEqual(Array.from({ length: 400 }, () => tokenizer.cut(sentence)).flat());
    });

    it("gives the same words when asked twice (memoised calls return fresh arrays)", () => {
      const first = tokenizer.cut("市民一卡通");
      first.push("changed");
      expect(tokenizer.cut("市民一卡通")).toEqual(["市民", "一卡通"]);
      const search = tokenizer.cutForSearch("市民一卡通");
      search.length = 0;
      expect(tokenizer.cutForSearch("市民一卡通")).toContain("一卡通");
    });
  });
}

for (const backend of ["node-rs", "nodejieba"] as const) tokenizerSuite(backend);

describe("pieces", () => {
  it("cuts after punctuation or space, never longer than the limit, losing nothing (property)", () => {
    const unit = fc.constantFrom(..."市场监督管理部门食品安全，。；、 ".split(""));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (text, max) => {
        const out = pieces(text, max);
        expect(out.join("")).toBe(text);
        for (const p of out) expect(p.length).toBeLessThanOrEqual(max);
        for (const p of out.slice(0, -1)) {
          const cutAfterPunctuation = /[。；！？，、：\n ]$/.test(p);
          expect(cutAfterPunctuation || p.length === max).toBe(true);
        }
      }),
    );
  });

  it("keeps a short text whole", () => {
    expect(pieces("食品安全", 10)).toEqual(["食品安全"]);
    expect(pieces("", 10)).toEqual([""]);
  });
});

describe("createTokenizer", () => {
  it("uses node-rs by default", async () => {
    expect((await createTokenizer()).backend).toBe("node-rs");
  });

  it("refuses an unknown backend with TOKENIZER_UNKNOWN and the names that work", async () => {
    const attempt = createTokenizer({ backend: "ik" as TokenizerBackend });
    await expect(attempt).rejects.toBeInstanceOf(TiaowenError);
    await expect(attempt).rejects.toMatchObject({
      code: "TOKENIZER_UNKNOWN",
      message: 'unknown tokenizer backend "ik": use "node-rs" or "nodejieba"',
    });
  });
});

describe("regressions: nodejieba user dictionary", () => {
  it("nodejieba keeps user words that jieba already knows whole", async () => {
    const t = await createTokenizer({
      backend: "nodejieba",
      userWords: [{ word: "人民政府" }, { word: "大数据" }, { word: "安全生产" }],
    });
    expect(t.cut("人民政府")).toEqual(["人民政府"]);
    expect(t.cut("安全生产")).toEqual(["安全生产"]);
  });
  it("a second nodejieba tokenizer does not wipe the first one's user words", async () => {
    const t = await createTokenizer({ backend: "nodejieba", userWords: [{ word: "一网通办" }] });
    await createTokenizer({ backend: "nodejieba" });
    expect(t.cut("推进一网通办")).toEqual(["推进", "一网通办"]);
  });
});
