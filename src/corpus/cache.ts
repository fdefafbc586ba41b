/**
 * The on-disk cache of a built corpus, keyed by the corpus contents and the engine version. A
 * changed file, another vocabulary or a new engine version gives another key and a rebuild.
 *
 * Layout, made for a fast start at 1,900 laws: a small JSON header (law metadata, the layout of
 * the binary file, a CRC-32 of every part) and a binary file with the index arrays of every
 * segment followed by one JSON blob per law (its articles and their departments). A start reads
 * the header and the arrays; a law's blob is read when the law is first needed.
 *
 * Nothing damaged is trusted: the header carries its own checksum on its first line, every array
 * and every blob its own in the header, each checked when the part is read. A damaged header or
 * array makes the cache "corrupt" (the caller rebuilds); a damaged blob raises
 * {@link CacheDamagedError} when that law is read (the caller re-reads the law from its file).
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
import { crc32 } from "node:zlib";
import { TiaowenError } from "../errors.js";
import type { LoadProblem } from "../law/load.js";
import type { Article, Law } from "../law/types.js";
import type { PostingsData } from "../search/postings.js";
import type { SegmentData } from "../search/segment.js";
import { FIELDS, type FieldName } from "../search/settings.js";
import type { TermDictionaryData } from "../search/term-dictionary.js";
import type { DepartmentMention } from "../understand/departments.js";

/** Bumped whenever what the cache holds, or how it is computed, changes. */
export const CACHE_FORMAT = 5;

/** The outcome of a cache lookup, for logs and the benchmark. */
export type CacheStatus = "hit" | "miss" | "stale" | "corrupt" | "off";

/** A law without its articles (they live in the law's blob). */
export type LawMeta = Omit<Law, "articles"> & { articleCount: number };

/** What one law's blob holds. */
export interface LawBody {
  articles: Article[];
  departments: DepartmentMention[][];
}

/** A part of the cache whose checksum does not match: the part cannot be trusted. */
export class CacheDamagedError extends TiaowenError {
  override name = "CacheDamagedError";
  constructor(file: string, part: string) {
    super(
      "CACHE_DAMAGED",
      `${file}: ${part} does not match its checksum; it is rebuilt from the law files (delete the cache folder to rebuild everything)`,
    );
  }
}

/** What the cache holds. */
export interface CachedCorpus {
  laws: LawMeta[];
  /** The file each law was read from (to re-read it when its blob is damaged). */
  sources: string[];
  /**
   * Reads and parses the body of law `i` (once per call: the caller keeps it).
   * @throws CacheDamagedError when the blob does not match its checksum.
   */
  body(i: number): LawBody;
  homeCount: number;
  problems: LoadProblem[];
  /** The index of each segment. */
  segments: SegmentData[];
}

/** What is written. */
export interface CorpusToCache {
  laws: readonly Law[];
  sources: readonly string[];
  departments: ReadonlyArray<readonly DepartmentMention[][]>;
  homeCount: number;
  problems: readonly LoadProblem[];
  segments: readonly SegmentData[];
}

type CompactMention = [name: string, canonical: string, actor: 0 | 1, duty: string];

/** Where a part lies in the binary file and its CRC-32. */
interface Part {
  at: number;
  bytes: number;
  crc: number;
}

type DictionaryLayout = { joined: Part; starts: Part };
type FieldLayout = { dictionary: DictionaryLayout; offsets: Part; docs: Part; tfs: Part; lengths: Part };
interface SegmentLayout {
  fields: Record<FieldName, FieldLayout>;
  chars: { dictionary: DictionaryLayout; dfs: Part };
}

interface CacheHeader {
  format: number;
  key: string;
  laws: LawMeta[];
  sources: string[];
  blobs: Part[];
  homeCount: number;
  problems: LoadProblem[];
  segments: SegmentLayout[];
  /** Bytes of the arrays at the start of the binary file (the blobs follow). */
  arrays: number;
}

