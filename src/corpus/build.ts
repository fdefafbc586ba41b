/**
 * Builds what the bot searches: the laws (home laws first), their departments, the home index
 * (MiniSearch) and, when there are other laws, the corpus index (postings) — from the on-disk
 * cache when it matches the corpus, else from the files, saving the cache for the next start.
 * Laws read from the cache parse their articles on first use.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type LawFile,
  type LoadProblem,
  noLawError,
  parseLawFiles,
  readLawFiles,
  statLawFiles,
} from "../law/load.js";
import type { Article, Law } from "../law/types.js";
import { type ArticleIndex, createArticleIndex, type IndexInput } from "../search/article-index.js";
import { type CorpusIndex, createCorpusIndex, postingsTokens } from "../search/corpus-index.js";
import { IndexedArticle } from "../search/entry.js";
import { PostingsIndex } from "../search/postings.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { type DepartmentMention, extractDepartments } from "../understand/departments.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import {
  CACHE_FORMAT,
  type CachedCorpus,
  type CacheStatus,
  cacheKey,
  readCache,
  readKnownKey,
  writeCache,
  writeKnownKey,
} from "./cache.js";

/** What {@link buildCorpus} needs. */
export interface CorpusOptions {
  /** Folders of ordinance files (the first one holds the home laws by default). */
  dirs?: string[];
  /** Already parsed laws, instead of folders (no cache). */
  laws?: Law[];
  /** Ids, titles or file names of the home laws. */
  homeLaws?: string[];
  /** Where the cache lives; undefined: no cache. */
  cacheDir?: string;
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  /** Everything else the built corpus depends on (engine version, dictionary, backend…). */
  dependsOn: string[];
  /** Field boosts of the home index. */
  boosts?: IndexInput["boosts"];
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
  homeIndex: ArticleIndex;
  /** Present when there are laws besides the home laws. */
  corpusIndex?: CorpusIndex;
  problems: LoadProblem[];
  cache: CacheStatus;
  timings: Record<string, number>;
}

/** Picks the home laws: the named ones, else those of the first folder, else all. */
function selectHome(laws: Law[], folders: number[], wanted?: string[]): Set<Law> {
  if (wanted && wanted.length > 0) {
    const chosen = laws.filter((l) => wanted.some((w) => w === l.id || w === l.title || l.file.includes(w)));
    if (chosen.length === 0) {
      throw new Error(
        `none of the home laws ${wanted.join(", ")} is in the corpus: name a law id, title or file`,
      );
    }
    return new Set(chosen);
  }
  const first = laws.filter((_, i) => folders[i] === 0);
  return new Set(first.length > 0 ? first : laws);
}

/** A law whose articles are parsed from the cache when first read. */
function lazyLaw(meta: CachedCorpus["laws"][number], load: () => Article[]): Law {
  const { articleCount: _, ...fields } = meta;
  const law = fields as Law;
  Object.defineProperty(law, "articles", {
    configurable: true,
    enumerable: true,
    get() {
      const articles = load();
      Object.defineProperty(law, "articles", { value: articles, enumerable: true, writable: true });
      return articles;
    },
  });
  return law;
}

