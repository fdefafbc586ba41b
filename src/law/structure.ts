/**
 * The structure builder: walks the classified lines of an ordinance and builds its title, history
 * note, chapters, sections and articles (paragraphs and items). Irregularities it can read — lost
 * 第X章 prefixes, a table of contents written as headings, articles before the first chapter,
 * numbers out of order or repeated — become warnings; it never throws.
 *
 * Two readings of the same lines: "articles" (第X条, or the numbered paragraphs marked by
 * paragraphs.ts, which arrive as articles too) and "whole" (a text with no numbering at all: one
 * passage, label 全文, number 1).
 */
import type { ChapterMark, SourceLine } from "./lines.js";
import { CHINESE_NUMERAL_CLASS, parseChineseNumber, toChineseNumber } from "./numerals.js";
import type { Article, Chapter, Paragraph, Section } from "./types.js";

const N = `[${CHINESE_NUMERAL_CLASS}0-9０-９]+`;
const SPACE = "[\\s\\u00a0\\u3000]";
const CHAPTER_TEXT = new RegExp(`^第(${N})章${SPACE}*(.*)$`);
const SECTION_TEXT = new RegExp(`^第(${N})节${SPACE}*(.*)$`);
const TOC_TITLE = /^目\s*录$/;
const HAS_DATE = /\d{4}年\d{1,2}月\d{1,2}日/;

/** The label of the one passage of a text without any numbering. */
export const WHOLE_TEXT_LABEL = "全文";

/** Removes the spacing that typesetting puts inside short titles: "总 则" → "总则". */
export function tidyTitle(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, "").trim();
}

/** What the builder needs besides the lines. */
export interface BuildOptions {
  /** The title from the front matter, if any: then no line is history unless it starts with `>`. */
  frontTitle: string | undefined;
  /** "paragraphs": the articles are numbered paragraphs, and short bare lines are text, not lost headings. */
  numbering: "articles" | "paragraphs";
  warn: (line: number, problem: string) => void;
}

/** What the builder makes of the lines. */
export interface Structure {
  title: string | undefined;
  historyText: string[];
  chapters: Chapter[];
  articles: Article[];
  /** The chapter object each article was read into (chapter numbers may repeat in a text). */
  chapterOf: Map<Article, Chapter>;
  /** The articles whose number+sub was already taken, each with the line of the first one. */
  repeats: Map<Article, number>;
}

/** Builds chapters and articles from the classified lines (see the module comment). */
export function buildStructure(lines: readonly SourceLine[], options: BuildOptions): Structure {
  const b = new Builder(options);
  for (const line of lines) b.read(line);
  return b.result();
}

class Builder {
  private title: string | undefined;
  private readonly historyText: string[] = [];
  private readonly chapters: Chapter[] = [];
  private readonly articles: Article[] = [];
  private readonly chapterOf = new Map<Article, Chapter>();
  private readonly repeats = new Map<Article, number>();
  private readonly firstLine = new Map<string, number>();
  private chapter: Chapter | null = null;
  private section: Section | null = null;
  private article: Article | null = null;
  private paragraph: Paragraph | null = null;
  private inToc = false;
  private tocLine = 0;
  private infoEnded = false;
  private lastHeadingKind: "chapter" | "section" | null = null;

  constructor(private readonly options: BuildOptions) {
    this.title = options.frontTitle;
  }

  result(): Structure {
    const { title, historyText, chapters, articles, chapterOf, repeats } = this;
    return { title, historyText, chapters, articles, chapterOf, repeats };
  }

  private warn(line: number, problem: string): void {
    this.options.warn(line, problem);
  }