const PREFIX = "corpus-";
const MAGIC = "tiaowen-corpus-cache";

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
 * caches for other contents), "corrupt" (one whose header or arrays are damaged or incomplete).
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
    const header = readHeader(join(dir, mine), key);
    const binPath = join(dir, `${PREFIX}${key}.bin`);
    const lastBlob = header.blobs.at(-1);
    if (statSync(binPath).size !== (lastBlob ? lastBlob.at + lastBlob.bytes : header.arrays))
      return { status: "corrupt" };
    const arrays = new ArrayReader(readRange(binPath, 0, header.arrays), binPath);
    const segments = header.segments.map((s) => arrays.segment(s));
    const corpus: CachedCorpus = {
      laws: header.laws,
      sources: header.sources,
      homeCount: header.homeCount,
      problems: header.problems,
      segments,
      body: (i) => readBody(binPath, header, i),
    };
    return { status: "hit", corpus };
  } catch {
    return { status: "corrupt" };
  }
}

/** The header, checked against the checksum on its first line and for the expected shape. */
function readHeader(path: string, key: string): CacheHeader {
  const raw = readFileSync(path);
  const newline = raw.indexOf(0x0a);
  const first = raw.subarray(0, Math.max(newline, 0)).toString("utf8").split(" ");
  const rest = raw.subarray(newline + 1);
  if (
    newline < 0 ||
    first[0] !== MAGIC ||
    Number(first[1]) !== CACHE_FORMAT ||
    Number(first[2]) !== crc32(rest)
  )
    throw new CacheDamagedError(path, "the header");
  const header = JSON.parse(rest.toString("utf8")) as CacheHeader;
  if (
    header.format !== CACHE_FORMAT ||
    header.key !== key ||
    !Array.isArray(header.laws) ||
    header.blobs.length !== header.laws.length ||
    header.sources.length !== header.laws.length
  )
    throw new CacheDamagedError(path, "the header");
  return header;
}

