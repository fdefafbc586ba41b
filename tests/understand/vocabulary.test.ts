import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TiaowenError, VocabularyError } from "../../src/errors.js";
import { loadVocabulary, parseDictionary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR } from "../helpers/fixtures.js";

const made: string[] = [];

/** A copy of the project's intents/ folder in a temp dir, changed by `edit`. */
function setup(edit: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-intents-"));
  made.push(dir);
  cpSync(INTENTS_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** The VocabularyError that loading `dir` throws. */
function loadError(dir: string): VocabularyError {
  try {
    loadVocabulary(dir);
  } catch (error) {
    if (error instanceof VocabularyError) return error;
    throw error;
  }
  throw new Error(`expected the vocabulary in ${dir} to be refused`);
}

/** The message the JavaScript engine gives for an invalid pattern (it varies across engines). */
function engineMessage(source: string): string {
  try {
    new RegExp(source, "u");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${source} is a valid pattern`);
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadVocabulary", () => {
  it("loads the project's intents/ folder", () => {
    const v = loadVocabulary(INTENTS_DIR);
    expect(v.dictionary.map((d) => d.word)).toEqual(
      expect.arrayContaining(["市场监督管理部门", "一网通办", "一卡通", "智慧城市主管部门"]),
    );
    expect(v.stopwordsZh.has("谁")).toBe(true);
    expect(v.stopwordsEn.has("the")).toBe(true);
    expect(Object.keys(v.replies)).toEqual(
      expect.arrayContaining(["greeting", "help", "not_covered", "not_covered_en", "no_article", "empty"]),
    );
    expect(v.replies.not_covered).toContain("{hotline}");
  });

  it("makes synonym groups symmetric and normalised", () => {
    const v = loadVocabulary(INTENTS_DIR);
    expect(v.synonyms.get("监控")).toEqual(expect.arrayContaining(["监管", "监测"]));
    expect(v.synonyms.get("监管")).toContain("监控");
    expect(v.synonyms.get("监测")).toContain("监控");
    expect(v.synonyms.get("监控")).not.toContain("监控");
    expect(v.synonyms.get("12345")).toContain("热线");
  });

  it("maps English words and phrases to the law's terms", () => {
    const v = loadVocabulary(INTENTS_DIR);
    expect(v.glossary.get("police")).toEqual(["公安"]);
    expect(v.glossary.get("open data")).toEqual(["数据", "开放"]);
    expect(v.glossaryMaxWords).toBeGreaterThanOrEqual(3); // "internet of things"
  });

  it("knows English stop words typed without their apostrophe, unless that is a word of its own", () => {
    const v = loadVocabulary(INTENTS_DIR);
    expect(v.stopwordsEn.has("i'm")).toBe(true);
    expect(v.stopwordsEn.has("im")).toBe(true);
    expect(v.stopwordsEn.has("dont")).toBe(true);
    // i'd is a stop word; an ID is not.
    expect(v.stopwordsEn.has("id")).toBe(false);
  });

  it("orders the rules so that small talk and follow-ups come first and article numbers last", () => {
    const order = [...new Set(loadVocabulary(INTENTS_DIR).rules.map((r) => r.intent))];
    expect(order).toEqual([
      "greeting",
      "help",
      "followup",
      "metadata",
      "structure",
      "topic",
      "responsibility",
      "article_lookup",
    ]);
  });

  it("keeps the local places whole: each is a dictionary word, named once in intents.yaml", () => {
    const v = loadVocabulary(INTENTS_DIR);
    expect(v.localPlaces.has("广灵县")).toBe(true);
    expect(v.dictionary).toContainEqual({ word: "广灵县", tag: "ns" });
    expect(v.dictionary.filter((d) => d.word === "广灵县")).toHaveLength(1);
  });

  it("keeps the synonyms' Chinese terms whole, at a frequency below jieba's likelier cuts", () => {
    const v = loadVocabulary(INTENTS_DIR);
    expect(v.synonyms.get("找工作")).toContain("就业");
    expect(v.dictionary).toContainEqual({ word: "找工作", freq: 1000 });
    // Words already in dictionary.txt keep their own entry; English and digits are not cut by jieba.
    expect(v.dictionary.filter((d) => d.word === "一网通办")).toHaveLength(1);
    const added = v.dictionary.filter((d) => d.freq === 1000).map((d) => d.word);
    expect(added.filter((w) => !/^\p{Script=Han}{2,6}$/u.test(w))).toEqual([]);
    expect(added).not.toContain("p2p");
  });

  it("compiles the question frames as global patterns", () => {
    const frames = loadVocabulary(INTENTS_DIR).frames;
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((f) => f.global && f.unicode)).toBe(true);
  });

  it("refuses invalid YAML, naming the file", () => {
    const dir = setup((d) => writeFileSync(join(d, "synonyms.yaml"), "groups: [a, b\n"));
    const error = loadError(dir);
    expect(error).toBeInstanceOf(TiaowenError);
    expect(error.name).toBe("VocabularyError");
    expect(error.code).toBe("VOCABULARY");
    expect(error.message.startsWith(`${join(dir, "synonyms.yaml")}: not valid YAML: `)).toBe(true);
  });

  it("refuses an intent pattern that is not a regular expression, quoting it", () => {
    const dir = setup((d) => {
      const file = join(d, "intents.yaml");
      const text = readFileSync(file, "utf8").replace(
        '  - "第[一二三四五六七八九十百零〇0-9]+条"',
        '  - "第[一二+条"',
      );
      writeFileSync(file, text);
    });
    expect(loadError(dir).message).toBe(
      `${join(dir, "intents.yaml")}: pattern "第[一二+条" is not a valid regular expression: ${engineMessage("第[一二+条")}`,
    );
  });

  it("refuses a question frame that is not a regular expression, naming stopwords.yaml", () => {
    const dir = setup((d) =>
      writeFileSync(join(d, "stopwords.yaml"), "zh: [谁]\nen: [the]\nframes: ['(']\n"),
    );
    expect(loadError(dir).message).toBe(
      `${join(dir, "stopwords.yaml")}: pattern "(" is not a valid regular expression: ${engineMessage("(")}`,
    );
  });

  it("refuses a missing file and says which one the folder must hold", () => {
    const dir = setup((d) => rmSync(join(d, "glossary-en.yaml")));
    const file = join(dir, "glossary-en.yaml");
    expect(loadError(dir).message).toBe(
      `${file}: cannot read it (ENOENT: no such file or directory, open '${file}'); the intents folder must hold glossary-en.yaml`,
    );
  });

  it("refuses a missing dictionary.txt", () => {
    const dir = setup((d) => rmSync(join(d, "dictionary.txt")));
    expect(loadError(dir).message).toMatch(/dictionary\.txt: cannot read it \(ENOENT/);
  });

  it("refuses an entry of the wrong shape, naming its path in the file", () => {
    const group = setup((d) => writeFileSync(join(d, "synonyms.yaml"), "groups:\n  - [监管]\n"));
    expect(loadError(group).message.startsWith(`${join(group, "synonyms.yaml")}: groups.0: `)).toBe(true);
    const intents = setup((d) => writeFileSync(join(d, "intents.yaml"), "greeting: []\n"));
    expect(loadError(intents).message.startsWith(`${join(intents, "intents.yaml")}: greeting: `)).toBe(true);
  });

  it("refuses a folder that does not exist, naming the first file it needs", () => {
    const dir = join(tmpdir(), "tiaowen-no-intents");
    expect(() => loadVocabulary(dir)).toThrow(VocabularyError);
    expect(() => loadVocabulary(dir)).toThrow(`${join(dir, "dictionary.txt")}: cannot read it`);
  });
});

describe("parseDictionary", () => {
  it("reads word, frequency and tag per line, skipping comments and blank lines", () => {
    const words = parseDictionary("# 注释\n\n一网通办\n市场监督管理部门 80000 nt\n一卡通 300 n  # 卡\n");
    expect(words).toEqual([
      { word: "一网通办" },
      { word: "市场监督管理部门", freq: 80000, tag: "nt" },
      { word: "一卡通", freq: 300, tag: "n" },
    ]);
  });

  it("normalises the words, as questions are", () => {
    expect(parseDictionary("城市ＡＰＰ\r\n網上辦事 5\r\n")).toEqual([
      { word: "城市app" },
      { word: "网上办事", freq: 5 },
    ]);
  });
});
