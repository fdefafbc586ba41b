import { describe, expect, it } from "vitest";
import { createDocumentTable } from "../../src/search/documents.js";
import { LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

function setup() {
  const datong = seedLaw();
  const jinan = parseFile(LAWREFBOOK.jinan);
  const asked: Array<[number, number]> = [];
  const table = createDocumentTable([datong, jinan], [45, 44], (i, k) => {
    asked.push([i, k]);
    return [];
  });
  return { datong, jinan, table, asked };
}

describe("createDocumentTable", () => {
  it("numbers the articles of the laws in order, each law's consecutive", () => {
    const { table, datong, jinan } = setup();
    expect(table.size).toBe(89);
    expect(table.counts).toEqual([45, 44]);
    expect(table.rangeOf(datong.id)).toEqual({ from: 0, to: 45 });
    expect(table.rangeOf(jinan.id)).toEqual({ from: 45, to: 89 });
    expect(table.rangeOf("no-such-law")).toBeUndefined();
    expect(table.lawIndexAt(44)).toBe(0);
    expect(table.lawIndexAt(45)).toBe(1);
  });

  it("makes an entry once, when first asked for, with its departments", () => {
    const { table, jinan, asked } = setup();
    expect(asked).toEqual([]);
    const e = table.entryAt(46);
    expect(e.law).toBe(jinan);
    expect(e.article.label).toBe("第二条");
    expect(e.id).toBe(46);
    expect(table.entryAt(46)).toBe(e);
    expect(asked).toEqual([[1, 1]]);
  });

  it("finds an article by number (and 之N), or nothing", () => {
    const { table, datong } = setup();
    expect(table.entryOf(datong, 30)?.id).toBe(29);
    expect(table.entryOf(datong, 46)).toBeUndefined();
    expect(table.entryOf(datong, 30, 1)).toBeUndefined();
    expect(table.entryOf(parseFile(LAWREFBOOK.jining), 1)).toBeUndefined();
  });

  it("stands in an empty article for one the law no longer has", () => {
    const datong = seedLaw();
    const table = createDocumentTable([datong], [46], () => []);
    expect(table.entryAt(45).article.text).toBe("");
    expect(table.entryOf(datong, 45)?.id).toBe(44);
  });
});