/** Bytes [from, to) of a file. */
function readRange(path: string, from: number, to: number): Buffer {
  const fd = openSync(path, "r");
  try {
    // A buffer of its own (not a slice of Node's pool), so typed arrays over it start aligned.
    const buf = Buffer.allocUnsafeSlow(to - from);
    let done = 0;
    while (done < buf.byteLength) {
      const n = readSync(fd, buf, done, buf.byteLength - done, from + done);
      if (n === 0) throw new CacheDamagedError(path, "the file (it ends early)");
      done += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** Law `i`'s blob, checked and parsed. */
function readBody(binPath: string, header: CacheHeader, i: number): LawBody {
  const part = header.blobs[i] as Part;
  const bytes = readRange(binPath, part.at, part.at + part.bytes);
  if (crc32(bytes) !== part.crc) throw new CacheDamagedError(binPath, `the blob of law ${i + 1}`);
  const raw = JSON.parse(bytes.toString("utf8")) as { articles: Article[]; departments: CompactMention[][] };
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
}

/** Typed arrays over the array region, each checked against its checksum as it is taken. */
class ArrayReader {
  constructor(
    private readonly bytes: Buffer,
    private readonly path: string,
  ) {}

  private take(part: Part, name: string): Uint8Array {
    const view = this.bytes.subarray(part.at, part.at + part.bytes);
    if (view.byteLength !== part.bytes || crc32(view) !== part.crc)
      throw new CacheDamagedError(this.path, name);
    return view;
  }

  u32(part: Part, name: string): Uint32Array {
    const v = this.take(part, name);
    return new Uint32Array(v.buffer, v.byteOffset, v.byteLength / 4);
  }

  u16(part: Part, name: string): Uint16Array {
    const v = this.take(part, name);
    return new Uint16Array(v.buffer, v.byteOffset, v.byteLength / 2);
  }

  dictionary(d: DictionaryLayout, name: string): TermDictionaryData {
    const joined = Buffer.from(this.take(d.joined, `${name} terms`)).toString("utf8");
    return { joined, starts: this.u32(d.starts, `${name} term offsets`) };
  }

  segment(s: SegmentLayout): SegmentData {
    const fields = {} as Record<FieldName, PostingsData>;
    for (const f of FIELDS) {
      const l = s.fields[f];
      fields[f] = {
        dictionary: this.dictionary(l.dictionary, f),
        offsets: this.u32(l.offsets, `${f} offsets`),
        docs: this.u32(l.docs, `${f} postings`),
        tfs: this.u16(l.tfs, `${f} frequencies`),
        lengths: this.u32(l.lengths, `${f} lengths`),
      };
    }
    const chars = {
      dictionary: this.dictionary(s.chars.dictionary, "chars"),
      dfs: this.u32(s.chars.dfs, "chars"),
    };
    return { fields, chars };
  }
}

/** Lays out parts one after another, 4-byte aligned, recording each one's place and checksum. */
class PartWriter {
  readonly chunks: Buffer[] = [];
  size = 0;

  add(bytes: Uint8Array, align = 4): Part {
    const pad = (align - (this.size % align)) % align;
    if (pad > 0) this.push(Buffer.alloc(pad));
    const part = { at: this.size, bytes: bytes.byteLength, crc: crc32(bytes) };
    this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return part;
  }

  private push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.byteLength;
  }

  array(a: Uint32Array | Uint16Array): Part {
    return this.add(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }

  dictionary(d: TermDictionaryData): DictionaryLayout {
    return { joined: this.add(Buffer.from(d.joined, "utf8")), starts: this.array(d.starts) };
  }

  segment(s: SegmentData): SegmentLayout {
    const fields = {} as Record<FieldName, FieldLayout>;
    for (const f of FIELDS) {
      const p = s.fields[f];
      fields[f] = {
        dictionary: this.dictionary(p.dictionary),
        offsets: this.array(p.offsets),
        docs: this.array(p.docs),
        tfs: this.array(p.tfs),
        lengths: this.array(p.lengths),
      };
    }
    return {
      fields,
      chars: { dictionary: this.dictionary(s.chars.dictionary), dfs: this.array(s.chars.dfs) },
    };
  }
}

/** The JSON blob of one law: its articles and their departments (compact). */
function lawBlob(law: Law, departments: readonly DepartmentMention[][]): Buffer {
  const compact = departments.map((article) =>
    article.map((d): CompactMention => [d.name, d.canonical, d.role === "actor" ? 1 : 0, d.duty]),
  );
  return Buffer.from(JSON.stringify({ articles: law.articles, departments: compact }), "utf8");
}

/** Writes the cache for `key` atomically (temp files, then rename) and removes older ones. */
export function writeCache(dir: string, key: string, corpus: CorpusToCache): void {
  mkdirSync(dir, { recursive: true });
  const parts = new PartWriter();
  const segments = corpus.segments.map((s) => parts.segment(s));
  const arrays = parts.size;
  const blobs = corpus.laws.map((law, i) => parts.add(lawBlob(law, corpus.departments[i] ?? []), 1));
  const laws: LawMeta[] = corpus.laws.map(({ articles, ...meta }) => ({
    ...meta,
    articleCount: articles.length,
  }));
  const header: CacheHeader = {
    format: CACHE_FORMAT,
    key,
    laws,
    sources: [...corpus.sources],
    blobs,
    homeCount: corpus.homeCount,
    problems: [...corpus.problems],
    segments,
    arrays,
  };
  const body = Buffer.from(JSON.stringify(header), "utf8");
  const base = join(dir, `${PREFIX}${key}`);
  const tmp = `${base}.${process.pid}.tmp`;
  writeFileSync(`${tmp}.bin`, Buffer.concat(parts.chunks, parts.size));
  renameSync(`${tmp}.bin`, `${base}.bin`);
  // The header goes last: it is what marks the cache as present.
  writeFileSync(
    `${tmp}.json`,
    Buffer.concat([Buffer.from(`${MAGIC} ${CACHE_FORMAT} ${crc32(body)}\n`), body]),
  );
  renameSync(`${tmp}.json`, `${base}.json`);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${key}.`))
      rmSync(join(dir, name), { force: true });
  }
}

/** Removes the cache for `key` (found damaged): the next start rebuilds it. */
export function dropCache(dir: string, key: string): void {
  for (const ext of [".json", ".bin"]) rmSync(join(dir, `${PREFIX}${key}${ext}`), { force: true });
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
