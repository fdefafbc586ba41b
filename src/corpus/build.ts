/**
 * Builds what the bot searches, in two steps: load the laws (corpus/load.ts: from the cache or
 * the files), then index them (search/: a segment for the home laws, one for the others, and the
 * engine over them) — from the cache's arrays when it had them, else built, and then saved for the
 * next start.
 */
import type { LoadProblem } from "../law/load.js";
import type { Law } from "../law/types.js";
import { createAnalyzer } from "../search/analyze.js";
import { type ArticleIndex, articleIndexOf } from "../search/article-index.js";
import { type CorpusIndex, corpusIndexOf } from "../search/corpus-index.js";
import { createDocumentTable, type DocumentTable } from "../search/documents.js";
import type { EngineInput, SearchEngine } from "../search/engine.js";
import type { IndexedArticle } from "../search/entry.js";
import { assembleEngine, segmentRanges } from "../search/index-laws.js";
import { buildSegment, type SegmentData } from "../search/segment.js";
import type { Tokenizer } from "../text/tokenizer.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import { type CacheStatus, writeCache } from "./cache.js";
import { type Lap, type LawSource, type LoadedLaws, loadCorpusLaws } from "./load.js";

export { engineVersion } from "./load.js";

/** What {@link buildCorpus} needs. */
export interface CorpusOptions extends LawSource {
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  /** The engine's ranking stage, when not the default (engine.ts). */
  ranking?: EngineInput["ranking"];
  /** Field boosts or BM25 parameters other than settings.ts's (for measuring them). */
  retrieval?: EngineInput["retrieval"];
}

/** A ready corpus. */
export interface Corpus {
  /** Home laws first, then the others in folder order. */
  laws: Law[];
  homeLaws: Law[];
  /** Number of articles of all laws. */
  size: number;
  /** The article with corpus id `doc` (articles of one law have consecutive ids). */
  entryAt(doc: number): IndexedArticle;
  /** Article `number` (第N条之`sub`) of `law`, if it has one. */
  entryOf(law: Law, number: number, sub?: number): IndexedArticle | undefined;
  documents: DocumentTable;
  /** The one search engine over every law. */
  engine: SearchEngine;
  /** The engine as the home laws see it. */
  homeIndex: ArticleIndex;
  /** The engine over any law; present when there are laws besides the home laws. */
  corpusIndex?: CorpusIndex;
  problems: LoadProblem[];
  cache: CacheStatus;
  timings: Record<string, number>;
}

/** Loads (from cache or files) and indexes the corpus. */
export function buildCorpus(options: CorpusOptions): Corpus {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap: Lap = (name) => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const loaded = loadCorpusLaws(options, lap);
  const documents = createDocumentTable(loaded.laws, loaded.counts, loaded.departmentsOf);
  const analyzer = createAnalyzer(options.tokenizer, options.vocabulary);
  const problems = [...loaded.problems];
  const segments = loaded.segments ?? indexSegments(documents, loaded, analyzer, problems, lap);
  const engine = assembleEngine({
    documents,
    segments,
    homeCount: loaded.homeCount,
    analyzer,
    ...(options.ranking ? { ranking: options.ranking } : {}),
    ...(options.retrieval ? { retrieval: options.retrieval } : {}),
  });
  if (options.cacheDir && loaded.key && !loaded.segments) {
    saveCache(options.cacheDir, loaded.key, loaded, segments, problems);
    lap("cache write");
  }
  const homeLaws = loaded.laws.slice(0, loaded.homeCount);
  return {
    laws: loaded.laws,
    homeLaws,
    size: documents.size,
    entryAt: documents.entryAt,
    entryOf: documents.entryOf,
    documents,
    engine,
    homeIndex: articleIndexOf(engine, homeLaws),
    ...(loaded.laws.length > homeLaws.length ? { corpusIndex: corpusIndexOf(engine) } : {}),
    problems,
    cache: loaded.cache,
    timings,
  };
}

/**
 * Builds the segments (home laws, then the others). An article that cannot be indexed is kept
 * without terms and its law named among the problems, so everything else is still served.
 */
function indexSegments(
  documents: DocumentTable,
  loaded: LoadedLaws,
  analyzer: ReturnType<typeof createAnalyzer>,
  problems: LoadProblem[],
  lap: Lap,
): SegmentData[] {
  const onError = (entry: IndexedArticle, error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    const file = loaded.sources[documents.lawIndexAt(entry.id)] || entry.law.file;
    const problem = `《${entry.law.title}》${entry.article.label} could not be indexed (${why}): it can be looked up by number but is not searched`;
    problems.push({
      file,
      name: entry.law.file,
      line: entry.article.line,
      problem,
      message: `${file}:${entry.article.line}: ${problem}`,
      kind: "skipped",
    });
  };
  return segmentRanges(documents.counts, loaded.homeCount).map(({ from, to }, i) => {
    const entries = (function* () {
      for (let d = from; d < to; d++) yield documents.entryAt(d);
    })();
    const segment = buildSegment(entries, analyzer, onError).data;
    lap(i === 0 ? "home index" : "corpus index");
    return segment;
  });
}

function saveCache(
  dir: string,
  key: string,
  loaded: LoadedLaws,
  segments: SegmentData[],
  problems: LoadProblem[],
): void {
  try {
    writeCache(dir, key, {
      laws: loaded.laws,
      sources: loaded.sources,
      departments: loaded.allDepartments(),
      homeCount: loaded.homeCount,
      problems,
      segments,
    });
  } catch {
    // A read-only disk only costs the next start a rebuild.
  }
}
