import { beforeAll, describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import { createAnalyzer } from "../../src/search/analyze.js";
import { assembleEngine, indexLaws, segmentRanges } from "../../src/search/index-laws.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
});

function setup(homeCount?: number) {
  const laws = [seedLaw(), parseFile(LAWREFBOOK.jinan)];
  const analyzer = createAnalyzer(tokenizer, vocabulary);
  const departmentsOf = (i: number, k: number) =>
    extractDepartments((laws[i] as Law).articles[k] as Law["articles"][number]);
  const indexed = indexLaws({ laws, analyzer, departmentsOf, ...(homeCount ? { homeCount } : {}) });
  const query = (q: string) => analyzeQuery(normalize(q), tokenizer, vocabulary);
  return { laws, analyzer, indexed, query };
}

describe("segmentRanges", () => {
  it("gives the home laws' documents, then the others', or one range when all are home", () => {
    expect(segmentRanges([45, 44, 10], 1)).toEqual([
      { from: 0, to: 45 },
      { from: 45, to: 99 },
    ]);
    expect(segmentRanges([45, 44], 2)).toEqual([{ from: 0, to: 89 }]);
    expect(segmentRanges([45, 0], 1)).toEqual([{ from: 0, to: 45 }]);
    expect(segmentRanges([], 0)).toEqual([{ from: 0, to: 0 }]);
  });
});

describe("indexLaws", () => {
  it("indexes every law in one segment, or home and others in two", () => {
    expect(setup().indexed.engine.segments).toHaveLength(1);
    expect(setup(1).indexed.engine.segments.map((s) => s.segment.size)).toEqual([45, 44]);
  });
});

describe("assembleEngine", () => {
  it("gives an engine that ranks as the one built, from the segments' data", () => {
    const { indexed, analyzer, query } = setup(1);
    const again = assembleEngine({
      documents: indexed.documents,
      segments: indexed.engine.segments.map((s) => structuredClone(s.segment.data)),
      homeCount: 1,
      analyzer,
    });
    for (const q of ["热线", "食品安全监控", "数据共享"]) {
      const ranked = (e: typeof again) => e.search(query(q)).map((h) => [h.entry.id, h.score]);
      expect(ranked(again)).toEqual(ranked(indexed.engine));
    }
  });
});
