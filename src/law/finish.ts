/**
 * Finishing a parsed law: paragraphs joined into article text, articles without text left out,
 * repeated numbers made addressable, a cut-off last article and an empty text warned about, and
 * the metadata (title, id, dates, author) taken from the front matter and the history note.
 */
import { type FrontMatter, str } from "./front-matter.js";
import { authorFromHistory, datesFromHistory, parseHistory } from "./history.js";
import type { Structure } from "./structure.js";
import { tidyTitle } from "./structure.js";
import type { Article, Law } from "./types.js";

/** What the finish needs besides the structure. */
export interface FinishOptions {
  front: FrontMatter;
  /** The file name as given to the parser. */
  file: string;
  numbering: NonNullable<Law["numbering"]>;
  /** Number of lines of the file, for warnings about its end. */
  lineCount: number;
  warn: (line: number, problem: string) => void;
  warnings: string[];
}

/**
 * How a text may end: closing punctuation (。；！？ … quotes and brackets after them), the end of a
 * table row (|), a date (the signature of a decision or reply: "2014年4月17日", "…九月四日于北京"),
 * or the caption of an attachment the text does not include ("附件1", "附表一："). Anything else —
 * "…多网融合，打造" — is a text cut off in the middle. Measured: no warning on the 1,648 national
 * files; 4 on LawRefBook's 1,911 (three last articles without their 。, one distribution list).
 */
const CLEAN_END = /(?:[。；！？…”’」』）)》】.;!?|↑]|[\d〇零一二三四五六七八九十]日(?:于\S{1,6})?)$/;
const ATTACHMENT_CAPTION = /^附[件表图录]\S{0,6}$/;

function endsCleanly(text: string): boolean {
  const last = text.slice(text.lastIndexOf("\n") + 1);
  return CLEAN_END.test(last) || ATTACHMENT_CAPTION.test(last);
}

/** Builds the Law from the structure (see the module comment). */
export function finishLaw(structure: Structure, options: FinishOptions): Law {
  const { front, file, warn } = options;
  let title = structure.title;
  if (!title) {
    title = titleFromFile(file);
    warn(
      1,
      `no title found: the file name "${title}" is used; add \`title:\` to the front matter or a \`# 标题\` first line`,
    );
  }
  const articles = withText(structure.articles, warn);
  renumberRepeats(articles, structure.repeats, warn);
  const chapters = structure.chapters;
  for (const c of chapters)
    c.articles = articles.filter((a) => structure.chapterOf.get(a) === c).map((a) => a.number);
  const keptChapters = chapters.filter((c) => c.articles.length > 0);
  if (keptChapters.length < chapters.length) {
    warn(0, `${chapters.length - keptChapters.length} chapter heading(s) without articles were dropped`);
  }
  const last = articles.at(-1);
  if (!last) {
    warn(options.lineCount, "no text besides the title and history: the law is listed, with nothing to cite");
  } else if (!endsCleanly(last.text)) {
    warn(
      last.line,
      `${last.label} ends without closing punctuation ("…${last.text.slice(-12)}"): the file may be cut off`,
    );
  }

  // In the order of the file (stable: warnings about one line keep their order); line 0, the file
  // as a whole, last.
  const at = (w: string) => Number(/^line (\d+)/.exec(w)?.[1] ?? 0) || Number.POSITIVE_INFINITY;
  options.warnings.sort((a, b) => at(a) - at(b));

  const history = parseHistory(structure.historyText);
  const dates = datesFromHistory(history);
  const publication = str(front.publication_date) ?? str(front.date);
  if (publication) dates.publication = publication;
  const effective = str(front.effective_date);
  if (effective) dates.effective = effective;
  const urls = Array.isArray(front.urls) ? front.urls.filter((u): u is string => typeof u === "string") : [];
  const status = str(front.status);
  return {
    id: str(front.id) ?? idFromFile(file),
    title: tidyTitle(title),
    author: str(front.author) ?? authorFromHistory(history),
    dates,
    status: status && status !== "unknown" ? status : null,
    sourceUrl: urls[0] ?? null,
    history,
    historyText: structure.historyText,
    chapters: keptChapters,
    articles,
    numbering: options.numbering,
    file,
    warnings: options.warnings,
  };
}

/** Joins each article's paragraphs and items into its text; an article without text is left out. */
function withText(articles: Article[], warn: FinishOptions["warn"]): Article[] {
  const kept: Article[] = [];
  for (const a of articles) {
    a.paragraphs = a.paragraphs.filter((p) => p.text !== "" || p.items.length > 0);
    if (a.paragraphs.length === 0) {
      warn(a.line, `${a.label} has no text: it is left out`);
      continue;
    }
    a.text = a.paragraphs
      .map((p) => [p.text, ...p.items.map((it) => `${it.label}${it.text}`)].filter(Boolean).join("\n"))
      .join("\n");
    kept.push(a);
  }
  return kept;
}

/**
 * A number written twice (attachments that count again from 第一条) keeps its label as written
 * and takes the next number after the law's highest, so that every article has its own
 * number+sub — what citations, "第N条" questions and /api/laws/:id/articles/:n address. The warning
 * says which number it got.
 */
function renumberRepeats(
  articles: Article[],
  repeats: Map<Article, number>,
  warn: FinishOptions["warn"],
): void {
  let highest = 0;
  for (const a of articles) if (!repeats.has(a)) highest = Math.max(highest, a.number);
  for (const a of articles) {
    const first = repeats.get(a);
    if (first === undefined) continue;
    highest++;
    warn(
      a.line,
      `${a.label} appears again (first on line ${first}): read as article ${highest}, labelled ${a.label}`,
    );
    a.number = highest;
    a.sub = 0;
  }
}

/** Derives a stable id from a file name when the law has none: "济南市12345市民服务热线条例(2018-07-27).md" → same without extension. */
function idFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, "");
}

/** A title from a file name: without folder, extension and a trailing date "(2018-07-27)". */
function titleFromFile(file: string): string {
  return idFromFile(file).replace(/[（(]\d{4}-\d{2}-\d{2}[)）]$/, "") || file;
}
