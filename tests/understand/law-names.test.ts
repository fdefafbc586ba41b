import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOrdinance } from "../../src/law/parse.js";
import type { Law } from "../../src/law/types.js";
import { normalize } from "../../src/text/normalize.js";
import { detectLawMention, detectUnloadedLaw, namesOf, shortForms } from "../../src/understand/law-names.js";
import { CORPUS_DIR, LAWREFBOOK, LAWTEXT_JINAN, parseFile, seedLaw } from "../helpers/fixtures.js";

function setup() {
  const datong = seedLaw();
  const jinan = parseFile(LAWREFBOOK.jinan);
  const jining = parseFile(LAWREFBOOK.jining);
  const laws = [datong, jinan, jining];
  const detect = (question: string) => detectLawMention(normalize(question), laws);
  return { datong, jinan, jining, laws, detect };
}

describe("namesOf", () => {
  it("gives the full title, shortened titles (longest first) and the place", () => {
    const { datong } = setup();
    const names = namesOf(datong);
    expect(names.law).toBe(datong);
    expect(names.titles[0]).toBe("大同市智慧城市促进条例");
    expect(names.titles).toEqual(expect.arrayContaining(["大同智慧城市促进条例", "大同智慧城市条例"]));
    expect(names.titles.map((t) => t.length)).toEqual(
      [...names.titles.map((t) => t.length)].sort((a, b) => b - a),
    );
    expect(names.places).toEqual(["大同市", "大同"]);
  });

  it("shortens 市民服务热线 to 热线, as residents say it", () => {
    const { jinan } = setup();
    expect(namesOf(jinan).titles).toEqual(
      expect.arrayContaining([
        "济南市12345市民服务热线条例",
        "济南12345市民服务热线条例",
        "济南12345热线条例",
      ]),
    );
  });
});

describe("detectLawMention", () => {
  it("finds a law by its full title and takes the title out of the question", () => {
    const { detect, datong } = setup();
    expect(detect("大同市智慧城市促进条例什么时候施行")).toEqual({
      law: datong,
      matched: "大同市智慧城市促进条例",
      rest: "什么时候施行",
      by: "title",
    });
  });

  it("finds a law by a short title", () => {
    const { detect, datong, jinan } = setup();
    expect(detect("大同智慧城市条例有几章")).toMatchObject({ law: datong, rest: "有几章", by: "title" });
    expect(detect("济南12345热线条例由谁批准")).toMatchObject({
      law: jinan,
      matched: "济南12345热线条例",
      rest: "由谁批准",
      by: "title",
    });
  });

  it("finds a law by its place: 大同的条例", () => {
    const { detect, datong, jining } = setup();
    expect(detect("大同的条例什么时候施行")).toEqual({
      law: datong,
      matched: "大同的条例",
      rest: "什么时候施行",
      by: "place",
    });
    expect(detect("济宁的条例")).toMatchObject({ law: jining, rest: "", by: "place" });
  });

  it("removes the place name from the rest, so it cannot count as a topic word", () => {
    const { detect, datong } = setup();
    const mention = detect("北京到大同的高铁票多少钱");
    expect(mention?.law).toBe(datong);
    expect(mention?.by).toBe("place");
    expect(mention?.rest).not.toContain("大同");
    expect(mention?.rest).toBe("北京到 高铁票多少钱");
  });

  it("prefers the longest title", () => {
    const { detect, jinan } = setup();
    expect(detect("济南市12345市民服务热线条例第四条")).toMatchObject({
      law: jinan,
      matched: "济南市12345市民服务热线条例",
      rest: "第四条",
    });
  });

  it("finds nothing when no law is named, or a name fits two laws", () => {
    const { detect } = setup();
    expect(detect("谁负责食品安全监控")).toBeUndefined();
    // 大同 and 济宁 both have a 智慧城市促进条例.
    expect(detect("智慧城市促进条例什么时候施行")).toBeUndefined();
  });

  it("settles a place that two laws share with the preferred laws", () => {
    const original = parseFile(LAWREFBOOK.jinan);
    const converted = parseFile(LAWTEXT_JINAN);
    const laws = [original, converted];
    expect(detectLawMention("济南的条例", laws)).toBeUndefined();
    expect(detectLawMention("济南的条例", laws, [converted])?.law).toBe(converted);
  });

  it("works on traditional and full-width questions once they are normalised", () => {
    const { detect, datong } = setup();
    expect(detect("大同市智慧城市促進條例什麼時候施行")?.law).toBe(datong);
  });
});

describe("detectLawMention among many laws", () => {
  const laws = [seedLaw(), ...readdirSync(CORPUS_DIR).map((f) => parseFile(join(CORPUS_DIR, f)))];
  const find = (q: string) => detectLawMention(normalize(q), laws, laws.slice(0, 1));

  it.each([
    ["上海市数据条例第十条", "上海市数据条例"],
    ["上海数据条例第十条", "上海市数据条例"],
    ["济南12345热线条例里谁负责", "济南市12345市民服务热线条例"],
    ["济南热线条例第八条", "济南市12345市民服务热线条例"],
    ["深圳的数据条例", "深圳经济特区数据条例"],
    ["杭州智慧经济条例", "杭州市智慧经济促进条例"],
    ["大同的条例", "大同市智慧城市促进条例"],
    ["政务数据共享条例第三条", "政务数据共享条例"],
  ])("%s → %s", (q, title) => {
    expect(find(q)?.law.title).toBe(title);
  });

  it("takes the name out of the question", () => {
    expect(find("上海市数据条例第十条")?.rest).toBe("第十条");
  });

  it("reads a place and 这个条例 far apart as the place only, not as a short name", () => {
    const m = find("我们是外地公司，在大同做智慧城市项目也得按这个条例来吗");
    expect(m).toMatchObject({ by: "place" });
    expect(m?.rest).toContain("也得按这个条例来吗");
  });

  it("does not read a title that starts with 关于 as a place, nor find a law in plain questions", () => {
    expect(find("条例里关于智慧医疗的内容")).toBeUndefined();
    expect(find("第五章是关于什么的")).toBeUndefined();
    expect(find("谁负责食品安全监管")).toBeUndefined();
  });
});

