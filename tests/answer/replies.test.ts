import { describe, expect, it } from "vitest";
import { fill, joinExamples, lawName, lawsName, reply } from "../../src/answer/replies.js";

describe("fill", () => {
  it("replaces known placeholders and leaves unknown ones visible", () => {
    expect(fill("请拨打{hotline}，共{count}条", { hotline: "12345", count: 45 })).toBe("请拨打12345，共45条");
    expect(fill("{a}和{missing}", { a: "甲" })).toBe("甲和{missing}");
    expect(fill("{a}{a}", { a: 0 })).toBe("00");
  });
});

describe("joinExamples", () => {
  it("quotes Chinese examples, so a question mark is never followed by 、", () => {
    expect(joinExamples(["谁负责食品安全监管？", "第三十条讲什么"], "zh")).toBe(
      "“谁负责食品安全监管？”“第三十条讲什么”",
    );
    expect(joinExamples(["Who?", "Article 30"], "en")).toBe('"Who?" / "Article 30"');
  });
});

describe("reply", () => {
  const ctx = (lang: "zh" | "en") => ({
    lang,
    replies: {
      hi: "您好，请拨打{hotline}：{examples}",
      hi_en: "Hi, call {hotline}: {examples}",
      only: "仅中文{x}",
    },
    hotline: "12345",
    examples: ["问题一？", "问题二"],
  });

  it("fills the template of the answer's language with the hotline and examples", () => {
    expect(reply("hi", ctx("zh"))).toBe("您好，请拨打12345：“问题一？”“问题二”");
    expect(reply("hi", ctx("en"))).toBe('Hi, call 12345: "问题一？" / "问题二"');
  });

  it("falls back on the Chinese template, and on nothing for an unknown key", () => {
    expect(reply("only", ctx("en"), { x: 1 })).toBe("仅中文1");
    expect(reply("missing", ctx("zh"))).toBe("");
  });
});

describe("lawName and lawsName", () => {
  it("names one law with its title marks in Chinese and bare in English", () => {
    expect(lawName("大同市智慧城市促进条例", "zh")).toBe("《大同市智慧城市促进条例》");
    expect(lawName("大同市智慧城市促进条例", "en")).toBe("大同市智慧城市促进条例");
  });

  it("names a few laws and counts many, so a refusal stays short", () => {
    expect(lawsName(["甲条例", "乙条例"], "zh")).toBe("《甲条例》、《乙条例》");
    const many = Array.from({ length: 1648 }, (_, i) => `第${i}部法`);
    expect(lawsName(many, "zh")).toBe("已收录的1648部法律法规");
    expect(lawsName(many, "en")).toBe("the 1648 laws and regulations loaded");
  });
});
