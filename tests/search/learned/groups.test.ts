import { describe, expect, it } from "vitest";
import { parseOrdinance } from "../../../src/law/parse.js";
import { articleGroups, articleKey, lawTypeOf, rankerDocs } from "../../../src/search/learned/groups.js";
import { FIXTURES_DIR, read } from "../../helpers/fixtures.js";

describe("articleKey", () => {
  it("joins the law title and the article number", () => {
    expect(articleKey("物业管理条例", 41)).toBe("物业管理条例#41");
  });
});

describe("articleGroups", () => {
  it("keys chapters and sections by their first article", () => {
    const law = parseOrdinance(read(`${FIXTURES_DIR}/national/法律/中华人民共和国劳动合同法.md`), {
      file: "法律/中华人民共和国劳动合同法.md",
    });
    const groups = articleGroups(law);
    expect(groups).toHaveLength(law.articles.length);
    const at = (n: number) => groups[law.articles.findIndex((a) => a.number === n)];
    // 第一章 总则 starts at 第一条; 第四章 劳动合同的解除和终止 at 第三十六条.
    expect(at(1)?.chapter).toBe("中华人民共和国劳动合同法#1");
    expect(at(38)?.chapter).toBe("中华人民共和国劳动合同法#36");
    // 第五章 特别规定 has sections: 第一节 集体合同 starts at 第五十一条.
    expect(at(52)?.section).toBe("中华人民共和国劳动合同法#51");
    // Without sections, the section is the chapter.
    expect(at(38)?.section).toBe(at(38)?.chapter);
  });

  it("keys every article of a law without chapters by the law's title", () => {
    const groups = articleGroups({
      title: "示例规定",
      articles: [1, 2].map((number) => ({
        number,
        sub: 0,
        label: "",
        chapter: null,
        section: null,
        paragraphs: [],
        text: "",
        line: number,
      })),
    });
    expect(groups).toEqual([
      { chapter: "示例规定", section: "示例规定" },
      { chapter: "示例规定", section: "示例规定" },
    ]);
  });
});

describe("lawTypeOf", () => {
  it("reads the type from the first folder of the file", () => {
    expect(lawTypeOf("司法解释/某解释.md")).toBe("司法解释");
    expect(lawTypeOf("行政法规\\物业管理条例.md")).toBe("行政法规");
    expect(lawTypeOf("大同市智慧城市促进条例.md")).toBe("其他");
  });
});

describe("rankerDocs", () => {
  it("lists every article with its law, type, key and groups, in order", () => {
    const law = parseOrdinance(read(`${FIXTURES_DIR}/national/行政法规/物业管理条例.md`), {
      file: "行政法规/物业管理条例.md",
    });
    const docs = rankerDocs([law]);
    expect(docs).toHaveLength(law.articles.length);
    expect(docs.find((d) => d.key === "物业管理条例#41")).toEqual({
      law: "物业管理条例",
      lawType: "行政法规",
      key: "物业管理条例#41",
      chapter: "物业管理条例#32",
      section: "物业管理条例#32",
    });
  });
});