  /** One line, in the order of precedence the two supported layouts need. */
  read(line: SourceLine): void {
    if (line.marker === "info-end") {
      this.infoEnded = true;
      return;
    }
    if (line.marker === "comment") return;
    if (line.marker === "rule") {
      this.inToc = false;
      return;
    }
    if (line.chapter) {
      this.inToc = false;
      this.startChapter(line.no, line.chapter.number, line.chapter.title, line.chapter);
      return;
    }
    if (line.heading && !line.article) {
      this.readHeading(line.no, line.heading.level, line.heading.text);
      return;
    }
    if (this.inToc) {
      if (line.article) {
        this.warn(
          line.no,
          `${line.article.label} is inside the table of contents (目录, line ${this.tocLine}) and is not read`,
        );
      }
      return; // `- 第一章 总 则` lines of a written table of contents
    }
    // A numbered paragraph written in bold ("**一、…**") is a passage, never a title.
    const passage = line.article !== undefined && this.options.numbering === "paragraphs";
    if (line.bold !== undefined && this.articles.length === 0 && !passage) {
      const t = tidyTitle(line.bold);
      if (!this.title) this.title = t;
      else if (t !== tidyTitle(this.title))
        this.warn(line.no, `bold title "${clip(t)}" differs from the front matter title`);
      return;
    }
    if (line.history !== undefined) {
      if (this.articles.length > 0)
        this.warn(line.no, `a ">" line after the first article is read as history, not article text`);
      this.historyText.push(line.history);
      return;
    }
    if (line.article) {
      this.startArticle(line);
      return;
    }
    if (line.badArticle !== undefined) {
      this.warn(line.no, `cannot read the article number "${line.badArticle}": the line is read as text`);
    }
    if (!this.article) this.readPreamble(line);
    else this.readArticleLine(line, this.article);
  }

  private readHeading(no: number, level: number, text: string): void {
    if (level === 1 && !this.title && this.articles.length === 0) {
      this.title = tidyTitle(text);
      return;
    }
    if (TOC_TITLE.test(tidyTitle(text))) {
      this.inToc = true;
      this.tocLine = no;
      return;
    }
    if (this.structural(no, tidyTitle(text).length > 0 ? text.replace(/^[\s\u3000]+/, "") : text)) return;
    if (!this.title && this.articles.length === 0) {
      this.title = tidyTitle(text);
      return;
    }
    if (tidyTitle(text) === "") return;
    this.startLostHeading(no, text);
  }

  /** Before the first article: history lines of LawRefBook files, headings, or stray text. */
  private readPreamble(line: SourceLine): void {
    const { text, no } = line;
    const front = this.options.frontTitle !== undefined;
    if (!this.infoEnded && !front && HAS_DATE.test(text)) {
      this.historyText.push(text);
      return;
    }
    if (this.options.numbering === "articles" && isBareHeading(text)) {
      if (!this.structural(no, text)) this.startLostHeading(no, text);
      return;
    }
    if (!this.infoEnded && !front) {
      this.historyText.push(text);
      return;
    }
    const where =
      this.articles.length === 0 ? "before the first article" : "after a heading, before the next article,";
    this.warn(no, `text ${where} is not part of any article: "${text.slice(0, 30)}"`);
  }

  private readArticleLine(line: SourceLine, current: Article): void {
    const { text, no } = line;
    if (this.options.numbering === "articles" && isBareHeading(text) && !line.item) {
      if (!this.structural(no, text)) this.startLostHeading(no, text);
      return;
    }
    if (line.item) {
      const target: Paragraph = this.paragraph ?? { text: "", items: [] };
      if (!this.paragraph) {
        current.paragraphs.push(target);
        this.paragraph = target;
      }
      target.items.push({ number: line.item.number, label: line.item.label, text: line.item.rest });
      return;
    }
    const lastItem = this.paragraph?.items.at(-1);
    if (line.sub !== undefined && lastItem) {
      // A third level (1. 2. or （1）（2） under （一）) stays inside its item.
      lastItem.text += `\n${line.sub}`;
      return;
    }
    this.paragraph = { text: text.replace(/^[-*+]\s+/, ""), items: [] };
    current.paragraphs.push(this.paragraph);
  }

