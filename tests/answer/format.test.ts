import { describe, expect, it } from "vitest";
import {
  articleRange,
  chapterName,
  chineseDate,
  citationLine,
  gistOf,
  historySentence,
} from "../../src/answer/format.js";
import { CITE_30 } from "../helpers/answer.js";
import { articleOf, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

const law = seedLaw();

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

describe("articleRange", () => {
  it("writes the first and last article of a list", () => {
    expect(articleRange([33, 34, 35, 36, 37, 38, 39, 40, 41, 42])).toBe("第三十三条至第四十二条");
    expect(articleRange([45])).toBe("第四十五条");
    expect(articleRange([])).toBe("");
  });
});
