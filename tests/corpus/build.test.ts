import { appendFileSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, type Corpus } from "../../src/corpus/build.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { CORPUS_DIR, corpusFolders, INTENTS_DIR } from "../helpers/fixtures.js";

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
  const { root, home, others, cacheDir } = corpusFolders("tiaowen-build-", [
    "上海市数据条例.md",
    "济南市12345市民服务热线条例.md",
    "政务数据共享条例.md",
  ]);
  temps.push(root);
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

/** Everything a corpus answers with: every article's text, and the ranking of a few questions. */
function answers(c: Corpus): unknown {
  const articles = Array.from({ length: c.size }, (_, d) => {
    const e = c.entryAt(d);
    return [e.law.id, e.article.label, e.article.text, e.departments.map((x) => x.canonical)];
  });
  const questions = ["食品安全监控", "公共数据共享", "热线工作机构的职责", "数据交易", "智慧旅游"];
  const ranked = questions.map((q) =>
    c.engine
      .search(analyzeQuery(normalize(q), tokenizer, vocabulary), { limit: 10 })
      .map((h) => [h.entry.id, h.score, h.coverage]),
  );
  return { laws: c.laws.map((l) => [l.id, l.title]), articles, ranked, problems: c.problems };
}

interface Part {
  at: number;
  bytes: number;
}

/** Every part the cache header records: each array of each segment, each law's blob. */
function partsOf(cacheDir: string): Array<{ name: string; file: string; part: Part }> {
  const json = readdirSync(cacheDir).find((f) => f.startsWith("corpus-") && f.endsWith(".json")) as string;
  const bin = json.replace(/\.json$/, ".bin");
  const header = JSON.parse(readFileSync(join(cacheDir, json), "utf8").split("\n").slice(1).join("\n")) as {
    blobs: Part[];
    segments: unknown[];
  };
  const out: Array<{ name: string; file: string; part: Part }> = [];
  const walk = (value: unknown, name: string) => {
    if (value && typeof value === "object" && "at" in value && "bytes" in value) {
      out.push({ name, file: join(cacheDir, bin), part: value as Part });
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, `${name}.${k}`);
    }
  };
  walk(header.segments, "segments");
  for (const [i, b] of header.blobs.entries())
    out.push({ name: `blob ${i}`, file: join(cacheDir, bin), part: b });
  out.push({ name: "header", file: join(cacheDir, json), part: { at: 200, bytes: 1 } });
  return out;
}

describe("buildCorpus with a damaged cache", () => {
  it("answers exactly as before after a byte is flipped in any part: header, any array, any law's blob", () => {
    const { build, cacheDir } = setup();
    const expected = answers(build());
    const parts = partsOf(cacheDir).filter((p) => p.part.bytes > 0);
    expect(parts.filter((p) => p.name.startsWith("blob"))).toHaveLength(4);
    expect(parts.length).toBeGreaterThan(50);
    for (const { name, file, part } of parts) {
      expect(build().cache, `${name}: the cache is sound before the flip`).toBe("hit");
      const bytes = readFileSync(file);
      const at = part.at + Math.floor(part.bytes / 2);
      bytes[at] = (bytes[at] as number) ^ 0x5a;
      writeFileSync(file, bytes);
      const damaged = build();
      // Arrays and header: found at start, rebuilt. A blob: that law re-read from its file.
      expect(damaged.cache, name).toBe(name.startsWith("blob") ? "hit" : "corrupt");
      expect(answers(damaged), name).toEqual(expected);
      if (name.startsWith("blob")) expect(build().cache, `${name}: rebuilt at the next start`).toBe("miss");
    }
  }, 120_000);
});

describe("buildCorpus with a very large article", () => {
  it("indexes a law with a 600 KB article and serves it and every other law", () => {
    const { build, home } = setup();
    const huge = "区人民政府应当加强超长条文的管理".repeat(12_500);
    writeFileSync(
      join(home, "测试市超长条例.md"),
      `# 测试市超长条例\n\n第一条 ${huge}\n\n第二条 本条例自公布之日起施行。\n`,
    );
    const c = build();
    expect(c.problems).toEqual([]);
    const law = c.laws.find((l) => l.title === "测试市超长条例");
    expect(law?.articles[0]?.text.length).toBeGreaterThan(190_000);
    const search = (q: string) =>
      c.engine.search(analyzeQuery(normalize(q), tokenizer, vocabulary), { limit: 3 })[0]?.entry;
    expect(search("超长条文的管理")?.law.title).toBe("测试市超长条例");
    expect(search("食品安全监控")?.article.number).toBe(30);
    expect(build().cache).toBe("hit");
  });
});
