import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import { createAnalyzer } from "../../src/search/analyze.js";
import { type CorpusIndex, corpusIndexOf } from "../../src/search/corpus-index.js";
import { indexLaws } from "../../src/search/index-laws.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { CORPUS_DIR, INTENTS_DIR, parseFile, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
let laws: Law[];
let index: CorpusIndex;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  laws = [seedLaw(), ...readdirSync(CORPUS_DIR).map((f) => parseFile(join(CORPUS_DIR, f)))];
  const { engine } = indexLaws({
    laws,
    homeCount: 1,
    analyzer: createAnalyzer(tokenizer, vocabulary),
    departmentsOf: (i, k) => extractDepartments((laws[i] as Law).articles[k] as Law["articles"][number]),
  });
  index = corpusIndexOf(engine);
});

function setup() {
  const query = (q: string) => analyzeQuery(normalize(q), tokenizer, vocabulary);
  const byTitle = (title: string) => laws.find((l) => l.title === title) as Law;
  return { query, byTitle };
}

describe("corpusIndexOf", () => {
  it("searches one law, and only that law", () => {
    const { query, byTitle } = setup();
    const jinan = byTitle("济南市12345市民服务热线条例");
    const hits = index.searchLaw(query("热线工作机构的职责"), jinan.id, { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.entry.law === jinan)).toBe(true);
    expect(hits[0]?.coverage).toBeGreaterThan(0.5);
  });

  it("searches the home law too when it is named", () => {
    const { query } = setup();
    expect(index.searchLaw(query("食品安全监控"), laws[0]?.id as string)[0]?.entry.article.number).toBe(30);
  });

  it("searches every law but the excluded ones", () => {
    const { query } = setup();
    const home = new Set([laws[0]?.id as string]);
    const hits = index.searchOthers(query("食品安全监管"), home, { limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.entry.law.id === laws[0]?.id)).toBe(false);
  });

  it("finds nothing in an unknown law", () => {
    const { query } = setup();
    expect(index.searchLaw(query("数据"), "no-such-law")).toEqual([]);
  });
});
