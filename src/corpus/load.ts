/**
 * The first half of building the corpus: the laws, from the on-disk cache when it matches the
 * corpus, else from the files — home laws first, with their departments. Laws read from the cache
 * parse their articles on first use; one whose cached copy is found damaged is re-read from its file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TiaowenError } from "../errors.js";
import {
  type LawFile,
  type LoadProblem,
  noLawError,
  parseLawFiles,
  readLawFiles,
  statLawFiles,
} from "../law/load.js";
import { parseOrdinance } from "../law/parse.js";
import type { Article, Law } from "../law/types.js";
import type { SegmentData } from "../search/segment.js";
import { type DepartmentMention, extractDepartments } from "../understand/departments.js";
import {
  CACHE_FORMAT,
  type CachedCorpus,
  type CacheStatus,
  cacheKey,
  dropCache,
  type LawBody,
  type LawMeta,
  readCache,
  readKnownKey,
  writeKnownKey,
} from "./cache.js";

/** Where the laws come from. */
export interface LawSource {
  /** Folders of law files (the first one holds the home laws by default). */
  dirs?: string[];
  /** Already parsed laws, instead of folders (no cache). */
  laws?: Law[];
  /** Ids, titles or file names of the home laws. */
  homeLaws?: string[];
  /** Where the cache lives; undefined: no cache. */
  cacheDir?: string;
  /** Everything else the built corpus depends on (engine version, dictionary, backend…). */
  dependsOn: string[];
}

/** The laws of the corpus, ready to index (or already indexed, from the cache). */
export interface LoadedLaws {
  /** Home laws first, then the others in folder order. */
  laws: Law[];
  /** Number of articles of each law (known without parsing laws from the cache). */
  counts: number[];
  homeCount: number;
  /** The file each law was read from ("" for laws given parsed). */
  sources: string[];
  /** Departments of article `k` of law `i` (after that law's articles have been read). */
  departmentsOf(i: number, k: number): DepartmentMention[];
  /** Departments of every article of every law (reads every law). */
  allDepartments(): DepartmentMention[][][];
  problems: LoadProblem[];
  /** The index, when the laws came from the cache. */
  segments?: SegmentData[];
  cache: CacheStatus;
  /** The cache key of this corpus (undefined without a cache). */
  key?: string;
}

/** Records how long each step took. */
export type Lap = (name: string) => void;

/** Loads the laws: cache, files, or the parsed laws given. */
export function loadCorpusLaws(source: LawSource, lap: Lap): LoadedLaws {
  if (source.laws)
    return fromParsed(
      source.laws,
      source.laws.map(() => ""),
      [],
      [],
      source.homeLaws,
      lap,
    );
  const found = findCache(source, lap);
  if (found.cached)
    return fromCache(found.cached, found.status, found.key as string, source.cacheDir as string);
  const files = found.files ?? readLawFiles(statLawFiles(source.dirs ?? []));
  const parsed = parseLawFiles(files);
  // parseLawFiles keeps the order of the files it could read: the path of each law is its file's.
  const paths = new Map(files.map((f) => [`${f.folder}\u0000${f.name}`, f.path]));
  const sources = parsed.laws.map((l, i) => paths.get(`${parsed.folders[i]}\u0000${l.file}`) ?? "");
  const loaded = fromParsed(
    parsed.laws,
    sources,
    parsed.folders,
    parsed.problems,
    source.homeLaws,
    lap,
    source.dirs,
  );
  loaded.cache = found.status;
  if (found.key) loaded.key = found.key;
  return loaded;
}

/** The cache of this corpus if there is a sound one; else the files read to compute its key. */
function findCache(
  source: LawSource,
  lap: Lap,
): { status: CacheStatus; key?: string; cached?: CachedCorpus; files?: LawFile[] } {
  const dir = source.cacheDir;
  if (!dir) return { status: "off" };
  const listing = statLawFiles(source.dirs ?? []);
  const fixed = [`format ${CACHE_FORMAT}`, ...source.dependsOn, `home ${(source.homeLaws ?? []).join(",")}`];
  // Unchanged names, sizes and times: the content key computed last time still holds.
  const listingKey = cacheKey([
    ...fixed,
    ...listing.map((f) => `${f.folder}:${f.name}:${f.size}:${f.mtimeMs}`),
  ]);
  const known = readKnownKey(dir, listingKey);
  if (known) {
    const r = readCache(dir, known);
    lap("cache lookup");
    if (r.corpus) return { status: r.status, key: known, cached: r.corpus };
  }
  const files = readLawFiles(listing);
  lap("read");
  const key = cacheKey([...fixed, ...files.flatMap((f) => [`${f.folder}:${f.name}`, f.content])]);
  const r = readCache(dir, key);
  lap("cache read");
  try {
    writeKnownKey(dir, listingKey, key);
  } catch {
    // Only costs the next start a hash of the files.
  }
  return r.corpus ? { status: r.status, key, cached: r.corpus } : { status: r.status, key, files };
}

