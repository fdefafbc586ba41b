import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildTables } from "../../../src/learn/build-tables.js";
import {
  FEATURES,
  readLearnedTables,
  round4,
  TABLE_FILES,
  TABLES_VERSION,
  writeLearnedTables,
} from "../../../src/search/learned/tables.js";
import { ROOT } from "../../helpers/fixtures.js";
import { fixtureSetup } from "../../helpers/learn.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-learned-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup() {
  const { questions, fields } = await fixtureSetup();
  return { tables: buildTables(questions, fields) };
}

describe("writeLearnedTables / readLearnedTables", () => {
  it("reads back what was written", async () => {
    const { tables } = await setup();
    const dir = tempDir();
    writeLearnedTables(dir, tables);
    const back = readLearnedTables(dir);
    expect(back.laws).toEqual(tables.laws);
    expect(back.articles).toEqual(tables.articles);
    expect(back.background).toEqual(tables.background);
    expect(back.ranker).toEqual(tables.ranker);
    for (const [word, row] of tables.translation) {
      expect(back.translation.get(word)).toEqual(row.map(([t, p]) => [t, round4(p)]));
    }
  });

  it("writes the same bytes for the same tables, whatever the order of the maps", async () => {
    const { tables } = await setup();
    const a = tempDir();
    const b = tempDir();
    writeLearnedTables(a, tables);
    const reversed = { ...tables, translation: new Map([...tables.translation].reverse()) };
    writeLearnedTables(b, reversed);
    for (const file of Object.values(TABLE_FILES)) {
      expect(readFileSync(join(b, file), "utf8")).toBe(readFileSync(join(a, file), "utf8"));
    }
  });

  it("refuses a missing file or another format version, saying how to rebuild", async () => {
    const { tables } = await setup();
    const dir = tempDir();
    expect(() => readLearnedTables(dir)).toThrow(/run `npm run learn` to build it/);
    writeLearnedTables(dir, tables);
    const path = join(dir, TABLE_FILES.ranker);
    writeFileSync(path, readFileSync(path, "utf8").replace(`"version":${TABLES_VERSION}`, '"version":99'));
    expect(() => readLearnedTables(dir)).toThrow(
      new RegExp(`format version 99, this build reads ${TABLES_VERSION}: run \`npm run learn\` again`),
    );
  });

  it("refuses a table that parses but is damaged, naming where", async () => {
    const { tables } = await setup();
    // biome-ignore lint/suspicious/noExplicitAny: edits of parsed JSON, whatever its shape
    const cases: Array<[string, (json: Record<string, any>) => void, RegExp]> = [
      [TABLE_FILES.ranker, (j) => delete j.weights.words, /ranker\.json is damaged \(weights\.words/],
      [TABLE_FILES.ranker, (j) => (j.trust = 2), /damaged \(trust/],
      [TABLE_FILES.ranker, (j) => j.confidence.means.push(0), /one weight, mean and scale per feature/],
      [TABLE_FILES.groups, (j) => delete j.chapters, /groups\.json is damaged \(chapters: /],
      [
        TABLE_FILES.groups,
        (j) => {
          const [key] = Object.keys(j.laws.groups);
          j.laws.groups[key as string].words = { 工资: "3" };
        },
        /damaged \(laws\.groups\./,
      ],
      [
        TABLE_FILES.translation,
        (j) => (j.words.工资 = [["劳动报酬"]]),
        /translation\.json is damaged \(words\.工资/,
      ],
    ];
    for (const [file, edit, message] of cases) {
      const dir = tempDir();
      writeLearnedTables(dir, tables);
      const path = join(dir, file);
      const json = JSON.parse(readFileSync(path, "utf8"));
      edit(json);
      writeFileSync(path, JSON.stringify(json));
      expect(() => readLearnedTables(dir)).toThrow(message);
      expect(() => readLearnedTables(dir)).toThrow(/run `npm run learn` to rebuild it/);
    }
  });

  it("reads the checked-in tables under learned/", () => {
    const tables = readLearnedTables(join(ROOT, "learned"));
    expect(Object.keys(tables.ranker.weights)).toEqual([...FEATURES]);
    expect(tables.laws.groups.size).toBeGreaterThan(50);
    expect(tables.translation.size).toBeGreaterThan(1000);
  });
});

describe("round4", () => {
  it("keeps four significant digits", () => {
    expect(round4(0.123456)).toBe(0.1235);
    expect(round4(12345.6)).toBe(12350);
    expect(round4(0)).toBe(0);
  });
});
