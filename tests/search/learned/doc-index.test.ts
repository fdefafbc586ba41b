import { describe, expect, it } from "vitest";
import { buildTables } from "../../../src/learn/build-tables.js";
import { Interner, indexDocs, TYPE_CODE } from "../../../src/search/learned/doc-index.js";
import { fixtureSetup } from "../../helpers/learn.js";

async function setup() {
  const { questions, fields } = await fixtureSetup();
  const tables = buildTables(questions, fields);
  return { fields, tables, index: indexDocs(fields.docs, tables) };
}

describe("Interner", () => {
  it("gives each new key the next id and a known key its id", () => {
    const i = new Interner();
    expect([i.id("甲"), i.id("乙"), i.id("甲")]).toEqual([0, 1, 0]);
    expect(i.ids.size).toBe(2);
  });
});

describe("indexDocs", () => {
  it("numbers laws, chapters and sections and keeps each section's chapter, law and type", async () => {
    const { fields, index } = await setup();
    expect(index.size).toBe(fields.docs.length);
    expect(index.laws.ids.size).toBe(3);
    const d = fields.docs.findIndex((x) => x.key === "物业管理条例#41");
    const sec = index.docSection[d] as number;
    expect(index.sectionChapter[sec]).toBe(index.docChapter[d]);
    expect(index.sectionLaw[sec]).toBe(index.laws.ids.get("物业管理条例"));
    expect(index.sectionType[sec]).toBe(TYPE_CODE.administrativeRegulation);
    const j = fields.docs.findIndex((x) => x.lawType === "司法解释");
    expect(index.docType[j]).toBe(TYPE_CODE.judicialInterpretation);
  });

  it("keeps how often each article was cited, and the asked rows of cited articles", async () => {
    const { fields, tables, index } = await setup();
    const d = fields.docs.findIndex((x) => x.key === "物业管理条例#41");
    expect(index.popularity[d]).toBeCloseTo(Math.log(3), 6);
    const uncited = fields.docs.findIndex((x) => x.key === "物业管理条例#1");
    expect(index.popularity[uncited]).toBe(0);
    const row = [...tables.articles.groups.keys()].indexOf("物业管理条例#41");
    expect(index.docsOfAskedRow[row]).toEqual([d]);
    expect(index.asked.size).toBe(tables.articles.groups.size);
    const chapter = index.chapters.ids.get("物业管理条例#32") as number;
    expect(index.chapterRowOf[chapter]).toBeGreaterThanOrEqual(0);
  });
});
