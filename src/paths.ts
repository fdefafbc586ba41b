/** Where the project's own folders are: one place, for src/ under tsx and dist/src/ after a build. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** The project folder: the nearest one above this file with a package.json (src/ or dist/src/). */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
/** Where the deployment's ordinances live by default. */
export const DEFAULT_SEEDS_DIR = join(PROJECT_ROOT, "seeds");
/** Where the intent rules, synonyms, glossary and user dictionary live by default. */
export const DEFAULT_INTENTS_DIR = join(PROJECT_ROOT, "intents");
/** Where the learned ranking tables of the national laws live (built by `npm run learn`). */
export const DEFAULT_LEARNED_DIR = join(PROJECT_ROOT, "learned");
