/**
 * Paths and loaders for the test fixtures: the Datong seed (in the repository) and the real
 * ordinances copied into tests/fixtures/ (see tests/fixtures/README.md for their sources).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseOrdinance } from "../../src/law/parse.js";
import type { Law } from "../../src/law/types.js";

/** The project folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The seed ordinance of the deployment. */
export const SEED_FILE = join(ROOT, "seeds", "大同市智慧城市促进条例.md");
/** The project's vocabulary folder. */
export const INTENTS_DIR = join(ROOT, "intents");
/** Real ordinances used as fixtures. */
export const FIXTURES_DIR = join(ROOT, "tests", "fixtures");

/** LawRefBook originals (`# 标题`, history lines, `<!-- INFO END -->`, `第X条 …`). */
export const LAWREFBOOK = {
  jinan: join(FIXTURES_DIR, "lawrefbook", "济南市12345市民服务热线条例(2018-07-27).md"),
  jining: join(FIXTURES_DIR, "lawrefbook", "济宁市智慧城市促进条例(2017-01-18).md"),
  beijing: join(FIXTURES_DIR, "lawrefbook", "北京市数字经济促进条例(2022-11-25).md"),
  shenzhen: join(FIXTURES_DIR, "lawrefbook", "深圳经济特区数据条例(2021-07-06).md"),
  anyang: join(FIXTURES_DIR, "lawrefbook", "安阳市政务服务条例(2021-10-25).md"),
  shenzhenRealEstate: join(FIXTURES_DIR, "lawrefbook", "深圳经济特区房地产登记条例(2021-10-30).md"),
} as const;

/** The 济南 law converted to the lawtext layout (front matter, `- **第X条**　　…`). */
export const LAWTEXT_JINAN = join(FIXTURES_DIR, "lawtext", "济南市12345市民服务热线条例.md");

/** Reads a file as UTF-8. */
export function read(path: string): string {
  return readFileSync(path, "utf8");
}

/** Parses a fixture file, named by its base name as the loader would. */
export function parseFile(path: string): Law {
  const file = path.split("/").pop() as string;
  return parseOrdinance(read(path), { file });
}

/** The Datong seed, parsed. */
export function seedLaw(): Law {
  return parseFile(SEED_FILE);
}

/** One article of a law by number; fails the test when it is missing. */
export function articleOf(law: Law, number: number) {
  const article = law.articles.find((a) => a.number === number && a.sub === 0);
  if (!article) throw new Error(`${law.title} has no article ${number}`);
  return article;
}

/** The ten real regulations in the lawtext layout (copied from the shared corpus). */
export const CORPUS_DIR = join(FIXTURES_DIR, "corpus");

/** The folders {@link corpusFolders} makes. */
export interface CorpusFolders {
  /** The temporary folder holding the others; the caller removes it. */
  root: string;
  /** The seed alone: the home laws' folder. */
  home: string;
  /** The named laws of {@link CORPUS_DIR}. */
  others: string;
  /** Where a cache may go (not created). */
  cacheDir: string;
}

/** A temporary corpus: a home folder with the seed, an "others" folder with the named corpus laws. */
export function corpusFolders(prefix: string, otherFiles: readonly string[]): CorpusFolders {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, "home");
  const others = join(root, "others");
  mkdirSync(home);
  mkdirSync(others);
  copyFileSync(SEED_FILE, join(home, "大同市智慧城市促进条例.md"));
  for (const f of otherFiles) copyFileSync(join(CORPUS_DIR, f), join(others, f));
  return { root, home, others, cacheDir: join(root, "cache") };
}
