import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  CACHE_FORMAT,
  CacheDamagedError,
  cacheKey,
  dropCache,
  readCache,
  readKnownKey,
  writeCache,
  writeKnownKey,
} from "../../src/corpus/cache.js";
import { createAnalyzer } from "../../src/search/analyze.js";
import { IndexedArticle } from "../../src/search/entry.js";
import { buildSegment, type SegmentData } from "../../src/search/segment.js";
import { createTokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { loadVocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

let segment: SegmentData;
const dirs: string[] = [];

beforeAll(async () => {
  const vocabulary = loadVocabulary(INTENTS_DIR);
  const analyzer = createAnalyzer(await createTokenizer({ userWords: vocabulary.dictionary }), vocabulary);
  const law = seedLaw();
  segment = buildSegment(
    law.articles.map((a, i) => new IndexedArticle(i, law, a, extractDepartments(a))),
    analyzer,
  ).data;
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-cache-"));
  dirs.push(dir);
  const laws = [seedLaw(), parseFile(LAWREFBOOK.jinan)];
  const departments = laws.map((l) => l.articles.map((a) => extractDepartments(a)));
  const corpus = {
    laws,
    sources: ["/seeds/a.md", "/others/b.md"],
    departments,
    homeCount: 1,
    problems: [
      {
        file: "/others/x.md",
        name: "x.md",
        problem: "not UTF-8",
        message: "/others/x.md: not UTF-8",
        kind: "unreadable" as const,
      },
    ],
    segments: [segment],
  };
  const key = cacheKey(["test", Buffer.from("content")]);
  const json = join(dir, `corpus-${key}.json`);
  const bin = join(dir, `corpus-${key}.bin`);
  /** The layout the header records (after its checksum line). */
  const header = () =>
    JSON.parse(readFileSync(json, "utf8").split("\n").slice(1).join("\n")) as {
      blobs: Array<{ at: number; bytes: number }>;
      arrays: number;
    };
  const flip = (path: string, at: number) => {
    const bytes = readFileSync(path);
    bytes[at] = (bytes[at] as number) ^ 0x5a;
    writeFileSync(path, bytes);
  };
  return { dir, laws, corpus, key, json, bin, header, flip };
}

describe("cacheKey", () => {
  it("changes with any part and is stable for the same parts", () => {
    expect(cacheKey(["a", Buffer.from("b")])).toBe(cacheKey(["a", Buffer.from("b")]));
    expect(cacheKey(["a", Buffer.from("b")])).not.toBe(cacheKey(["a", Buffer.from("c")]));
    expect(cacheKey(["ab", "c"])).not.toBe(cacheKey(["a", "bc"]));
    expect(CACHE_FORMAT).toBeGreaterThan(0);
  });
});

describe("writeCache / readCache", () => {
  it("reads back what was written: laws (articles on demand), sources, departments, problems, segments", () => {
    const { dir, laws, corpus, key } = setup();
    writeCache(dir, key, corpus);
    const r = readCache(dir, key);
    expect(r.status).toBe("hit");
    const cached = r.corpus;
    expect(cached?.laws[0]).toMatchObject({ id: laws[0]?.id, title: laws[0]?.title, articleCount: 45 });
    expect(cached?.laws[0]).not.toHaveProperty("articles");
    expect(cached?.sources).toEqual(corpus.sources);
    expect(cached?.homeCount).toBe(1);
    expect(cached?.problems).toEqual(corpus.problems);
    const body = cached?.body(1);
    expect(body?.articles).toEqual(laws[1]?.articles);
    expect(body?.departments).toEqual(corpus.departments[1]);
    const got = cached?.segments[0];
    expect(got?.fields.text.dictionary.joined).toBe(segment.fields.text.dictionary.joined);
    expect([...(got?.fields.grams.docs ?? [])]).toEqual([...segment.fields.grams.docs]);
    expect([...(got?.fields.text.tfs ?? [])]).toEqual([...segment.fields.text.tfs]);
    expect([...(got?.chars.dfs ?? [])]).toEqual([...segment.chars.dfs]);
  });

  it("says miss without a cache, stale with one for other contents", () => {
    const { dir, corpus, key } = setup();
    expect(readCache(dir, key).status).toBe("miss");
    expect(readCache(join(dir, "nowhere"), key).status).toBe("miss");
    writeCache(dir, key, corpus);
    expect(readCache(dir, cacheKey(["other"])).status).toBe("stale");
  });

  it("keeps only the newest cache, and drops one on request", () => {
    const { dir, corpus, key } = setup();
    writeCache(dir, cacheKey(["old"]), corpus);
    writeCache(dir, key, corpus);
    expect(readdirSync(dir).sort()).toEqual([`corpus-${key}.bin`, `corpus-${key}.json`]);
    dropCache(dir, key);
    expect(readCache(dir, key).status).toBe("miss");
  });

  it("refuses a truncated binary file, a garbled header and another format as corrupt", () => {
    const { dir, corpus, key, json, bin } = setup();
    writeCache(dir, key, corpus);
    truncateSync(bin, 100);
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });

    writeCache(dir, key, corpus);
    writeFileSync(json, readFileSync(json, "utf8").slice(0, 500));
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });

    writeCache(dir, key, corpus);
    writeFileSync(
      json,
      readFileSync(json, "utf8").replace(`tiaowen-corpus-cache ${CACHE_FORMAT}`, "tiaowen-corpus-cache 0"),
    );
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });
  });

  it("refuses a header changed in place, even into valid JSON", () => {
    const { dir, corpus, key, json } = setup();
    writeCache(dir, key, corpus);
    // Same length, still JSON: a law's article count 45 → 46.
    writeFileSync(json, readFileSync(json, "utf8").replace('"articleCount":45', '"articleCount":46'));
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });
  });

  it("refuses any array with a flipped byte as corrupt", () => {
    const { dir, corpus, key, bin, header, flip } = setup();
    writeCache(dir, key, corpus);
    const arrays = header().arrays;
    for (const at of [0, Math.floor(arrays / 3), arrays - 1]) {
      writeCache(dir, key, corpus);
      flip(bin, at);
      expect(readCache(dir, key).status, `byte ${at}`).toBe("corrupt");
    }
  });

  it("reads a law whose blob has a flipped byte as damaged, and the other laws as they were", () => {
    const { dir, laws, corpus, key, bin, header, flip } = setup();
    writeCache(dir, key, corpus);
    const blob = header().blobs[0] as { at: number; bytes: number };
    flip(bin, blob.at + Math.floor(blob.bytes / 2));
    const r = readCache(dir, key);
    expect(r.status).toBe("hit");
    expect(() => r.corpus?.body(0)).toThrow(CacheDamagedError);
    expect(() => r.corpus?.body(0)).toThrow(/the blob of law 1 does not match its checksum/);
    expect(r.corpus?.body(1).articles).toEqual(laws[1]?.articles);
  });
});

describe("readKnownKey / writeKnownKey", () => {
  it("remembers the content key of a file listing, and nothing for another listing", () => {
    const { dir } = setup();
    expect(readKnownKey(dir, "listing-1")).toBeUndefined();
    writeKnownKey(dir, "listing-1", "key-1");
    expect(readKnownKey(dir, "listing-1")).toBe("key-1");
    expect(readKnownKey(dir, "listing-2")).toBeUndefined();
  });
});
