import fc from "fast-check";
import * as OpenCC from "opencc-js/t2cn";
import { describe, expect, it } from "vitest";
import { mayConvert, normalize, toHalfWidth, toSimplified } from "../../src/text/normalize.js";
import { read, SEED_FILE } from "../helpers/fixtures.js";

function setup() {
  // Question-like text: Chinese of the seed, traditional forms, full-width and ASCII, odd spaces.
  const alphabet = [
    ..."食品安全監管歸誰管市场监督管理部门谁负责ＡＰＰ１２３４５appAPP？?，。",
    "\u3000",
    " ",
    "\t",
    "\n",
    "\u200b",
    "\u0000",
  ];
  return {
    seed: read(SEED_FILE),
    questionText: fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 }),
  };
}

describe("normalize", () => {
  it("turns full-width letters and digits into lower-case half-width", () => {
    expect(normalize("城市ＡＰＰ")).toBe("城市app");
    expect(normalize("拨打１２３４５")).toBe("拨打12345");
    expect(normalize("Ｈｅｌｌｏ　Ｗｏｒｌｄ")).toBe("hello world");
  });

  it("turns traditional characters into simplified ones", () => {
    expect(normalize("食品安全監管歸誰管")).toBe("食品安全监管归谁管");
    expect(normalize("條例什麼時候施行")).toBe("条例什么时候施行");
  });

  it("lower-cases", () => {
    expect(normalize("Who handles FOOD safety?")).toBe("who handles food safety?");
  });

  it("collapses any run of white space, the ideographic space included, and trims", () => {
    expect(normalize("  who\u3000\u3000handles   food \t\n")).toBe("who handles food");
    expect(normalize("  12345\u3000热线   app \t\n")).toBe("12345 热线 app");
  });

  it("removes spaces between Chinese characters, which Chinese writing does not have", () => {
    expect(normalize("  谁负责\u3000\u3000食品   安全 \t\n")).toBe("谁负责食品安全");
    expect(normalize("谁 负 责 食 品 安 全")).toBe("谁负责食品安全");
  });

  it("drops control characters, zero-width characters, bidi marks and the byte-order mark", () => {
    expect(normalize("\u0000谁\u0007负\u200b责\u200d食品\u202e安全\ufeff")).toBe("谁负责食品安全");
  });

  it("drops emoji, their skin tones and keycap marks: they say how a message feels, not what it asks", () => {
    expect(normalize("hi there 👋🏻")).toBe("hi there");
    expect(normalize("你好呀😊谁负责食品安全")).toBe("你好呀谁负责食品安全");
    expect(normalize("1️⃣")).toBe("1");
  });

  it("leaves already normal text alone", () => {
    expect(normalize("谁负责食品安全监控")).toBe("谁负责食品安全监控");
  });

  it("leaves the simplified text of the seed unchanged apart from punctuation width", () => {
    const { seed } = setup();
    const body = seed.slice(seed.indexOf("第三十条"), seed.indexOf("第三十一条"));
    const article = body.replace(/^第三十条\*\*\s*/, "").trim();
    expect(normalize(article)).toBe(toHalfWidth(article).replace(/\s+/g, " "));
  });

  it("is idempotent (property)", () => {
    const { questionText } = setup();
    fc.assert(fc.property(questionText, (s) => normalize(normalize(s)) === normalize(s)));
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }),
        (s) => normalize(normalize(s)) === normalize(s),
      ),
    );
  });

  it("never leaves upper case, full-width ASCII, doubled or outer spaces, or controls (property)", () => {
    const { questionText } = setup();
    fc.assert(
      fc.property(fc.oneof(questionText, fc.string({ unit: "grapheme", maxLength: 40 })), (s) => {
        const n = normalize(s);
        return !/[A-Z\uff01-\uff5e\u3000\u200b]|\p{Cc}/u.test(n) && !/\s\s/.test(n) && n === n.trim();
      }),
    );
  });
});

describe("toHalfWidth", () => {
  it("maps the full-width ASCII block and the ideographic space, nothing else", () => {
    expect(toHalfWidth("ＡＰＰ！～１２３")).toBe("APP!~123");
    expect(toHalfWidth("a\u3000b")).toBe("a b");
    expect(toHalfWidth("（一）市、县")).toBe("(一)市、县");
    expect(toHalfWidth("监管。")).toBe("监管。");
  });

  it("keeps the length of the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite" }), (s) => toHalfWidth(s).length === s.length),
    );
  });
});

describe("normalize's one-pass form of plain text", () => {
  // Every step, as normalize did them for every text before the one-pass form.
  const convert = OpenCC.Converter({ from: "t", to: "cn" });
  const reference = (text: string) =>
    convert(
      toHalfWidth(
        text
          .replace(/(?![\t\n\r])[\p{Cc}\p{Cf}]/gu, "")
          .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u20E3/gu, " ")
          .normalize("NFC"),
      ),
    )
      .toLowerCase()
      .replace(/\s+/g, " ")
      .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1")
      .trim();

  it("agrees with every step on each character of the BMP, alone and between others", () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      for (const s of [ch, `A${ch}Ｂ`, `食${ch}品`, `${ch}${ch}`])
        if (normalize(s) !== reference(s)) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });

  it("agrees with every step on questions and laws (property)", () => {
    const { seed } = setup();
    expect(normalize(seed)).toBe(reference(seed));
    const chars = [
      ..."谁负责食品安全監管ＡＰＰａｐｐAPPapp１２３？?，。、《》“”—…　 \t\n\u200b\u0301e\uf900豈一目瞭然乾隆么",
    ];
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...chars), maxLength: 30 }),
        (s) => normalize(s) === reference(s),
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (s) => normalize(s) === reference(s)),
    );
  });

  it("has no dictionary key starting with ASCII, which it lower-cases before looking for keys", () => {
    for (let c = 0x21; c <= 0x7e; c++) expect(mayConvert(String.fromCharCode(c).repeat(2))).toBe(false);
  });
});

describe("toSimplified", () => {
  // The converter alone, as normalize called it for every text before the scan for key starts.
  const convert = OpenCC.Converter({ from: "t", to: "cn" });

  it("agrees with the converter on every character of the BMP and on the CJK extensions", () => {
    const wrong: string[] = [];
    const check = (cp: number) => {
      const ch = String.fromCodePoint(cp);
      if (toSimplified(ch) !== convert(ch)) wrong.push(ch);
    };
    for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) check(cp);
    for (let cp = 0x20000; cp <= 0x2fa1f; cp++) check(cp);
    expect(wrong).toEqual([]);
  });

  it("agrees with the converter on phrases, the seed and random text (property)", () => {
    expect(toSimplified("一目瞭然")).toBe(convert("一目瞭然"));
    expect(toSimplified("不瞭解")).toBe(convert("不瞭解"));
    const { seed } = setup();
    expect(toSimplified(seed)).toBe(convert(seed));
    const chars = [
      ..."一目瞭然不解乾隆么有哪些什麼條例監管歸誰食品安全七逕上鍊智慧医疗豈更車賈𠵾㗲ab12 ，。",
    ];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...chars), maxLength: 30 }), (s) => {
        return toSimplified(s) === convert(s);
      }),
    );
  });

  it("leaves simplified questions to the scan, without the converter", () => {
    // What makes it fast: most questions hold no place where a key of the dictionaries starts.
    for (const q of ["谁负责食品安全监管?", "智慧医疗", "第四十五条", "who handles food safety?"])
      expect(mayConvert(q)).toBe(false);
    for (const q of ["食品安全監管", "一目瞭然"]) expect(mayConvert(q)).toBe(true);
  });
});
