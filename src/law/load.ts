/**
 * Reads every ordinance file under the given folders. A file that cannot be parsed is reported,
 * not fatal: one bad file among 1,900 must not keep the others from being served.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { LawParseError, TiaowenError } from "../errors.js";
import { parseOrdinance } from "./parse.js";
import type { Law } from "./types.js";

/** A file that was skipped, and why. */
export interface LoadProblem {
  file: string;
  message: string;
}

/** The outcome of {@link loadLaws}. */
export interface LoadedCorpus {
  laws: Law[];
  problems: LoadProblem[];
  /** Every file read, with its size and modification time (the cache key uses them). */
  files: Array<{ path: string; size: number; mtimeMs: number }>;
}

/** All Markdown files under `dir`, sorted for a stable order. */
export function listLawFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else if (
        name.isFile() &&
        /\.md$/i.test(name.name) &&
        !/^(readme|sources|license)\.md$/i.test(name.name)
      )
        out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Loads the ordinances of every folder (recursively). Ids are made unique: a second law with
 * the same id gets the file name appended.
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function loadLaws(dirs: string[]): LoadedCorpus {
  const laws: Law[] = [];
  const problems: LoadProblem[] = [];
  const files: LoadedCorpus["files"] = [];
  const ids = new Set<string>();
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      throw new TiaowenError(
        "CORPUS_DIR",
        `corpus folder ${dir} does not exist: check the seeds/ folder or CORPUS_DIRS`,
      );
    }
    for (const path of listLawFiles(dir)) {
      const st = statSync(path);
      files.push({ path, size: st.size, mtimeMs: st.mtimeMs });
      const name = relative(dir, path) || path;
      try {
        const law = parseOrdinance(readFileSync(path, "utf8"), { file: name });
        if (ids.has(law.id)) law.id = `${law.id}~${name}`;
        ids.add(law.id);
        laws.push(law);
      } catch (error) {
        if (!(error instanceof LawParseError)) throw error;
        problems.push({ file: path, message: error.message });
      }
    }
  }
  return { laws, problems, files };
}