/** Laws from the cache, each parsed from its blob (or re-read from its file) when first needed. */
function fromCache(cached: CachedCorpus, status: CacheStatus, key: string, cacheDir: string): LoadedLaws {
  const departments: Array<DepartmentMention[][] | undefined> = [];
  const body = (i: number): LawBody => {
    try {
      return cached.body(i);
    } catch {
      // A damaged blob: this law from its file now, the whole cache rebuilt at the next start.
      dropCache(cacheDir, key);
      return reparse(cached.laws[i] as LawMeta, cached.sources[i] ?? "");
    }
  };
  const laws = cached.laws.map((meta, i) =>
    lazyLaw(meta, () => {
      const b = body(i);
      departments[i] = b.departments;
      return b.articles;
    }),
  );
  return {
    laws,
    counts: cached.laws.map((m) => m.articleCount),
    homeCount: cached.homeCount,
    sources: cached.sources,
    departmentsOf: (i, k) => {
      if (!departments[i]) void laws[i]?.articles;
      return departments[i]?.[k] ?? [];
    },
    allDepartments: () =>
      laws.map((law, i) => {
        if (!departments[i]) void law.articles;
        return departments[i] ?? [];
      }),
    problems: cached.problems,
    segments: cached.segments,
    cache: status,
    key,
  };
}

/** A law's articles and departments read again from its file; none when the file cannot be read. */
function reparse(meta: LawMeta, path: string): LawBody {
  try {
    const law = parseOrdinance(readFileSync(path, "utf8"), { file: meta.file });
    return { articles: law.articles, departments: law.articles.map((a) => extractDepartments(a)) };
  } catch {
    return { articles: [], departments: [] };
  }
}

/** A law whose articles are read when first used. */
function lazyLaw(meta: LawMeta, load: () => Article[]): Law {
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

/** Parsed laws: home laws put first, departments extracted. */
function fromParsed(
  all: Law[],
  allSources: string[],
  folders: number[],
  problems: LoadProblem[],
  homeLaws: string[] | undefined,
  lap: Lap,
  dirs: string[] = [],
): LoadedLaws {
  if (all.length === 0) throw noLawError(dirs, problems);
  lap("parse");
  const home = selectHome(all, folders, homeLaws);
  // Home laws first: their articles take the first ids, the segment of their own.
  const order = [...all.keys()].sort(
    (a, b) => Number(!home.has(all[a] as Law)) - Number(!home.has(all[b] as Law)),
  );
  const laws = order.map((i) => all[i] as Law);
  const departments = laws.map((law) => law.articles.map((a) => extractDepartments(a)));
  lap("departments");
  return {
    laws,
    counts: laws.map((l) => l.articles.length),
    homeCount: home.size,
    sources: order.map((i) => allSources[i] ?? ""),
    departmentsOf: (i, k) => departments[i]?.[k] ?? [],
    allDepartments: () => departments,
    problems,
    cache: "off",
  };
}

/**
 * Picks the home laws: the named ones, else those of the first folder, else all.
 * @throws TiaowenError HOME_LAWS when none of the named laws is in the corpus.
 */
function selectHome(laws: Law[], folders: number[], wanted?: string[]): Set<Law> {
  if (wanted && wanted.length > 0) {
    const chosen = laws.filter((l) => wanted.some((w) => w === l.id || w === l.title || l.file.includes(w)));
    if (chosen.length === 0) {
      throw new TiaowenError(
        "HOME_LAWS",
        `none of the home laws ${wanted.join(", ")} is in the corpus: name a law id, title or file (HOME_LAWS)`,
      );
    }
    return new Set(chosen);
  }
  const first = laws.filter((_, i) => (folders[i] ?? 0) === 0);
  return new Set(first.length > 0 ? first : laws);
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
