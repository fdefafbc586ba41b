import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PlainBm25 } from "../../bench/plain-bm25.js";
import type { Law } from "../../src/law/types.js";
import { type Analyzer, type ArticleTerms, createAnalyzer } from "../../src/search/analyze.js";
import { IndexedArticle } from "../../src/search/entry.js";
import { buildSegment, Segment, topK } from "../../src/search/segment.js";
import { FIELD_BOOSTS } from "../../src/search/settings.js";
import { createTokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { loadVocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR, seedLaw } from "../helpers/fixtures.js";

let analyzer: Analyzer;
let law: Law;
let segment: Segment;

beforeAll(async () => {
  const vocabulary = loadVocabulary(INTENTS_DIR);
  analyzer = createAnalyzer(await createTokenizer({ userWords: vocabulary.dictionary }), vocabulary);
  law = seedLaw();
  segment = buildSegment(entriesOf(law), analyzer);
});

function entriesOf(l: Law): IndexedArticle[] {
  return l.articles.map((a, i) => new IndexedArticle(i, l, a, extractDepartments(a)));
}

/** A segment over token lists in the text field only (the other fields empty). */
function textOnly(docs: string[][]): Segment {
  const fake: Analyzer = {
    words: (t) => [t],
    articleTerms: (e): ArticleTerms => {
      const text = new Map<string, number>();
      for (const t of docs[e.id] ?? []) text.set(t, (text.get(t) ?? 0) + 1);
      return {
        fields: { text, grams: new Map(), chapter: new Map(), departments: new Map() },
        chars: new Set(),
      };
    },
  };
  const l = seedLaw();
  return buildSegment(
    docs.map((_, i) => new IndexedArticle(i, l, l.articles[0] as Law["articles"][number], [])),
    fake,
  );
}

describe("buildSegment", () => {
  it("indexes every article in four fields", () => {
    expect(segment.size).toBe(45);
    expect(segment.fields.text.documentFrequency(segment.fields.text.termId("食品"))).toBeGreaterThan(0);
    expect(segment.fields.grams.termId("智慧")).toBeGreaterThanOrEqual(0);
    expect(segment.fields.chapter.termId("智慧")).toBeGreaterThanOrEqual(0);
    expect(segment.fields.departments.termId("公安机关")).toBeGreaterThanOrEqual(0);
  });

  it("keeps an article it cannot analyse, without terms, and reports it", () => {
    const failing: Analyzer = {
      ...analyzer,
      articleTerms: (e) => {
        if (e.article.number === 2) throw new RangeError("too deep");
        return analyzer.articleTerms(e);
      },
    };
    const reported: number[] = [];
    const s = buildSegment(entriesOf(law), failing, (e) => reported.push(e.article.number));
    expect(reported).toEqual([2]);
    expect(s.size).toBe(45);
    expect(s.fields.text.data.lengths[1]).toBe(0);
  });
});

describe("Segment", () => {
  it("counts a term's articles as a word, a bigram or a character, undefined for none", () => {
    const count = (pred: (text: string) => boolean) => law.articles.filter((a) => pred(a.text)).length;
    expect(segment.documentFrequency("智慧城市")).toBe(count((t) => t.includes("智慧城市")));
    // A two-character word: every article with the bigram (also where jieba cut it otherwise).
    expect(segment.documentFrequency("数据")).toBe(count((t) => t.includes("数据")));
    expect(segment.documentFrequency("警")).toBe(count((t) => t.includes("警")));
    expect(segment.documentFrequency("高铁")).toBeUndefined();
    expect(segment.documentFrequency("")).toBeUndefined();
  });

  it("scores a run as Σ boost × BM25+ times the number of its terms an article holds (property)", () => {
    const word = fc.constantFrom("食品", "安全", "监管", "价格", "数据");
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 }),
        fc.uniqueArray(word, { minLength: 1, maxLength: 3 }),
        (docs, query) => {
          const boosts = new Map(query.map((t, i) => [t, 1 + i / 2]));
          const hits = textOnly(docs).retrieve([{ boosts, fields: ["text"] }], { limit: 100 });
          const reference = new PlainBm25(docs, { k1: 1.2, b: 0.7, delta: 0.5, length: "distinct" });
          const expected = reference.search(boosts).map((h) => ({
            doc: h.doc,
            score: FIELD_BOOSTS.text * h.score * query.filter((t) => docs[h.doc]?.includes(t)).length,
          }));
          expect(hits.map((h) => h.doc).sort()).toEqual(expected.map((h) => h.doc).sort());
          for (const h of hits)
            expect(h.score).toBeCloseTo(expected.find((e) => e.doc === h.doc)?.score ?? -1, 9);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("adds the runs, keeps to a range and a filter, and returns at most `limit`", () => {
    const s = textOnly([["工资"], ["工资", "加班"], ["加班"], ["工资"]]);
    const run = (...terms: string[]) => ({
      boosts: new Map(terms.map((t) => [t, 1])),
      fields: ["text"] as const,
    });
    const both = s.retrieve([run("工资"), run("加班")], { limit: 10 });
    expect(both[0]?.doc).toBe(1);
    const a = s.retrieve([run("工资")], { limit: 10 });
    const b = s.retrieve([run("加班")], { limit: 10 });
    expect(both[0]?.score).toBeCloseTo(
      (a.find((h) => h.doc === 1)?.score ?? 0) + (b.find((h) => h.doc === 1)?.score ?? 0),
      12,
    );
    expect(s.retrieve([run("工资")], { from: 1, to: 3, limit: 10 }).map((h) => h.doc)).toEqual([1]);
    expect(s.retrieve([run("工资")], { limit: 10, accept: (d) => d !== 0 }).map((h) => h.doc)).toEqual([
      3, 1,
    ]);
    expect(s.retrieve([run("工资")], { limit: 1 })).toHaveLength(1);
    expect(s.retrieve([run("高铁")], { limit: 10 })).toEqual([]);
  });

  it("round-trips through its data", () => {
    const copy = new Segment(structuredClone(segment.data));
    const runs = [
      {
        boosts: new Map([
          ["食品", 1],
          ["监管", 0.5],
        ]),
        fields: ["text", "chapter"] as const,
      },
    ];
    expect(copy.retrieve(runs, { limit: 5 })).toEqual(segment.retrieve(runs, { limit: 5 }));
    expect(copy.documentFrequency("警")).toBe(segment.documentFrequency("警"));
  });
});

describe("topK", () => {
  it("gives the k best, best first, ties to the lower id, like a full sort (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (values, k) => {
          const score = Float64Array.from(values);
          const docs = values.map((_, i) => i);
          const sorted = [...docs].sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
          expect(topK(docs, score, k)).toEqual(sorted.slice(0, k));
        },
      ),
    );
  });
});
