import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, engineVersion } from "../../src/corpus/build.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { CORPUS_DIR, INTENTS_DIR, ROOT, SEED_FILE } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let vocabulary: Vocabulary;
const temps: string[] = [];

beforeAll(async () => {
  vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
});
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A home folder with the seed, an "others" folder with three real laws, and an empty cache. */
function setup() {
  const root = mkdtempSync(join(tmpdir(), "tiaowen-build-"));
  temps.push(root);
  const home = join(root, "home");
  const others = join(root, "others");
  mkdirSync(home);
  mkdirSync(others);
  copyFileSync(SEED_FILE, join(home, "大同市智慧城市促进条例.md"));
  for (const f of ["上海市数据条例.md", "济南市12345市民服务热线条例.md", "政务数据共享条例.md"]) {
    copyFileSync(join(CORPUS_DIR, f), join(others, f));
  }
  const cacheDir = join(root, "cache");
  const build = (dependsOn: string[] = ["test"]) =>
    buildCorpus({ dirs: [home, others], cacheDir, tokenizer, vocabulary, dependsOn });
  return { root, home, others, cacheDir, build };
}

describe("buildCorpus", () => {
  it("puts the home laws (the first folder's) first and indexes the others for the corpus search", () => {
    const { build } = setup();
    const c = build();
    expect(c.laws.map((l) => l.title)).toEqual([
      "大同市智慧城市促进条例",
      "上海市数据条例",
      "政务数据共享条例",
      "济南市12345市民服务热线条例",
    ]);
    expect(c.homeLaws.map((l) => l.title)).toEqual(["大同市智慧城市促进条例"]);
    expect(c.size).toBe(45 + 91 + 44 + 44);
    expect(c.entryAt(0).article.label).toBe("第一条");
    expect(c.entryAt(45).law.title).toBe("上海市数据条例");
    expect(c.homeIndex.entries).toHaveLength(45);
    expect(c.corpusIndex).toBeDefined();
  });

  it("writes the cache on the first start and reads it on the next, with the same laws", () => {
    const { build } = setup();
    const first = build();
    expect(first.cache).toBe("miss");
    const second = build();
    expect(second.cache).toBe("hit");
    expect(second.timings).not.toHaveProperty("parse");
    expect(second.laws.map((l) => l.id)).toEqual(first.laws.map((l) => l.id));
    // Articles of laws from the cache are read when first needed, and are the same.
    const [cachedLaw, builtLaw] = [second.laws[1], first.laws[1]];
    if (!cachedLaw || !builtLaw) throw new Error("the corpus has no second law");
    expect(second.entryOf(cachedLaw, 10)?.article).toEqual(first.entryOf(builtLaw, 10)?.article);
    expect(second.entryAt(100).departments).toEqual(first.entryAt(100).departments);
  });

  it("rebuilds when a file changes, a file is added, or the engine changes (stale)", () => {
    const { build, others } = setup();
    build();
    appendFileSync(join(others, "政务数据共享条例.md"), "\n");
    expect(build().cache).toBe("stale");
    expect(build().cache).toBe("hit");
    copyFileSync(join(CORPUS_DIR, "杭州市智慧经济促进条例.md"), join(others, "杭州市智慧经济促进条例.md"));
    const added = build();
    expect(added.cache).toBe("stale");
    expect(added.laws).toHaveLength(5);
    expect(build(["another engine"]).cache).toBe("stale");
  });

  it("rebuilds a corrupt cache instead of trusting it", () => {
    const { build, cacheDir } = setup();
    build();
    for (const f of readdirSync(cacheDir))
      if (f.endsWith(".json") && f.startsWith("corpus-")) writeFileSync(join(cacheDir, f), "{");
    const rebuilt = build();
    expect(rebuilt.cache).toBe("corrupt");
    expect(rebuilt.laws).toHaveLength(4);
    expect(build().cache).toBe("hit");
  });

  it("builds without a cache folder, and without other laws no corpus index", () => {
    const { home } = setup();
    const c = buildCorpus({ dirs: [home], tokenizer, vocabulary, dependsOn: [] });
    expect(c.cache).toBe("off");
    expect(c.corpusIndex).toBeUndefined();
  });

  it("takes the home laws from HOME_LAWS-style names", () => {
    const { home, others } = setup();
    const c = buildCorpus({
      dirs: [home, others],
      homeLaws: ["上海市数据条例"],
      tokenizer,
      vocabulary,
      dependsOn: [],
    });
    expect(c.homeLaws.map((l) => l.title)).toEqual(["上海市数据条例"]);
    expect(c.laws[0]?.title).toBe("上海市数据条例");
  });
});

describe("engineVersion", () => {
  it("names the package version", () => {
    expect(engineVersion(ROOT)).toMatch(/^tiaowen \d+\.\d+\.\d+/);
    expect(engineVersion(join(ROOT, "no-such-folder"))).toBe("tiaowen 0");
  });
});
