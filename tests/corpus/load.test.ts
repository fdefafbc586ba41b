import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeCache } from "../../src/corpus/cache.js";
import { engineVersion, type Lap, loadCorpusLaws } from "../../src/corpus/load.js";
import { TiaowenError } from "../../src/errors.js";
import { corpusFolders, ROOT, seedLaw } from "../helpers/fixtures.js";

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A home folder with the seed, an "others" folder with two laws, and a cache folder. */
function setup() {
  const { root, home, others, cacheDir } = corpusFolders("tiaowen-load-", [
    "上海市数据条例.md",
    "政务数据共享条例.md",
  ]);
  temps.push(root);
  const laps: string[] = [];
  const lap: Lap = (name) => laps.push(name);
  const load = (homeLaws?: string[]) =>
    loadCorpusLaws(
      { dirs: [others, home], cacheDir, dependsOn: ["test"], ...(homeLaws ? { homeLaws } : {}) },
      lap,
    );
  return { root, home, others, cacheDir, load, lap, laps };
}

/** Writes what a load read to the cache, as a build would, without index segments. */
function cacheWithoutSegments(cacheDir: string, loaded: ReturnType<typeof loadCorpusLaws>): void {
  writeCache(cacheDir, loaded.key as string, {
    laws: loaded.laws,
    sources: loaded.sources,
    departments: loaded.allDepartments(),
    homeCount: loaded.homeCount,
    problems: loaded.problems,
    segments: [],
  });
}

describe("loadCorpusLaws", () => {
  it("reads the files, puts the home laws first and records each law's file", () => {
    const { load, others } = setup();
    const loaded = load(["大同市智慧城市促进条例"]);
    expect(loaded.laws.map((l) => l.title)).toEqual([
      "大同市智慧城市促进条例",
      "上海市数据条例",
      "政务数据共享条例",
    ]);
    expect(loaded.homeCount).toBe(1);
    expect(loaded.counts).toEqual(loaded.laws.map((l) => l.articles.length));
    expect(loaded.sources[1]).toBe(join(others, "上海市数据条例.md"));
    expect(loaded.departmentsOf(0, 29).map((d) => d.canonical)).toEqual(["市场监督管理部门"]);
    expect(loaded.cache).toBe("miss");
    expect(loaded.key).toMatch(/^[0-9a-f]{32}$/);
    expect(loaded.segments).toBeUndefined();
  });

  it("takes the laws of the first folder as home laws by default", () => {
    const { load } = setup();
    const loaded = load();
    expect(loaded.laws.slice(0, loaded.homeCount).map((l) => l.title)).toEqual([
      "上海市数据条例",
      "政务数据共享条例",
    ]);
  });

  it("takes parsed laws as they are, all of them home laws, without a cache", () => {
    const { lap } = setup();
    const loaded = loadCorpusLaws({ laws: [seedLaw()], dependsOn: [] }, lap);
    expect(loaded.homeCount).toBe(1);
    expect(loaded.cache).toBe("off");
    expect(loaded.sources).toEqual([""]);
  });

  it("reads laws from the cache lazily, with their departments", () => {
    const { load, cacheDir } = setup();
    const first = load(["大同市智慧城市促进条例"]);
    cacheWithoutSegments(cacheDir, first);
    const second = load(["大同市智慧城市促进条例"]);
    expect(second.cache).toBe("hit");
    expect(second.segments).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(second.laws[0], "articles")?.get).toBeDefined();
    expect(second.departmentsOf(0, 29).map((d) => d.canonical)).toEqual(["市场监督管理部门"]);
    expect(second.laws[0]?.articles).toEqual(first.laws[0]?.articles);
  });

  it("re-reads a law from its file when its cached blob is damaged, and drops the cache", () => {
    const { load, cacheDir } = setup();
    const first = load(["大同市智慧城市促进条例"]);
    cacheWithoutSegments(cacheDir, first);
    const bin = join(cacheDir, `corpus-${first.key}.bin`);
    const bytes = readFileSync(bin);
    bytes[10] = (bytes[10] as number) ^ 0xff; // inside the first law's blob (no arrays before it)
    writeFileSync(bin, bytes);
    const damaged = load(["大同市智慧城市促进条例"]);
    expect(damaged.cache).toBe("hit");
    expect(damaged.laws[0]?.articles).toEqual(first.laws[0]?.articles);
    expect(damaged.departmentsOf(0, 29)).toEqual(first.departmentsOf(0, 29));
    expect(load(["大同市智慧城市促进条例"]).cache).toBe("miss");
  });

  it("refuses an empty folder and home laws that are not there, saying how to fix it", () => {
    const { root, lap, load } = setup();
    const empty = join(root, "empty");
    mkdirSync(empty);
    expect(() => loadCorpusLaws({ dirs: [empty], dependsOn: [] }, lap)).toThrow(
      `no law could be read from ${empty}: the folder holds no Markdown law (*.md); put at least one law into ${empty}`,
    );
    expect(() => load(["上海市民法典"])).toThrow(TiaowenError);
    expect(() => load(["上海市民法典"])).toThrow("none of the home laws 上海市民法典 is in the corpus");
  });
});

describe("engineVersion", () => {
  it("names the package version", () => {
    expect(engineVersion(ROOT)).toMatch(/^tiaowen \d+\.\d+\.\d+/);
    expect(engineVersion(join(ROOT, "no-such-folder"))).toBe("tiaowen 0");
  });
});
