/**
 * Reads every ordinance file under the given folders. A file that cannot be read is reported,
 * not fatal: one bad file among 1,900 must not keep the others from being served.
 *
 * Symbolic links are followed — to files and to folders — each real file and folder read once, so
 * a link back to a folder above it (a loop) or a second path to a file already read is skipped and
 * reported as such; a link to nothing is reported as unreadable.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { LawParseError, TiaowenError } from "../errors.js";
import { parseOrdinance } from "./parse.js";
import type { Law } from "./types.js";

/**
 * A file that was not read, and why. `kind` "unreadable": the file is meant as a law but cannot
 * be read (broken front matter, not UTF-8, a broken link, no permission) — `corpus:check` fails on
 * it. "skipped": a link the loader does not follow again (a loop, a second path to the same file).
 */
export interface LoadProblem {
  /** The path as found: the corpus folder joined with the file's path inside it. */
  file: string;
  /** The file's path inside its corpus folder (what /readyz shows, without the server's folders). */
  name: string;
  /** The line the problem is on, where there is one. */
  line?: number;
  /** What is wrong and how to fix it, without the location. */
  problem: string;
  /** "path:line: problem" (or "path: problem" without a line), ready to print. */
  message: string;
  kind: "unreadable" | "skipped";
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
  /** Why the file could not be read or was skipped; `content` is empty then. */
  problem?: LoadProblem;
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

/** What a walk of one folder found: the law files, and the links it did not follow. */
interface Listing {
  files: string[];
  skipped: Array<{ path: string; problem: string; kind: LoadProblem["kind"] }>;
}

const NOT_LAWS = /^(readme|sources|license)\.md$/i;

/**
 * Walks `dir` recursively in a stable (sorted) order, following symbolic links. `seen` holds the
 * real paths already read, shared across the folders of one corpus.
 */
function walkLawFiles(dir: string, seen: Map<string, string>): Listing {
  const listing: Listing = { files: [], skipped: [] };
  const skip = (path: string, problem: string, kind: LoadProblem["kind"]) => {
    listing.skipped.push({ path, problem, kind });
  };
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(path);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          if (/\.md$/i.test(entry.name)) skip(path, "a symbolic link to a file that does not exist", "unreadable");
          continue;
        }
      }
      if (!isDir && !(isFile && /\.md$/i.test(entry.name) && !NOT_LAWS.test(entry.name))) continue;
      const real = realpathSync(path);
      const first = seen.get(real);
      if (first !== undefined) {
        skip(path, `the same ${isDir ? "folder" : "file"} as ${first} (a symbolic link): read once, there`, "skipped");
        continue;
      }
      seen.set(real, path);
      if (isDir) walk(path);
      else listing.files.push(path);
    }
  };
  seen.set(realpathSync(dir), dir);
  walk(dir);
  return listing;
}

/** All Markdown files under `dir` (links followed, each real file once), sorted for a stable order (README/SOURCES/LICENSE left out). */
export function listLawFiles(dir: string): string[] {
  return walkLawFiles(dir, new Map()).files;
}

/** An ordinance file found in a corpus folder, before reading it. */
export interface LawFileEntry {
  path: string;
  name: string;
  folder: number;
  size: number;
  mtimeMs: number;
  /** Set for a link that is not read (see {@link LoadProblem}); size and time are 0 then. */
  problem?: LoadProblem;
}

