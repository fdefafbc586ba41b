/**
 * The learned ranking as the engine's ranker of a segment (engine.ts, `SegmentRanker`): for a
 * segment of national laws — the laws the tables were learned on — questions are ranked by the
 * learned features and get the learned confidence; every other segment (a city's ordinances, the
 * seed) keeps the engine's stages.
 *
 * Start-up stays light: the tables are read only when a segment of national laws is there, and of
 * those laws only the ones the tables cite are read for their article numbers and chapters (a law
 * no training question cited scores the same in every article of one chapter as in any other, so
 * one stand-in group serves the whole law; its real chapters are read when the confidence needs them).
 */
import { TiaowenError } from "../../errors.js";
import type { Law } from "../../law/types.js";
import type { AnalyzedQuery } from "../../understand/query.js";
import type { Analyzer } from "../analyze.js";
import type { DocumentTable } from "../documents.js";
import type { PlacedSegment, SegmentRanker, SegmentRankerInput } from "../engine.js";
import { bigrams } from "../entry.js";
import { CONFIDENCE_FEATURES } from "./confidence.js";
import { segmentFields } from "./engine-fields.js";
import { type ArticleGroups, articleGroups, LAW_TYPES, lawTypeOf, rankerDocs } from "./groups.js";
import { createLearnedRanker, type QuestionTerms, type RankerDoc } from "./ranker.js";
import { type LearnedTables, readLearnedTables } from "./tables.js";

// A segment is ranked by the learned tables when at least this share of its articles are in
// national texts (laws in the corpus folders 法律, 行政法规, 司法解释 …): the national corpus
// loaded as home laws or beside a city's ordinances, not a folder of local regulations that
// holds one national law among them.
const NATIONAL_SHARE = 0.5;

const NATIONAL_TYPES: ReadonlySet<string> = new Set(LAW_TYPES.filter((t) => t !== "其他"));

/** The laws whose documents lie in a segment, with their number of documents. */
function lawsOf(documents: DocumentTable, placed: PlacedSegment): Array<{ law: Law; count: number }> {
  const out: Array<{ law: Law; count: number }> = [];
  for (let doc = placed.from; doc < placed.to; ) {
    const i = documents.lawIndexAt(doc);
    const count = documents.counts[i] as number;
    out.push({ law: documents.laws[i] as Law, count });
    doc += Math.max(count, 1);
  }
  return out;
}

/** Whether most of a segment's articles are national texts. */
export function isNationalSegment(documents: DocumentTable, placed: PlacedSegment): boolean {
  let national = 0;
  for (const { law, count } of lawsOf(documents, placed)) {
    if (NATIONAL_TYPES.has(lawTypeOf(law.file))) national += count;
  }
  const size = placed.to - placed.from;
  return size > 0 && national >= NATIONAL_SHARE * size;
}

/**
 * The ranker's documents for a segment: the laws the tables cite read in full, every other law one
 * stand-in per law (same law, type and group for each of its articles), with the real chapter of
 * any document on demand.
 */
export function segmentDocs(
  documents: DocumentTable,
  placed: PlacedSegment,
  tables: LearnedTables,
): { docs: RankerDoc[]; chapterOf(doc: number): string } {
  const docs: RankerDoc[] = [];
  for (const { law, count } of lawsOf(documents, placed)) {
    // Key "": no table row names the article. The chapter and section are the law's title.
    const standIn: RankerDoc = {
      law: law.title,
      lawType: lawTypeOf(law.file),
      key: "",
      chapter: law.title,
      section: law.title,
    };
    // (A law re-read after its cached copy was damaged may have changed: the index's count rules.)
    const read = tables.laws.groups.has(law.title) ? rankerDocs([law]) : [];
    for (let k = 0; k < count; k++) docs.push(read[k] ?? standIn);
  }
  const groupsOf = new Map<Law, ArticleGroups[]>();
  const chapterOf = (doc: number): string => {
    const d = docs[doc];
    if (d?.key !== "") return d?.chapter ?? "";
    const entry = documents.entryAt(placed.from + doc);
    let groups = groupsOf.get(entry.law);
    if (!groups) {
      groups = articleGroups(entry.law);
      groupsOf.set(entry.law, groups);
    }
    const first = documents.rangeOf(entry.law.id)?.from ?? 0;
    return groups[placed.from + doc - first]?.chapter ?? entry.law.title;
  };
  return { docs, chapterOf };
}