  private startArticle(line: SourceLine): void {
    const mark = line.article as NonNullable<SourceLine["article"]>;
    const { number: n, sub } = mark;
    const key = `${n}.${sub}`;
    const previous = this.articles.at(-1);
    const first = this.firstLine.get(key);
    const created: Article = {
      number: n,
      sub,
      label: mark.label,
      chapter: this.chapter
        ? { number: this.chapter.number, label: this.chapter.label, title: this.chapter.title }
        : null,
      section: this.section ? { ...this.section } : null,
      paragraphs: [],
      text: "",
      line: line.no,
    };
    if (first !== undefined) {
      this.repeats.set(created, first);
    } else if (previous && (n < previous.number || (n === previous.number && sub <= previous.sub))) {
      this.warn(line.no, `${mark.written} comes after ${previous.label}; it is read where it stands`);
    } else if (previous && sub === 0 && n > previous.number + 1) {
      const missing =
        n - 1 === previous.number + 1
          ? `article ${previous.number + 1} is`
          : `articles ${previous.number + 1}–${n - 1} are`;
      this.warn(line.no, `${missing} missing before ${mark.written}`);
    } else if (!previous && n !== 1) {
      this.warn(line.no, `the first article is ${mark.written}, not 第一条`);
    }
    if (first === undefined) this.firstLine.set(key, line.no);
    this.paragraph = { text: mark.rest, items: [] };
    created.paragraphs.push(this.paragraph);
    this.article = created;
    this.articles.push(created);
    if (this.chapter) this.chapterOf.set(created, this.chapter);
  }

  private closeArticle(): void {
    this.article = null;
    this.paragraph = null;
  }

  private structural(no: number, text: string): boolean {
    const c = CHAPTER_TEXT.exec(text);
    if (c) {
      this.inToc = false;
      this.startChapter(no, parseChineseNumber(c[1] as string), c[2] ?? "");
      return true;
    }
    const s = SECTION_TEXT.exec(text);
    if (s) {
      this.inToc = false;
      this.startSection(no, parseChineseNumber(s[1] as string), s[2] ?? "");
      return true;
    }
    return false;
  }

  /** A heading or bare line that lost its 第X章/第X节 prefix. */
  private startLostHeading(no: number, text: string): void {
    if (this.lastHeadingKind === "section") {
      this.warn(no, `heading "${text}" has no 第X节 prefix; read as the next section`);
      this.startSection(no, undefined, text);
    } else {
      this.warn(no, `heading "${text}" has no 第X章 prefix; read as the next chapter`);
      this.startChapter(no, undefined, text);
    }
  }

  private startChapter(no: number, number: number | undefined, rawTitle: string, mark?: ChapterMark): void {
    this.closeArticle();
    const { chapters, articles } = this;
    // A table of contents written as real headings: every chapter appears twice, first with no
    // articles under it. When the numbering starts over before any article, the first run was the TOC.
    if (articles.length === 0 && chapters.length > 0 && number !== undefined && number <= chapters.length) {
      this.warn(no, "chapter headings repeat before any article: the first run was a table of contents");
      chapters.length = 0;
    }
    if (!this.chapter && articles.length > 0) this.adoptUntitledFirstChapter(no);
    const expected = (this.chapter?.number ?? 0) + 1;
    const n = number ?? expected;
    if (number !== undefined && number !== expected && articles.length > 0) {
      this.warn(no, `chapter ${number} follows chapter ${expected - 1}`);
    }
    this.chapter = {
      number: n,
      label: mark?.label ?? `第${toChineseNumber(n)}章`,
      title: tidyTitle(rawTitle),
      sections: [],
      articles: [],
    };
    chapters.push(this.chapter);
    this.section = null;
    this.lastHeadingKind = "chapter";
  }

