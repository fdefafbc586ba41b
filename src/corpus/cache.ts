/**
 * The on-disk cache of a built corpus, keyed by the corpus contents and the engine version. A
 * changed file, another vocabulary or a new engine version gives another key and a rebuild; a
 * cache that cannot be read whole (truncated, garbled, of another format) is rebuilt, never trusted.
 *
 * Layout, made for a fast start at 1,900 laws: a small JSON header (law metadata, the home index,
 * postings sizes) and a binary file with the postings arrays followed by one JSON blob per law
 * (its articles and their departments). Blobs are parsed only when a law is first needed, so a
 * start reads the header and maps the arrays, and parses nothing it does not use.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { LoadProblem } from "../law/load.js";
import type { Article, Law } from "../law/types.js";
import type { PostingsData } from "../search/postings.js";
import type { DepartmentMention } from "../understand/departments.js";

/** Bumped whenever what the cache holds, or how it is computed, changes. */
export const CACHE_FORMAT = 4;

/** The outcome of a cache lookup, for logs and the benchmark. */
export type CacheStatus = "hit" | "miss" | "stale" | "corrupt" | "off";

/** A law without its articles (they live in the law's blob). */
export type LawMeta = Omit<Law, "articles"> & { articleCount: number };

/** What one law's blob holds. */
export interface LawBody {
  articles: Article[];
  departments: DepartmentMention[][];
}

/** What the cache holds. */
export interface CachedCorpus {
  laws: LawMeta[];
  /** Parses the body of law `i` (once per call: the caller keeps it). */
  body(i: number): LawBody;
  homeCount: number;
  problems: LoadProblem[];
  home?: unknown;
  postings?: PostingsData;
}

/** What is written. */
export interface CorpusToCache {
  laws: Law[];
  departments: DepartmentMention[][][];
  homeCount: number;
  problems: LoadProblem[];
  home?: unknown;
  postings?: PostingsData;
}

type CompactMention = [name: string, canonical: string, actor: 0 | 1, duty: string];

interface CacheHeader {
  format: number;
  key: string;
  laws: LawMeta[];
  /** Byte offsets of the law blobs in the .bin, one more than laws. */
  blobs: number[];
  homeCount: number;
  problems: LoadProblem[];
  home?: unknown;
  postings?: { terms: string[]; offsets: number; docs: number; tfs: number; docLengths: number };
}

const PREFIX = "corpus-";

/** A cache key from everything the built corpus depends on. */
export function cacheKey(parts: Array<string | Buffer>): string {
  const hash = createHash("sha256");
  for (const p of parts) {
    hash.update(p);
    hash.update("\u0000");
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * Reads the cache for `key`: the corpus, or why there is none — "miss" (no cache), "stale" (only
 * caches for other contents), "corrupt" (one that cannot be read whole).
 */
export function readCache(dir: string, key: string): { status: CacheStatus; corpus?: CachedCorpus } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(PREFIX) && n.endsWith(".json"));
  } catch {
    return { status: "miss" };
  }
  const mine = `${PREFIX}${key}.json`;
  if (!names.includes(mine)) return { status: names.length > 0 ? "stale" : "miss" };
  try {
    const header = JSON.parse(readFileSync(join(dir, mine), "utf8")) as CacheHeader;
    if (
      header.format !== CACHE_FORMAT ||
      header.key !== key ||
      !Array.isArray(header.laws) ||
      header.blobs.length !== header.laws.length + 1
    ) {
      return { status: "corrupt" };
    }
    const binPath = join(dir, `${PREFIX}${key}.bin`);
    const p = header.postings;
    const arrays = p ? (p.offsets + p.docs) * 4 + (p.tfs + p.docLengths) * 2 : 0;
    if (header.blobs[0] !== arrays || statSync(binPath).size !== header.blobs.at(-1))
      return { status: "corrupt" };
    const readRange = (from: number, to: number): Buffer => {
      const fd = openSync(binPath, "r");
      try {
        const buf = Buffer.allocUnsafe(to - from);
        let done = 0;
        while (done < buf.byteLength) {
          const n = readSync(fd, buf, done, buf.byteLength - done, from + done);
          if (n === 0) throw new Error(`${binPath} ends early`);
          done += n;
        }
        return buf;
      } finally {
        closeSync(fd);
      }
    };
    const corpus: CachedCorpus = {
      laws: header.laws,
      homeCount: header.homeCount,
      problems: header.problems,
      // A law's articles are read from disk when it is first needed, not at start-up.
      body: (i) => {
        const raw = JSON.parse(
          readRange(header.blobs[i] as number, header.blobs[i + 1] as number).toString("utf8"),
        ) as {
          articles: Article[];
          departments: CompactMention[][];
        };
        return {
          articles: raw.articles,
          departments: raw.departments.map((article) =>
            article.map(([name, canonical, actor, duty]) => ({
              name,
              canonical,
              role: actor ? "actor" : "mentioned",
              duty,
            })),
          ),
        };
      },
    };
    if (header.home !== undefined) corpus.home = header.home;
    if (p) {
      // A buffer of its own, so that the typed arrays start aligned.
      const aligned = new Uint8Array(readRange(0, arrays));
      let at = 0;
      const take = <T>(n: number, bytes: number, make: (b: ArrayBuffer, at: number, n: number) => T): T => {
        const a = make(aligned.buffer, at, n);
        at += n * bytes;
        return a;
      };
      const offsets = take(p.offsets, 4, (b, o, n) => new Uint32Array(b, o, n));
      const docs = take(p.docs, 4, (b, o, n) => new Uint32Array(b, o, n));
      const tfs = take(p.tfs, 2, (b, o, n) => new Uint16Array(b, o, n));
      const docLengths = take(p.docLengths, 2, (b, o, n) => new Uint16Array(b, o, n));
      if (offsets.length !== p.terms.length + 1 || (offsets[p.terms.length] as number) !== docs.length) {
        return { status: "corrupt" };
      }
      corpus.postings = { terms: p.terms, offsets, docs, tfs, docLengths };
    }
    // Check one blob now, so that a garbled file is found at start-up rather than on a question.
    if (header.laws.length > 0) corpus.body(header.laws.length - 1);
    return { status: "hit", corpus };
  } catch {
    return { status: "corrupt" };
  }
}

