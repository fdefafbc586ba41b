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

/** One ordinance file as read from disk. */
export interface LawFile {
  /** Path as found (folder + relative path). */
  path: string;
  /** Path relative to its corpus folder: the law's `file`. */
  name: string;
  /** Which of the folders it came from (0 = the first). */
  folder: number;
  content: Buffer;
}

/** The outcome of {@link loadLaws}. */
export interface LoadedCorpus {
  laws: Law[];
  problems: LoadProblem[];
  /** The folder index of each law, in the order of `laws`. */
  folders: number[];
  /** Every file read. */
  files: Array<{ path: string; size: number }>;
}

/** All Markdown files under `dir`, sorted for a stable order (README/SOURCES/LICENSE left out). */
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

/** An ordinance file found in a corpus folder, before reading it. */
export interface LawFileEntry {
  path: string;
  name: string;
  folder: number;
  size: number;
  mtimeMs: number;
}

/**
 * Lists the ordinance files of every folder (recursively), in folder order, with size and time.
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function statLawFiles(dirs: string[]): LawFileEntry[] {
  const files: LawFileEntry[] = [];
  dirs.forEach((dir, folder) => {
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
      files.push({ path, name: relative(dir, path) || path, folder, size: st.size, mtimeMs: st.mtimeMs });
    }
  });
  return files;
}

/**
 * Reads the ordinance files of every folder (recursively), in folder order.
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function readLawFiles(dirs: string[] | LawFileEntry[]): LawFile[] {
  const entries =
    dirs.length > 0 && typeof dirs[0] === "string"
      ? statLawFiles(dirs as string[])
      : (dirs as LawFileEntry[]);
  return entries.map((f) => ({
    path: f.path,
    name: f.name,
    folder: f.folder,
    content: readFileSync(f.path),
  }));
}

/**
 * Parses files read by {@link readLawFiles}. Ids are made unique: a second law with the same id
 * gets its file name appended.
 */
export function parseLawFiles(files: LawFile[]): LoadedCorpus {
  const laws: Law[] = [];
  const folders: number[] = [];
  const problems: LoadProblem[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    try {
      const law = parseOrdinance(f.content.toString("utf8"), { file: f.name });
      if (ids.has(law.id)) law.id = `${law.id}~${f.name}`;
      ids.add(law.id);
      laws.push(law);
      folders.push(f.folder);
    } catch (error) {
      if (!(error instanceof LawParseError)) throw error;
      problems.push({ file: f.path, message: error.message });
    }
  }
  return { laws, problems, folders, files: files.map((f) => ({ path: f.path, size: f.content.byteLength })) };
}

/**
 * Loads the ordinances of every folder (recursively).
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function loadLaws(dirs: string[]): LoadedCorpus {
  return parseLawFiles(readLawFiles(dirs));
}