  /**
   * Real texts (济南, 济宁) start with 第一条 and only later print 第二章: the articles before the
   * first heading form chapter one, whose title the source does not give.
   */
  private adoptUntitledFirstChapter(no: number): void {
    this.warn(no, "articles before the first chapter heading: they are read as 第一章 (untitled)");
    const first: Chapter = { number: 1, label: "第一章", title: "", sections: [], articles: [] };
    for (const a of this.articles) {
      a.chapter = { number: 1, label: "第一章", title: "" };
      this.chapterOf.set(a, first);
    }
    this.chapters.push(first);
    this.chapter = first;
  }

  private startSection(no: number, number: number | undefined, rawTitle: string): void {
    this.closeArticle();
    if (!this.chapter) {
      this.warn(no, "section heading before any chapter; it is read as a chapter");
      this.startChapter(no, undefined, rawTitle);
      return;
    }
    const n = number ?? (this.section?.number ?? 0) + 1;
    this.section = { number: n, label: `第${toChineseNumber(n)}节`, title: tidyTitle(rawTitle) };
    this.chapter.sections.push(this.section);
    this.lastHeadingKind = "section";
  }
}

/** A long text cut for a warning. */
function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * A bare line that is a heading which lost its Markdown marks: short, no sentence punctuation.
 * Real continuation paragraphs end in 。；： and are longer.
 */
function isBareHeading(s: string): boolean {
  if (s.length > 16) return false;
  if (/[。，；：、,;:.！？!?（）()“”《》]/.test(s)) return false;
  if (/^[-*+>\d]/.test(s)) return false;
  return /^[\u4e00-\u9fff\s\u3000]+$/.test(s.replace(/^第.{1,4}[章节][\s\u3000]*/, ""));
}

/**
 * A text without any numbering: one passage (label 全文, number 1) holding every line of the text
 * after its title and history note, each line a paragraph as written (Markdown marks removed) —
 * from there on every line, a title or history note printed again below a cover notice included.
 * Such a text is cited by its title.
 */
export function buildWhole(
  lines: readonly SourceLine[],
  options: Pick<BuildOptions, "frontTitle" | "warn">,
): Structure {
  let title = options.frontTitle;
  const historyText: string[] = [];
  const paragraphs: Paragraph[] = [];
  let infoEnded = false;
  let start = 0;
  // LawRefBook files keep their history lines above <!-- INFO END -->; without that line, only
  // dated lines above the text are history.
  const hasInfoEnd = lines.some((l) => l.marker === "info-end");
  const front = options.frontTitle !== undefined;
  for (const line of lines) {
    if (line.marker) {
      infoEnded ||= line.marker === "info-end";
      continue;
    }
    const text = plainText(line);
    if (paragraphs.length === 0) {
      const asTitle = line.heading?.text ?? line.bold;
      if (asTitle !== undefined && (!title || tidyTitle(asTitle) === tidyTitle(title))) {
        title ??= tidyTitle(asTitle);
        continue;
      }
      const history = !front && (hasInfoEnd ? !infoEnded : HAS_DATE.test(line.text));
      if (line.history !== undefined || history) {
        historyText.push(line.history ?? line.text);
        continue;
      }
      start = line.no;
    } else if (line.history !== undefined) {
      // A history note below a cover notice (公告 … then the title and its note): the law's history,
      // and part of the whole text as printed.
      historyText.push(line.history);
    }
    if (text !== "") paragraphs.push({ text, items: [] });
  }
  const articles: Article[] =
    paragraphs.length === 0
      ? []
      : [
          {
            number: 1,
            sub: 0,
            label: WHOLE_TEXT_LABEL,
            chapter: null,
            section: null,
            paragraphs,
            text: "",
            line: start,
          },
        ];
  return { title, historyText, chapters: [], articles, chapterOf: new Map(), repeats: new Map() };
}

/** A line's text without Markdown marks: list marker, heading marks, bold, quote mark. */
function plainText(line: SourceLine): string {
  if (line.history !== undefined) return line.history;
  if (line.heading) return line.heading.text;
  if (line.bold !== undefined) return line.bold.trim();
  return line.text.replace(/^[-*+]\s+/, "");
}