/** A minimal law with front matter: what the national corpus files look like. */
function lawOf(title: string, author = "全国人民代表大会常务委员会"): Law {
  return parseOrdinance(`---\ntitle: ${title}\nauthor: ${author}\n---\n\n第一条 为了测试，制定本规定。\n`, {
    file: `${title}.md`,
  });
}

describe("shortForms", () => {
  it("drops 中华人民共和国 and the edition note", () => {
    expect(shortForms("中华人民共和国劳动合同法")).toEqual(["劳动合同法"]);
    expect(shortForms(normalize("中华人民共和国宪法（2018年修正文本）"))).toEqual(
      expect.arrayContaining(["中华人民共和国宪法", "宪法"]),
    );
    expect(shortForms(normalize("人民检察院检察建议工作规定（试行）"))).toEqual([
      "人民检察院检察建议工作规定",
    ]);
  });

  it("names an interpretation by its law, part and number", () => {
    const names = shortForms(normalize("最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）"));
    expect(names).toEqual(
      expect.arrayContaining([
        "婚姻家庭编解释",
        "婚姻家庭编解释(一)",
        "婚姻家庭编解释一",
        "民法典婚姻家庭编解释",
        "婚姻家庭编司法解释",
      ]),
    );
    expect(shortForms(normalize("最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"))).toEqual(
      expect.arrayContaining(["劳动争议司法解释", "劳动争议解释(一)", "劳动争议司法解释一"]),
    );
    // A 规定 with no part is not called "公司法规定": that is how one says "the Company Law provides".
    const rules = shortForms(normalize("最高人民法院关于适用《中华人民共和国公司法》若干问题的规定（三）"));
    expect(rules).toEqual(expect.arrayContaining(["公司法司法解释(三)", "公司法司法解释三"]));
    expect(rules).not.toContain("公司法规定");
  });

  it("gives nothing but the title for a title with no short form", () => {
    expect(shortForms("行政区划管理条例")).toEqual([]);
  });
});

describe("detectLawMention by whole names and short forms", () => {
  const civil = lawOf("中华人民共和国民法典");
  const contract = lawOf("中华人民共和国劳动合同法");
  const labour = lawOf("中华人民共和国劳动法");
  const marriage1 = lawOf(
    "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）",
    "最高人民法院",
  );
  const marriage2 = lawOf(
    "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）",
    "最高人民法院",
  );
  const divisions = lawOf("行政区划管理条例", "国务院");
  const laws = [seedLaw(), civil, contract, labour, marriage1, marriage2, divisions];
  const find = (q: string) => detectLawMention(normalize(q), laws, laws.slice(0, 1));

  it.each([
    ["民法典第一千零七十九条", "中华人民共和国民法典", "第一千零七十九条"],
    ["劳动合同法规定的试用期多长", "中华人民共和国劳动合同法", "规定的试用期多长"],
    ["劳动法第四十四条", "中华人民共和国劳动法", "第四十四条"],
    [
      "婚姻家庭编解释怎么说彩礼",
      "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）",
      "怎么说彩礼",
    ],
    [
      "婚姻家庭编解释（二）第八条",
      "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）",
      "第八条",
    ],
    ["行政区划管理条例第三条", "行政区划管理条例", "第三条"],
  ])("%s → %s", (q, title, rest) => {
    expect(find(q)).toMatchObject({ law: { title }, rest, by: "title" });
  });

  it("never by a piece of a title: 行政… is not 《行政区划管理条例》", () => {
    expect(find("行政机关不作为怎么办")).toBeUndefined();
    expect(find("行政处罚的程序")).toBeUndefined();
    expect(namesOf(divisions).places).toEqual([]);
  });

  it("not where the name runs on into a longer word", () => {
    expect(find("劳动法律关系怎么认定")).toBeUndefined();
    expect(find("劳动法规有哪些")).toBeUndefined();
    expect(find("劳动法规定的工时")?.law).toBe(labour);
  });
});

describe("detectUnloadedLaw", () => {
  const laws = [seedLaw(), lawOf("中华人民共和国民法典")];
  const unloaded = (q: string) => detectUnloadedLaw(normalize(q), laws);

  it("names a law the question cites that is not loaded", () => {
    expect(unloaded("劳动合同法第三十九条怎么理解")).toBe("劳动合同法");
    expect(unloaded("请问刑法第二十条")).toBe("刑法");
    expect(unloaded("《道路交通安全法》对酒驾怎么处罚")).toBe("道路交通安全法");
    expect(unloaded("中华人民共和国劳动法对加班怎么规定")).toBe("劳动法");
  });

  it("says nothing for a loaded law, the law of the conversation, or a plain question", () => {
    expect(unloaded("民法典第一千零七十九条")).toBeUndefined();
    expect(unloaded("《中华人民共和国民法典》第十条")).toBeUndefined();
    expect(unloaded("大同智慧城市条例第三十条")).toBeUndefined();
    expect(unloaded("这个条例第三十条讲什么")).toBeUndefined();
    expect(unloaded("本条例第三十条")).toBeUndefined();
    expect(unloaded("谁负责食品安全监控")).toBeUndefined();
    expect(unloaded("有什么办法第一时间知道")).toBeUndefined();
  });
});
