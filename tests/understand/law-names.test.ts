import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalize } from "../../src/text/normalize.js";
import { detectLawMention, namesOf } from "../../src/understand/law-names.js";
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

  it("does not read a title that starts with 关于 as a place, nor find a law in plain questions", () => {
    expect(find("条例里关于智慧医疗的内容")).toBeUndefined();
    expect(find("第五章是关于什么的")).toBeUndefined();
    expect(find("谁负责食品安全监管")).toBeUndefined();
  });
});
