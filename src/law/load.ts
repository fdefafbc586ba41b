/**
 * Reads every ordinance file under the given folders. A file that cannot be read is reported,
 * not fatal: one bad file among 1,900 must not keep the others from being served.
 *
 * Symbolic links are followed — to files and to folders. Each real file is read once, by its own
 * path where it has one; a second path to it (a link) is skipped and reported as such, and so is a
 * link to a folder it is inside (a loop); a link to nothing is reported as unreadable.
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

/** A law file found by a walk, before duplicates are settled. */
interface Found {
  path: string;
  /** The real path (links resolved): one file, however many paths lead to it. */
  real: string;
  /** Reached through a symbolic link (the file's own, or a folder's on the way). */
  linked: boolean;
  /** Which corpus folder it was found in. */
  folder: number;
}

/** A path the walk does not read, and why. */
interface Skipped {
  path: string;
  folder: number;
  problem: string;
  kind: LoadProblem["kind"];
}

const NOT_LAWS = /^(readme|sources|license)\.md$/i;

/**
 * Walks `dir` recursively in a stable (sorted) order, following symbolic links but never into a
 * folder it is already inside (a loop).
 */
function walkLawFiles(dir: string, folder: number, found: Found[], skipped: Skipped[]): void {
  const walk = (d: string, above: Set<string>, linked: boolean) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(d, entry.name);
      const link = entry.isSymbolicLink();
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (link) {
        try {
          const st = statSync(path);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          if (/\.md$/i.test(entry.name)) {
            skipped.push({
              path,
              folder,
              problem: "a symbolic link to a file that does not exist",
              kind: "unreadable",
            });
          }
          continue;
        }
      }
      if (isDir) {
        const real = realpathSync(path);
        if (above.has(real)) {
          const problem = "a symbolic link to a folder it is inside: not followed (it would loop)";
          skipped.push({ path, folder, problem, kind: "skipped" });
        } else {
          walk(path, new Set([...above, real]), linked || link);
        }
      } else if (isFile && /\.md$/i.test(entry.name) && !NOT_LAWS.test(entry.name)) {
        found.push({ path, real: realpathSync(path), linked: linked || link, folder });
      }
    }
  };
  walk(dir, new Set([realpathSync(dir)]), false);
}

/**
 * Settles files found by several paths: each real file is read once, by its own path rather than
 * through a link where it has one; the other paths are skipped, and said so.
 */
function settleDuplicates(found: Found[], skipped: Skipped[]): Found[] {
  const chosen = new Map<string, Found>();
  for (const f of found) {
    const first = chosen.get(f.real);
    if (!first || (first.linked && !f.linked)) chosen.set(f.real, f);
  }
  const kept: Found[] = [];
  for (const f of found) {
    const keep = chosen.get(f.real) as Found;
    if (keep === f) kept.push(f);
    else
      skipped.push({
        path: f.path,
        folder: f.folder,
        problem: `the same file as ${keep.path} (a symbolic link): read once, there`,
        kind: "skipped",
      });
  }
  return kept;
}

/** All Markdown files under `dir` (links followed, each real file once), sorted for a stable order (README/SOURCES/LICENSE left out). */
export function listLawFiles(dir: string): string[] {
  const found: Found[] = [];
  walkLawFiles(dir, 0, found, []);
  return settleDuplicates(found, []).map((f) => f.path);
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
  const found: Found[] = [];
  const skipped: Skipped[] = [];
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
    walkLawFiles(dir, folder, found, skipped);
  });
  const files: LawFileEntry[] = settleDuplicates(found, skipped).map((f) => {
    const st = statSync(f.path);
    const dir = dirs[f.folder] as string;
    return {
      path: f.path,
      name: relative(dir, f.path) || f.path,
      folder: f.folder,
      size: st.size,
      mtimeMs: st.mtimeMs,
    };
  });
  for (const s of skipped) {
    const dir = dirs[s.folder] as string;
    const name = relative(dir, s.path) || s.path;
    const problem = locate({ file: s.path, name, problem: s.problem, kind: s.kind });
    files.push({ path: s.path, name, folder: s.folder, size: 0, mtimeMs: 0, problem });
  }
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
  return m[1] === "0"
    ? `${file}: ${warning.slice(m[0].length)}`
    : `${file}:${m[1]}: ${warning.slice(m[0].length)}`;
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
