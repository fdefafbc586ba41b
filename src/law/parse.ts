/**
 * Markdown ordinance → Law. Reads two real layouts:
 * - lawtext's: YAML front matter, `**title**`, `> history`, `## 第X章`, `- **第X条**　　…`, `  - （一）…`;
 * - LawRefBook's: `# title`, history lines, `<!-- INFO END -->`, `## 第X章` / `### 第X节`, `第X条 …`.
 * and three ways of dividing a text: 第X条 articles; numbered paragraphs (一、二、…) in decisions and
 * replies that have no 第X条 (paragraphs.ts); or, with neither, one passage for the whole text.
 *
 * Four steps, one module each: front matter (front-matter.ts), line classifier (lines.ts),
 * structure builder (structure.ts), finish (finish.ts). Irregularities that can be read (lost 第X章
 * prefixes, a table of contents written as headings, numbers out of order or repeated, a text cut
 * off) become warnings; only what would make the law untrustworthy — front matter that cannot be
 * read — is a LawParseError naming the file and line.
 */
import { finishLaw } from "./finish.js";
import { readFrontMatter, str } from "./front-matter.js";
import { classifyLines, settleArticles } from "./lines.js";
import { markNumberedParagraphs } from "./paragraphs.js";
import { buildStructure, buildWhole } from "./structure.js";
import type { Law } from "./types.js";

/**
 * The version of what the parser makes of a file: part of the corpus cache key, so that a cache
 * built by an older parser is rebuilt rather than served. Bump it with any change to the output.
 */
export const PARSER_VERSION = 2;

/** Options for {@link parseOrdinance}. */
export interface ParseOptions {
  /** The file name used in errors, warnings and the derived id. */
  file: string;
}

/**
 * Parses one ordinance in Markdown (either supported layout) into a {@link Law}.
 * @throws LawParseError naming the file and line when the front matter cannot be read.
 */
export function parseOrdinance(markdown: string, options: ParseOptions): Law {
  const { file } = options;
  const lines = markdown.replace(/^\uFEFF/, "").split(/\r?\n/);
  const warnings: string[] = [];
  const warn = (line: number, problem: string) => {
    warnings.push(`line ${line}: ${problem}`);
  };
  const { front, body } = readFrontMatter(lines, file);
  const source = classifyLines(lines, body);
  let numbering: NonNullable<Law["numbering"]> = "articles";
  if (settleArticles(source) === 0) {
    const marked = markNumberedParagraphs(source);
    numbering = marked.numbering;
    if (marked.split) {
      warn(
        marked.split.no,
        `一、 starts inside the line ("…${marked.split.text.slice(0, 12)}"): read from there as paragraph 一`,
      );
    }
  }
  const frontTitle = str(front.title);
  const structure =
    numbering === "whole"
      ? buildWhole(source, { frontTitle, warn })
      : buildStructure(source, { frontTitle, numbering, warn });
  return finishLaw(structure, { front, file, numbering, lineCount: lines.length, warn, warnings });
}