/**
 * Lists the ordinance files of every folder (recursively), in folder order, with size and time;
 * links that are not followed are listed with their problem.
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function statLawFiles(dirs: string[]): LawFileEntry[] {
  const files: LawFileEntry[] = [];
  const seen = new Map<string, string>();
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
    const { files: paths, skipped } = walkLawFiles(dir, seen);
    for (const path of paths) {
      const st = statSync(path);
      files.push({ path, name: relative(dir, path) || path, folder, size: st.size, mtimeMs: st.mtimeMs });
    }
    for (const s of skipped) {
      const name = relative(dir, s.path) || s.path;
      const problem = locate({ file: s.path, name, problem: s.problem, kind: s.kind });
      files.push({ path: s.path, name, folder, size: 0, mtimeMs: 0, problem });
    }
  });
  return files;
}

/**
 * Reads the ordinance files of every folder (recursively), in folder order. A file that cannot be
 * read (no permission, gone since it was listed) comes back empty, with its problem.
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function readLawFiles(dirs: string[] | LawFileEntry[]): LawFile[] {
  const entries =
    dirs.length > 0 && typeof dirs[0] === "string"
      ? statLawFiles(dirs as string[])
      : (dirs as LawFileEntry[]);
  return entries.map((f) => {
    const file = { path: f.path, name: f.name, folder: f.folder };
    if (f.problem) return { ...file, content: Buffer.alloc(0), problem: f.problem };
    try {
      return { ...file, content: readFileSync(f.path) };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const problem = locate({
        file: f.path,
        name: f.name,
        problem: `cannot be read (${reason}): check that the file exists and may be read`,
        kind: "unreadable",
      });
      return { ...file, content: Buffer.alloc(0), problem };
    }
  });
}

/**
 * The text of a file, which must be UTF-8.
 * @throws LawParseError naming the first line that is not, with how to convert the file.
 */
export function decodeLawText(content: Buffer, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= content.length; i++) {
      if (i < content.length && content[i] !== 0x0a) continue;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(content.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    throw new LawParseError(
      name,
      line,
      "the file is not UTF-8 text (GB18030?): save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8",
    );
  }
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
  const read: LoadedCorpus["files"] = [];
  for (const f of files) {
    if (f.problem) {
      problems.push(f.problem);
      continue;
    }
    read.push({ path: f.path, size: f.content.byteLength });
    try {
      const law = parseOrdinance(decodeLawText(f.content, f.name), { file: f.name });
      if (ids.has(law.id)) law.id = `${law.id}~${f.name}`;
      ids.add(law.id);
      laws.push(law);
      folders.push(f.folder);
    } catch (error) {
      if (!(error instanceof LawParseError)) throw error;
      const problem = error.message.slice(`${error.file}:${error.line}: `.length);
      problems.push(locate({ file: f.path, name: f.name, line: error.line, problem, kind: "unreadable" }));
    }
  }
  return { laws, problems, folders, files: read };
}

/**
 * Loads the ordinances of every folder (recursively).
 * @throws TiaowenError CORPUS_DIR when a folder does not exist.
 */
export function loadLaws(dirs: string[]): LoadedCorpus {
  return parseLawFiles(readLawFiles(dirs));
}

/** A problem with its printable message: "path:line: problem". */
function locate(p: Omit<LoadProblem, "message">): LoadProblem {
  const at = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return { ...p, message: `${at}: ${p.problem}` };
}

/**
 * A law's warning ("line 12: 第五条 comes after 第七条; …") located in its file, as editors and
 * terminals link it: "x.md:12: 第五条 comes after 第七条; …" (line 0: the file as a whole).
 */
export function locateWarning(file: string, warning: string): string {
  const m = /^line (\d+): /.exec(warning);
  if (!m) return `${file}: ${warning}`;
  return m[1] === "0" ? `${file}: ${warning.slice(m[0].length)}` : `${file}:${m[1]}: ${warning.slice(m[0].length)}`;
}

/** The files of a corpus that could not be read (not those skipped on purpose). */
export function unreadable(problems: readonly LoadProblem[]): LoadProblem[] {
  return problems.filter((p) => p.kind !== "skipped");
}

/**
 * The error when no law at all could be read: names the folders and every file's problem
 * (path:line: problem), so that the deployer knows what to fix and where.
 */
export function noLawError(dirs: readonly string[], problems: readonly LoadProblem[]): TiaowenError {
  const where = dirs.length > 0 ? dirs.join(", ") : "the laws given";
  if (problems.length === 0) {
    return new TiaowenError(
      "NO_LAWS",
      `no law could be read from ${where}: the folder holds no Markdown law (*.md); put at least one law into ${where}`,
    );
  }
  const listed = problems.slice(0, 10).map((p) => p.message);
  if (problems.length > 10) listed.push(`… and ${problems.length - 10} more`);
  return new TiaowenError(
    "NO_LAWS",
    `no law could be read from ${where}: ${listed.join("; ")} — fix the file${problems.length > 1 ? "s" : ""}, or put at least one readable law into ${where}`,
  );
}
