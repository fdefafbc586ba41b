import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import { buildTables } from "../../../src/learn/build-tables.js";
import { learn } from "../../../src/learn/fit.js";
import { createDocumentTable } from "../../../src/search/documents.js";
import type { PlacedSegment } from "../../../src/search/engine.js";
import {
  learnedSegmentRankers,
  readSegmentTables,
  segmentDocs,
} from "../../../src/search/learned/segment-ranker.js";
import { TABLE_FILES, writeLearnedTables } from "../../../src/search/learned/tables.js";
import { fixtureSetup, LEARN_FIXTURE } from "../../helpers/learn.js";

// The fixture's three national texts as home laws, ranked by tables learned from the fixture's
// questions (written to a folder of their own, as `npm run learn` writes learned/).
let tablesDir: string;
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-segment-"));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  const { questions, fields } = await fixtureSetup();
  tablesDir = tempDir();
  writeLearnedTables(tablesDir, learn(questions, fields).tables);
});
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A bot over the fixture's national laws with the tables of `learned`, and the warnings it gave. */
async function nationalBot(learned: string | false): Promise<{ bot: Bot; warnings: string[] }> {
  const warnings: string[] = [];
  const bot = await createBot({
    corpusDirs: [LEARN_FIXTURE.corpus],
    learned,
    onWarning: (m) => warnings.push(m),
  });
  return { bot, warnings };
}

/** A copy of the fixture's tables with ranker.json changed by `edit`. */
function damagedTables(edit: (ranker: Record<string, unknown>) => void): string {
  const dir = tempDir();
  for (const file of Object.values(TABLE_FILES)) {
    writeFileSync(join(dir, file), readFileSync(join(tablesDir, file)));
  }
  const path = join(dir, TABLE_FILES.ranker);
  const ranker = JSON.parse(readFileSync(path, "utf8"));
  edit(ranker);
  writeFileSync(path, JSON.stringify(ranker));
  return dir;
}

describe("learnedSegmentRankers", () => {
  it("ranks national laws by the learned tables, with a calibrated confidence", async () => {
    const { bot, warnings } = await nationalBot(tablesDir);
    const hits = bot.search("老板拖欠工资三个月了怎么办", { limit: 3 });
    expect(warnings).toEqual([]);
    expect(hits.length).toBeGreaterThan(0);
    const confidence = hits[0]?.confidence;
    expect(confidence?.p).toBeGreaterThan(0);
    expect(confidence?.p).toBeLessThan(1);
    expect(confidence?.answerAt).toBeGreaterThanOrEqual(confidence?.closestAt ?? 1);
  });

  it("leaves the ranking to the engine's stages when turned off", async () => {
    const { bot, warnings } = await nationalBot(false);
    const hits = bot.search("老板拖欠工资三个月了怎么办", { limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.confidence === undefined)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it("never reads the tables for a city's ordinances", async () => {
    const warnings: string[] = [];
    const bot = await createBot({ learned: join(tempDir(), "absent"), onWarning: (m) => warnings.push(m) });
    expect(bot.search("谁负责食品安全", { limit: 1 })[0]?.confidence).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("warns once and ranks lexically when the tables are missing", async () => {
    const { bot, warnings } = await nationalBot(join(tempDir(), "absent"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/npm run learn.*ranked lexically/);
    const hits = bot.search("劳动合同应当具备哪些条款", { limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]?.confidence).toBeUndefined();
    expect(bot.ask("劳动合同应当具备哪些条款").citations.length).toBeGreaterThan(0);
  });

  it("warns, naming the damaged field, when a table has lost a weight", async () => {
    const dir = damagedTables((r) => {
      delete (r.weights as Record<string, unknown>).translation;
    });
    const { bot, warnings } = await nationalBot(dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ranker\.json is damaged \(weights\.translation/);
    expect(bot.search("老板拖欠工资", { limit: 1 })[0]?.confidence).toBeUndefined();
  });

  it("passes on errors that are not about the tables", () => {
    const rankers = learnedSegmentRankers(tablesDir, () => {});
    const broken = { placed: { from: 0, to: 1 }, documents: { lawIndexAt: () => 0, counts: [1], laws: [] } };
    expect(() => rankers(broken as never)).toThrow(TypeError);
  });
});

describe("readSegmentTables", () => {
  it("refuses a confidence model of other features", () => {
    const dir = damagedTables((r) => {
      const c = r.confidence as { features: string[] };
      c.features = [...c.features].reverse();
    });
    expect(() => readSegmentTables(dir)).toThrow(/reads other features than this build computes/);
    expect(readSegmentTables(tablesDir).ranker.confidence.features.length).toBeGreaterThan(0);
  });
});

describe("segmentDocs", () => {
  it("reads the cited laws in full and gives the others one stand-in, with real chapters on demand", async () => {
    const { questions, fields, corpus } = await fixtureSetup();
    // Tables in which only the labour contract law is cited.
    const labourLaw = "中华人民共和国劳动合同法";
    const cited = questions.filter((q) => [...q.relevant].every((k) => k.startsWith(`${labourLaw}#`)));
    const tables = buildTables(cited, fields);
    const documents = createDocumentTable(
      corpus.laws,
      corpus.laws.map((l) => l.articles.length),
      () => [],
    );
    const placed = { from: 0, to: documents.size } as PlacedSegment; // segmentDocs reads no postings
    const { docs, chapterOf } = segmentDocs(documents, placed, tables);
    expect(docs).toHaveLength(documents.size);
    expect(docs.filter((d) => d.law === labourLaw).every((d) => d.key !== "")).toBe(true);
    const others = docs.map((d, i) => ({ d, i })).filter(({ d }) => d.law !== labourLaw);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every(({ d }) => d.key === "" && d.chapter === d.law)).toBe(true);
    // A stand-in's real chapter is read from its law when asked for.
    expect(new Set(others.map(({ i }) => chapterOf(i))).size).toBeGreaterThan(2);
  });
});