/** Loads (from cache or files) and indexes the corpus. */
export function buildCorpus(options: CorpusOptions): Corpus {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const { tokenizer, vocabulary } = options;
  let files: LawFile[] = [];
  let key: string | undefined;
  let cache: CacheStatus = "off";
  let cached: CachedCorpus | undefined;
  if (!options.laws) {
    const listing = statLawFiles(options.dirs ?? []);
    const fixed = [
      `format ${CACHE_FORMAT}`,
      ...options.dependsOn,
      `home ${(options.homeLaws ?? []).join(",")}`,
    ];
    let listingKey: string | undefined;
    if (options.cacheDir) {
      // Unchanged names, sizes and times: the content key computed last time still holds.
      listingKey = cacheKey([
        ...fixed,
        ...listing.map((f) => `${f.folder}:${f.name}:${f.size}:${f.mtimeMs}`),
      ]);
      const known = readKnownKey(options.cacheDir, listingKey);
      if (known) {
        const r = readCache(options.cacheDir, known);
        if (r.corpus) {
          key = known;
          cached = r.corpus;
          cache = r.status;
        }
      }
      lap("cache lookup");
    }
    if (!cached) {
      files = readLawFiles(listing);
      lap("read");
      if (options.cacheDir) {
        key = cacheKey([...fixed, ...files.flatMap((f) => [`${f.folder}:${f.name}`, f.content])]);
        const r = readCache(options.cacheDir, key);
        cache = r.status;
        cached = r.corpus;
        lap("cache read");
      }
    }
    if (options.cacheDir && listingKey && key) {
      try {
        writeKnownKey(options.cacheDir, listingKey, key);
      } catch {
        // Only costs the next start a hash of the files.
      }
    }
  }

  let laws: Law[];
  let counts: number[];
  let problems: LoadProblem[] = [];
  let homeCount: number;
  // departments[law][article], filled on first use for laws from the cache.
  const departments: Array<DepartmentMention[][] | undefined> = [];
  if (cached) {
    const from = cached;
    laws = from.laws.map((meta, i) =>
      lazyLaw(meta, () => {
        const body = from.body(i);
        departments[i] = body.departments;
        return body.articles;
      }),
    );
    counts = from.laws.map((m) => m.articleCount);
    problems = from.problems;
    homeCount = from.homeCount;
  } else {
    let folders: number[];
    if (options.laws) {
      laws = options.laws;
      folders = laws.map(() => 0);
    } else {
      const parsed = parseLawFiles(files);
      laws = parsed.laws;
      folders = parsed.folders;
      problems = parsed.problems;
    }
    if (laws.length === 0) throw noLawError(options.dirs ?? [], problems);
    const home = selectHome(laws, folders, options.homeLaws);
    // Home laws first: their articles take the first ids, a contiguous range the corpus search skips.
    laws = [...laws.filter((l) => home.has(l)), ...laws.filter((l) => !home.has(l))];
    homeCount = home.size;
    lap("parse");
    laws.forEach((law, i) => {
      departments[i] = law.articles.map((a) => extractDepartments(a));
    });
    counts = laws.map((l) => l.articles.length);
    lap("departments");
  }

  const starts: number[] = [];
  let size = 0;
  for (const n of counts) {
    starts.push(size);
    size += n;
  }
  const lawIndex = new Map(laws.map((l, i) => [l, i]));
  const docLaw = new Uint32Array(size);
  counts.forEach((n, i) => {
    docLaw.fill(i, starts[i] as number, (starts[i] as number) + n);
  });
  const entries: Array<IndexedArticle | undefined> = new Array(size);
  const entryAt = (doc: number): IndexedArticle => {
    let e = entries[doc];
    if (!e) {
      const i = docLaw[doc] as number;
      const law = laws[i] as Law;
      const k = doc - (starts[i] as number);
      const article = law.articles[k] as Article; // parses the law's blob on first use
      e = new IndexedArticle(doc, law, article, departments[i]?.[k] ?? []);
      entries[doc] = e;
    }
    return e;
  };
  const entryOf = (law: Law, number: number, sub = 0): IndexedArticle | undefined => {
    const i = lawIndex.get(law);
    if (i === undefined) return undefined;
    const k = law.articles.findIndex((a) => a.number === number && a.sub === sub);
    return k < 0 ? undefined : entryAt((starts[i] as number) + k);
  };

  const homeLaws = laws.slice(0, homeCount);
  const homeArticles = counts.slice(0, homeCount).reduce((a, b) => a + b, 0);
  const homeEntries = Array.from({ length: homeArticles }, (_, d) => entryAt(d));
  const homeIndex = createArticleIndex({
    entries: homeEntries,
    tokenizer,
    vocabulary,
    ...(options.boosts ? { boosts: options.boosts } : {}),
    ...(cached?.home !== undefined ? { saved: cached.home } : {}),
  });
  lap("home index");

  let corpusIndex: CorpusIndex | undefined;
  if (laws.length > homeLaws.length) {
    const postings = cached?.postings
      ? new PostingsIndex(cached.postings)
      : PostingsIndex.build(
          Array.from({ length: size }, (_, d) => postingsTokens(entryAt(d), tokenizer, vocabulary)),
        );
    const ranges = new Map(
      laws.map((l, i) => [
        l.id,
        { from: starts[i] as number, to: (starts[i] as number) + (counts[i] as number) },
      ]),
    );
    corpusIndex = createCorpusIndex({ entryAt, ranges, postings, tokenizer, vocabulary });
    lap("corpus index");
  }

  if (options.cacheDir && key && !cached) {
    try {
      writeCache(options.cacheDir, key, {
        laws,
        departments: departments.map((d) => d ?? []),
        problems,
        homeCount,
        home: homeIndex.toJSON(),
        ...(corpusIndex ? { postings: corpusIndex.postings.data } : {}),
      });
    } catch {
      // A read-only disk only costs the next start a rebuild.
    }
    lap("cache write");
  }
  return {
    laws,
    homeLaws,
    size,
    entryAt,
    entryOf,
    homeIndex,
    ...(corpusIndex ? { corpusIndex } : {}),
    problems,
    cache,
    timings,
  };
}

/** The version of the engine, part of the cache key: a new release rebuilds the cache. */
export function engineVersion(projectRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version?: string };
    return `tiaowen ${pkg.version ?? "0"}`;
  } catch {
    return "tiaowen 0";
  }
}