/** Writes the cache for `key` atomically (temp files, then rename) and removes older ones. */
export function writeCache(dir: string, key: string, corpus: CorpusToCache): void {
  mkdirSync(dir, { recursive: true });
  const parts: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    size += b.byteLength;
  };
  const p = corpus.postings;
  if (p) {
    for (const a of [p.offsets, p.docs, p.tfs, p.docLengths])
      push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }
  const blobs: number[] = [size];
  const metas: LawMeta[] = corpus.laws.map((law, i) => {
    const { articles, ...meta } = law;
    const departments = (corpus.departments[i] ?? []).map((article) =>
      article.map((d): CompactMention => [d.name, d.canonical, d.role === "actor" ? 1 : 0, d.duty]),
    );
    push(Buffer.from(JSON.stringify({ articles, departments }), "utf8"));
    blobs.push(size);
    return { ...meta, articleCount: articles.length };
  });
  const header: CacheHeader = {
    format: CACHE_FORMAT,
    key,
    laws: metas,
    blobs,
    homeCount: corpus.homeCount,
    problems: corpus.problems,
  };
  if (corpus.home !== undefined) header.home = corpus.home;
  if (p) {
    header.postings = {
      terms: p.terms,
      offsets: p.offsets.length,
      docs: p.docs.length,
      tfs: p.tfs.length,
      docLengths: p.docLengths.length,
    };
  }
  const base = join(dir, `${PREFIX}${key}`);
  const tmp = `${base}.${process.pid}.tmp`;
  writeFileSync(`${tmp}.bin`, Buffer.concat(parts, size));
  renameSync(`${tmp}.bin`, `${base}.bin`);
  // The JSON goes last: it is what marks the cache as present.
  writeFileSync(`${tmp}.json`, JSON.stringify(header));
  renameSync(`${tmp}.json`, `${base}.json`);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${key}.`))
      rmSync(join(dir, name), { force: true });
  }
}

/**
 * The content key last computed for a listing of files (names, sizes, modification times), so a
 * start whose files are unchanged need not read and hash 36 MB to find its cache. Any change of
 * size or time, or a missing record, falls back to hashing the contents.
 */
export function readKnownKey(dir: string, listing: string): string | undefined {
  try {
    const known = JSON.parse(readFileSync(join(dir, "listing.json"), "utf8")) as {
      listing?: string;
      key?: string;
    };
    return known.listing === listing && typeof known.key === "string" ? known.key : undefined;
  } catch {
    return undefined;
  }
}

/** Records the content key of a listing (see {@link readKnownKey}). */
export function writeKnownKey(dir: string, listing: string, key: string): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `listing.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ listing, key }));
  renameSync(tmp, join(dir, "listing.json"));
}
