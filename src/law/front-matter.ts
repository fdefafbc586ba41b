/**
 * The YAML front matter of lawtext files (`---` … `---` before the text): the law's id, title,
 * author, dates, status and source. It is the only part of a file whose errors stop the file from
 * being read — a law whose metadata cannot be trusted must not be cited under it.
 */
import { load as parseYaml } from "js-yaml";
import { LawParseError } from "../errors.js";

/** The fields of the front matter the parser uses; anything else is ignored. */
export interface FrontMatter {
  id?: unknown;
  title?: unknown;
  author?: unknown;
  date?: unknown;
  publication_date?: unknown;
  effective_date?: unknown;
  status?: unknown;
  urls?: unknown;
}

/** The front matter of a file and where its text begins. */
export interface FrontMatterResult {
  front: FrontMatter;
  /** Index (0-based) of the first line after the front matter: 0 when there is none. */
  body: number;
}

/**
 * Reads the front matter at the start of `lines`, if there is one.
 * @throws LawParseError naming the file and line when it never ends, is not YAML, or is not a mapping.
 */
export function readFrontMatter(lines: readonly string[], file: string): FrontMatterResult {
  if (lines[0]?.trim() !== "---") return { front: {}, body: 0 };
  const end = lines.findIndex((l, k) => k > 0 && l.trim() === "---");
  if (end < 0) {
    throw new LawParseError(file, 1, "front matter starts with --- but never ends; add a closing --- line");
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(lines.slice(1, end).join("\n"));
  } catch (error) {
    // js-yaml reports a 0-based line within the front matter, which starts on line 2.
    const at = ((error as { mark?: { line: number } }).mark?.line ?? 0) + 1;
    throw new LawParseError(
      file,
      1 + at,
      `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new LawParseError(file, 2, "front matter is not a YAML mapping of fields (id, title, author, …)");
  }
  return { front: parsed as FrontMatter, body: end + 1 };
}

/** A front matter value as a trimmed string (dates as ISO days), or undefined when empty or absent. */
export function str(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}
