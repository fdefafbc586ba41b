/**
 * Indexes parsed laws: the document table, one segment for the home laws and one for the others,
 * and the engine over them. The corpus build (corpus/build.ts) uses it for a cold start; tests and
 * small tools use it to index a few laws in memory.
 */
import type { Law } from "../law/types.js";
import type { DepartmentMention } from "../understand/departments.js";
import type { Analyzer } from "./analyze.js";
import { createDocumentTable, type DocumentTable } from "./documents.js";
import { createSearchEngine, type EngineInput, type PlacedSegment, type SearchEngine } from "./engine.js";
import type { IndexedArticle } from "./entry.js";
import { buildSegment, Segment, type SegmentData } from "./segment.js";

/** The document ranges of the segments: the first `homeCount` laws, then the others (if any). */
export function segmentRanges(
  counts: readonly number[],
  homeCount: number,
): Array<{ from: number; to: number }> {
  let home = 0;
  let all = 0;
  counts.forEach((n, i) => {
    if (i < homeCount) home += n;
    all += n;
  });
  return all > home
    ? [
        { from: 0, to: home },
        { from: home, to: all },
      ]
    : [{ from: 0, to: all }];
}

/** What {@link indexLaws} needs. */
export interface IndexLawsInput {
  laws: readonly Law[];
  /** The first this many laws are the home laws, a segment of their own (default all). */
  homeCount?: number;
  /** Departments of article `k` of law `i`. */
  departmentsOf: (law: number, article: number) => DepartmentMention[];
  analyzer: Analyzer;
  ranking?: EngineInput["ranking"];
  retrieval?: EngineInput["retrieval"];
  /** Told about an article that could not be indexed (it is kept, without terms). */
  onError?: (entry: IndexedArticle, error: unknown) => void;
}

/** The indexed laws. */
export interface IndexedLaws {
  documents: DocumentTable;
  engine: SearchEngine;
}

/** Indexes laws in memory. */
export function indexLaws(input: IndexLawsInput): IndexedLaws {
  const counts = input.laws.map((l) => l.articles.length);
  const documents = createDocumentTable(input.laws, counts, input.departmentsOf);
  const ranges = segmentRanges(counts, input.homeCount ?? input.laws.length);
  const segments = ranges.map(({ from, to }) => {
    const entries = (function* () {
      for (let d = from; d < to; d++) yield documents.entryAt(d);
    })();
    return buildSegment(entries, input.analyzer, input.onError).data;
  });
  return { documents, engine: assembleEngine({ ...input, documents, segments }) };
}

/** The engine over a document table and the data of its segments (built, or read from the cache). */
export function assembleEngine(input: {
  documents: DocumentTable;
  segments: readonly SegmentData[];
  homeCount?: number;
  analyzer: Analyzer;
  ranking?: EngineInput["ranking"];
  retrieval?: EngineInput["retrieval"];
}): SearchEngine {
  const { documents } = input;
  const ranges = segmentRanges(documents.counts, input.homeCount ?? documents.laws.length);
  const placed: PlacedSegment[] = ranges.map((r, i) => ({
    ...r,
    segment: new Segment(input.segments[i] as SegmentData),
  }));
  return createSearchEngine({
    documents,
    segments: placed,
    analyzer: input.analyzer,
    ...(input.ranking ? { ranking: input.ranking } : {}),
    ...(input.retrieval ? { retrieval: input.retrieval } : {}),
  });
}