/** The words and bigrams of a question as the learned tables read it. */
export function questionTerms(query: AnalyzedQuery, analyzer: Analyzer): QuestionTerms {
  // An English question is ranked by the Chinese words its glossary gave.
  const text = query.lang === "en" ? query.units.map((u) => u.text).join(" ") : query.normalized;
  return { words: analyzer.words(text), bigrams: bigrams(text) };
}

/** The learned ranker of one segment. */
export function createLearnedSegmentRanker(
  tables: LearnedTables,
  { placed, documents, analyzer }: SegmentRankerInput,
): SegmentRanker {
  const { docs, chapterOf } = segmentDocs(documents, placed, tables);
  const ranker = createLearnedRanker(tables, {
    docs,
    chapterOf,
    ...segmentFields(placed.segment, tables.ranker.fieldBm25),
  });
  const { answerAt, closestAt } = tables.ranker.confidence;
  return {
    name: "learned",
    rank(query, range, limit) {
      const terms = questionTerms(query, analyzer);
      if (terms.words.length === 0 && terms.bigrams.length === 0) return { docs: [] };
      // The confidence reads the first ten hits, whatever the caller shows.
      const hits = ranker.rank(terms, Math.max(limit, 10), range);
      if (hits.length === 0) return { docs: [] };
      const p = ranker.confidence(terms, hits);
      return {
        docs: hits.slice(0, limit).map((h) => ({ doc: h.doc, score: h.score })),
        confidence: { p, answerAt, closestAt },
      };
    },
  };
}

/**
 * Reads the tables in `dir` for the engine: those {@link readLearnedTables} accepts, whose
 * confidence model reads the features this build computes.
 * @throws TiaowenError LEARNED_TABLES if they cannot be read or do not fit this build.
 */
export function readSegmentTables(dir: string): LearnedTables {
  const tables = readLearnedTables(dir);
  const features = tables.ranker.confidence.features;
  if (features.join() !== CONFIDENCE_FEATURES.join()) {
    throw new TiaowenError(
      "LEARNED_TABLES",
      `the confidence model in ${dir} reads other features than this build computes: run \`npm run learn\` to rebuild it`,
    );
  }
  return tables;
}

/** Where a warning goes when no one else takes it: Node's warning channel (stderr). */
const emitWarning = (message: string) => process.emitWarning(message, { code: "LEARNED_TABLES" });

/**
 * The engine's `segmentRanker` for the learned tables in `dir`: the learned ranking for segments
 * of national laws (tables read on the first such segment, once), none for any other. Tables that
 * are missing or damaged give one warning (`warn`) and leave every segment to the engine's own
 * lexical stages: search keeps working, only less well on how the public asks.
 */
export function learnedSegmentRankers(
  dir: string,
  warn: (message: string) => void = emitWarning,
): (input: SegmentRankerInput) => SegmentRanker | undefined {
  let tables: LearnedTables | null | undefined;
  return (input) => {
    if (!isNationalSegment(input.documents, input.placed)) return undefined;
    if (tables === undefined) {
      try {
        tables = readSegmentTables(dir);
      } catch (error) {
        if (!(error instanceof TiaowenError)) throw error;
        warn(`${error.message}; until then the national laws are ranked lexically`);
        tables = null;
      }
    }
    return tables ? createLearnedSegmentRanker(tables, input) : undefined;
  };
}
