import { describe, expect, it } from "vitest";
import { buildTables, defaultRankerParams, docsByKey, lexicalStart } from "../../src/learn/build-tables.js";
import { FEATURES } from "../../src/search/learned/tables.js";
import { fixtureSetup } from "../helpers/learn.js";

async function setup() {
  const { questions, fields } = await fixtureSetup();
  return { questions, fields, tables: buildTables(questions, fields) };
}

describe("buildTables", () => {
  it("counts the questions citing each law, chapter, section and article", async () => {
    const { tables } = await setup();
    expect(tables.laws.questions).toBe(24);
    expect(tables.laws.groups.get("物业管理条例")?.questions).toBe(5);
    expect(tables.laws.groups.get("中华人民共和国劳动合同法")?.questions).toBe(15);
    expect(tables.articles.groups.get("物业管理条例#41")?.questions).toBe(2);
    // 第四十一条 is in 第四章 物业管理服务, which starts at 第三十二条.
    expect(tables.chapters.groups.get("物业管理条例#32")?.questions).toBe(2);
    expect(tables.background.words.get("老板")).toBeGreaterThan(5);
  });

  it("learns translations for words asked in at least two questions only", async () => {
    const { tables, questions } = await setup();
    expect(tables.translation.get("老板")?.length).toBeGreaterThan(0);
    const once = [...tables.background.words].find(([, n]) => n === 1)?.[0] as string;
    expect(tables.translation.has(once)).toBe(false);
    expect(questions.length).toBe(24);
  });
});

describe("docsByKey", () => {
  it("lists the documents of each law#number key", async () => {
    const { fields } = await setup();
    const docs = docsByKey(fields);
    expect(docs.get("物业管理条例#41")).toHaveLength(1);
    expect(docs.get("物业管理条例#999")).toBeUndefined();
  });
});

describe("defaultRankerParams / lexicalStart", () => {
  it("start from the lexical fields only", () => {
    const start = lexicalStart();
    expect(Object.keys(start)).toEqual([...FEATURES]);
    expect(start.words).toBe(1);
    expect(start.translation).toBe(0);
    expect(defaultRankerParams().trust).toBe(1);
  });
});
