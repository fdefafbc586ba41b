import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CACHE_FORMAT,
  cacheKey,
  readCache,
  readKnownKey,
  writeCache,
  writeKnownKey,
} from "../../src/corpus/cache.js";
import { PostingsIndex } from "../../src/search/postings.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { seedLaw } from "../helpers/fixtures.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-cache-"));
  dirs.push(dir);
  const law = seedLaw();
  const departments = [law.articles.map((a) => extractDepartments(a))];
  const postings = PostingsIndex.build(law.articles.map((a) => [...a.text.slice(0, 20)])).data;
  const corpus = { laws: [law], departments, homeCount: 1, problems: [], home: { saved: true }, postings };
  const key = cacheKey(["test", Buffer.from("content")]);
  return { dir, law, corpus, key };
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
  it("reads back what was written: laws (articles on demand), departments, postings, home index", () => {
    const { dir, law, corpus, key } = setup();
    writeCache(dir, key, corpus);
    const r = readCache(dir, key);
    expect(r.status).toBe("hit");
    const cached = r.corpus;
    expect(cached?.laws[0]).toMatchObject({ id: law.id, title: law.title, articleCount: 45 });
    expect(cached?.laws[0]).not.toHaveProperty("articles");
    const body = cached?.body(0);
    expect(body?.articles).toEqual(law.articles);
    expect(body?.departments).toEqual(corpus.departments[0]);
    expect(cached?.home).toEqual({ saved: true });
    expect([...(cached?.postings?.docs ?? [])]).toEqual([...corpus.postings.docs]);
    expect(cached?.postings?.terms).toEqual(corpus.postings.terms);
  });

  it("says miss without a cache, stale with one for other contents", () => {
    const { dir, corpus, key } = setup();
    expect(readCache(dir, key).status).toBe("miss");
    expect(readCache(join(dir, "nowhere"), key).status).toBe("miss");
    writeCache(dir, key, corpus);
    expect(readCache(dir, cacheKey(["other"])).status).toBe("stale");
  });

  it("keeps only the newest cache", () => {
    const { dir, corpus, key } = setup();
    writeCache(dir, cacheKey(["old"]), corpus);
    writeCache(dir, key, corpus);
    expect(readdirSync(dir).sort()).toEqual([`corpus-${key}.bin`, `corpus-${key}.json`]);
  });

  it("refuses a truncated binary file, a garbled header and another format as corrupt", () => {
    const { dir, corpus, key } = setup();
    const json = join(dir, `corpus-${key}.json`);
    const bin = join(dir, `corpus-${key}.bin`);
    writeCache(dir, key, corpus);
    truncateSync(bin, 100);
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });

    writeCache(dir, key, corpus);
    writeFileSync(json, readFileSync(json, "utf8").slice(0, 500));
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });

    writeCache(dir, key, corpus);
    writeFileSync(json, readFileSync(json, "utf8").replace(`"format":${CACHE_FORMAT}`, '"format":0'));
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });

    writeCache(dir, key, corpus);
    const bytes = readFileSync(bin);
    bytes.fill(0x7b, bytes.byteLength - 50); // garble the last law's articles
    writeFileSync(bin, bytes);
    expect(readCache(dir, key)).toEqual({ status: "corrupt" });
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
