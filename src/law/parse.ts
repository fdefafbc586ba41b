/**
 * Markdown ordinance → Law. Reads two real layouts:
 * - lawtext's: YAML front matter, `**title**`, `> history`, `## 第X章`, `- **第X条**　　…`, `  - （一）…`;
 * - LawRefBook's: `# title`, history lines, `<!-- INFO END -->`, `## 第X章` / `### 第X节`, `第X条 …`.
 * Irregularities that can be read (lost 第X章 prefixes, inverted heading levels, a table of contents
 * written as headings, U+00A0 separators) become warnings; anything that would leave a half-read law
 * is a LawParseError naming the file and line.
 */
import { load as parseYaml } from "js-yaml";
import { LawParseError } from "../errors.js";
import { CHINESE_NUMERAL_CLASS, parseChineseNumber, toChineseNumber } from "./numerals.js";
import type { Article, Chapter, HistoryEvent, Law, LawDates, Paragraph, Section } from "./types.js";

const N = `[${CHINESE_NUMERAL_CLASS}0-9０-９]+`;
const SPACE = "[\\s\\u00a0\\u3000]";
const ARTICLE_LINE = new RegExp(
  `^(?:[-*+]${SPACE}+)?(?:\\*\\*)?第(${N})条(?:之(${N}))?(?:\\*\\*)?(?:${SPACE}+(.*))?$`,
);
// Items (项) are numbered with Chinese numerals: （一）. Arabic （1） and 1. are the level below (目).
const ITEM_LINE = new RegExp(`^(?:[-*+]${SPACE}+)?[（(]([${CHINESE_NUMERAL_CLASS}]+)[）)]${SPACE}*(.*)$`);
const CHAPTER_TEXT = new RegExp(`^第(${N})章${SPACE}*(.*)$`);
const SECTION_TEXT = new RegExp(`^第(${N})节${SPACE}*(.*)$`);
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const TOC_TITLE = /^目\s*录$/;

/** Removes the spacing that typesetting puts inside short titles: "总 则" → "总则". */
function tidyTitle(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, "").trim();
}

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

const HISTORY_DATE = /(?:根据)?(\d{4})年(\d{1,2})月(\d{1,2})日/g;
const HAS_DATE = /\d{4}年\d{1,2}月\d{1,2}日/;
const ACTIONS: Array<HistoryEvent["action"]> = ["修正", "修订", "批准", "通过", "公布", "施行"];

/**
 * Splits a history note ("2017年10月31日…通过 2018年1月22日…批准 根据…修正") into dated events.
 * Each event runs from one date to the next; its action is the last action word in it.
 */
export function parseHistory(lines: string[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const raw of lines) {
    const line = raw.replace(/^[（(]|[）)]$/g, "");
    const starts = [...line.matchAll(HISTORY_DATE)];
    starts.forEach((m, i) => {
      const end = starts[i + 1]?.index ?? line.length;
      const text = line.slice(m.index, end).trim();
      const afterDate = line.slice(m.index + m[0].length, end).trim();
      let action: HistoryEvent["action"] = "其他";
      let at = -1;
      for (const a of ACTIONS) {
        const k = afterDate.lastIndexOf(a);
        if (k > at) {
          at = k;
          action = a;
        }
      }
      const body = (at >= 0 ? afterDate.slice(0, at) : afterDate).replace(/《.*》$/, "").trim();
      events.push({ date: isoDate(m[1] as string, m[2] as string, m[3] as string), action, body, text });
    });
  }
  return events;
}

interface FrontMatter {
  id?: unknown;
  title?: unknown;
  author?: unknown;
  date?: unknown;
  publication_date?: unknown;
  effective_date?: unknown;
  status?: unknown;
  urls?: unknown;
}

function str(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

/** Derives a stable id from a file name when the law has none: "济南市12345市民服务热线条例(2018-07-27).md" → same without extension. */
function idFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, "");
}

/** Options for {@link parseOrdinance}. */
export interface ParseOptions {
  /** The file name used in errors, warnings and the derived id. */
  file: string;
}

/**
 * Parses one ordinance in Markdown (either supported layout) into a {@link Law}.
 * @throws LawParseError naming the file and line when the text cannot be read whole.
 */
export function parseOrdinance(markdown: string, options: ParseOptions): Law {
  const { file } = options;
  const lines = markdown.replace(/^\uFEFF/, "").split(/\r?\n/);
  const fail = (line: number, problem: string): never => {
    throw new LawParseError(file, line, problem);
  };
  const warnings: string[] = [];
  const warn = (line: number, problem: string) => warnings.push(`line ${line}: ${problem}`);

  let i = 0;
  let front: FrontMatter = {};
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, k) => k > 0 && l.trim() === "---");
    if (end < 0) fail(1, "front matter starts with --- but never ends; add a closing --- line");
    try {
      const parsed = parseYaml(lines.slice(1, end).join("\n"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        fail(2, "front matter is not a YAML mapping of fields (id, title, author, …)");
      }
      front = parsed as FrontMatter;
    } catch (error) {
      if (error instanceof LawParseError) throw error;
      // js-yaml reports a 0-based line within the front matter, which starts on line 2.
      const at = ((error as { mark?: { line: number } }).mark?.line ?? 0) + 1;
      fail(1 + at, `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    i = end + 1;
  }

  let title = str(front.title);
  const historyText: string[] = [];
  const chapters: Chapter[] = [];
  const articles: Article[] = [];
  let chapter: Chapter | null = null;
  let section: Section | null = null;
  let article: Article | null = null;
  let paragraph: Paragraph | null = null;
  let inToc = false;
  let infoEnded = false;
  let lastHeadingKind: "chapter" | "section" | null = null;
  const seen = new Set<string>();

  const closeArticle = () => {
    article = null;
    paragraph = null;
  };

  const startChapter = (lineNo: number, number: number | undefined, rawTitle: string) => {
    closeArticle();
    // A table of contents written as real headings: every chapter appears twice, first with no
    // articles under it. When the numbering starts over before any article, the first run was the TOC.
    if (articles.length === 0 && chapters.length > 0 && number !== undefined && number <= chapters.length) {
      warn(lineNo, "chapter headings repeat before any article: the first run was a table of contents");
      chapters.length = 0;
    }
    if (!chapter && articles.length > 0) {
      // Real texts (济南, 济宁) start with 第一条 and only later print 第二章: the articles before
      // the first heading form chapter one, whose title the source does not give.
      warn(lineNo, "articles before the first chapter heading: they are read as 第一章 (untitled)");
      const first: Chapter = { number: 1, label: "第一章", title: "", sections: [], articles: [] };
      for (const a of articles) {
        a.chapter = { number: 1, label: "第一章", title: "" };
        first.articles.push(a.number);
      }
      chapters.push(first);
      chapter = first;
    }
    const expected = (chapter?.number ?? 0) + 1;
    const n = number ?? expected;
    if (number !== undefined && number !== expected && articles.length > 0) {
      warn(lineNo, `chapter ${number} follows chapter ${expected - 1}`);
    }
    chapter = {
      number: n,
      label: `第${toChineseNumber(n)}章`,
      title: tidyTitle(rawTitle),
      sections: [],
      articles: [],
    };
    chapters.push(chapter);
    section = null;
    lastHeadingKind = "chapter";
  };

  const startSection = (lineNo: number, number: number | undefined, rawTitle: string) => {
    closeArticle();
    if (!chapter) {
      warn(lineNo, "section heading before any chapter; it is read as a chapter");
      startChapter(lineNo, undefined, rawTitle);
      return;
    }
    const n = number ?? (section?.number ?? 0) + 1;
    section = { number: n, label: `第${toChineseNumber(n)}节`, title: tidyTitle(rawTitle) };
    chapter.sections.push(section);
    lastHeadingKind = "section";
  };

  /** A heading or bare line that lost its 第X章/第X节 prefix. */
  const startLostHeading = (lineNo: number, text: string) => {
    if (lastHeadingKind === "section") {
      warn(lineNo, `heading "${text}" has no 第X节 prefix; read as the next section`);
      startSection(lineNo, undefined, text);
    } else {
      warn(lineNo, `heading "${text}" has no 第X章 prefix; read as the next chapter`);
      startChapter(lineNo, undefined, text);
    }
  };

  const structural = (lineNo: number, text: string): boolean => {
    const c = CHAPTER_TEXT.exec(text);
    if (c) {
      inToc = false;
      startChapter(lineNo, parseChineseNumber(c[1] as string), c[2] ?? "");
      return true;
    }
    const s = SECTION_TEXT.exec(text);
    if (s) {
      inToc = false;
      startSection(lineNo, parseChineseNumber(s[1] as string), s[2] ?? "");
      return true;
    }
    return false;
  };

  for (; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i] as string;
    const line = raw.replace(/[\s\u00a0\u3000]+$/, "");
    const trimmed = line.replace(/^[\s\u00a0\u3000]+/, "");
    if (trimmed === "") continue;

    if (trimmed === "<!-- INFO END -->") {
      infoEnded = true;
      continue;
    }
    if (/^<!--.*-->$/.test(trimmed)) continue;
    if (/^(?:-{3,}|\*{3,}|_{3,})$/.test(trimmed)) {
      inToc = false;
      continue;
    }

    const heading = HEADING.exec(trimmed);
    if (heading) {
      const text = (heading[2] as string).replace(/\*\*/g, "").trim();
      if (heading[1] === "#" && !title && articles.length === 0) {
        title = tidyTitle(text);
        continue;
      }
      if (TOC_TITLE.test(tidyTitle(text))) {
        inToc = true;
        continue;
      }
      if (structural(lineNo, tidyTitle(text).length > 0 ? text.replace(/^[\s\u3000]+/, "") : text)) continue;
      if (!title && articles.length === 0) {
        title = tidyTitle(text);
        continue;
      }
      if (tidyTitle(text) === "") continue;
      startLostHeading(lineNo, text);
      continue;
    }

    if (inToc) continue; // `- 第一章 总 则` lines of a written table of contents

    if (/^\*\*[^*]+\*\*$/.test(trimmed) && articles.length === 0) {
      const t = tidyTitle(trimmed.slice(2, -2));
      if (!title) title = t;
      else if (t !== tidyTitle(title)) warn(lineNo, `bold title "${t}" differs from the front matter title`);
      continue;
    }

    if (trimmed.startsWith(">")) {
      historyText.push(trimmed.replace(/^>\s*/, ""));
      continue;
    }

    const art = ARTICLE_LINE.exec(trimmed);
    if (art) {
      const number = parseChineseNumber(art[1] as string);
      const sub = art[2] ? (parseChineseNumber(art[2]) ?? 0) : 0;
      if (number === undefined || number <= 0) fail(lineNo, `cannot read the article number "${art[1]}"`);
      const n = number as number;
      const key = `${n}.${sub}`;
      if (seen.has(key)) fail(lineNo, `第${art[1]}条 appears twice; each article number must be unique`);
      const previous = articles.at(-1);
      if (previous && (n < previous.number || (n === previous.number && sub <= previous.sub))) {
        fail(lineNo, `第${art[1]}条 comes after ${previous.label}; articles must be in order`);
      }
      if (previous && sub === 0 && n > previous.number + 1) {
        const missing =
          n - 1 === previous.number + 1
            ? `article ${previous.number + 1} is`
            : `articles ${previous.number + 1}–${n - 1} are`;
        warn(lineNo, `${missing} missing before 第${art[1]}条`);
      } else if (!previous && n !== 1) {
        warn(lineNo, `the first article is 第${art[1]}条, not 第一条`);
      }
      seen.add(key);
      const c = chapter as Chapter | null;
      const label = `第${toChineseNumber(n)}条${sub ? `之${toChineseNumber(sub)}` : ""}`;
      const first = (art[3] ?? "").trim();
      const created: Article = {
        number: n,
        sub,
        label,
        chapter: c ? { number: c.number, label: c.label, title: c.title } : null,
        section: section ? { ...(section as Section) } : null,
        paragraphs: [],
        text: "",
        line: lineNo,
      };
      paragraph = { text: first, items: [] };
      created.paragraphs.push(paragraph);
      article = created;
      articles.push(created);
      c?.articles.push(n);
      continue;
    }

    if (!article) {
      // Before the first article: history lines of LawRefBook files (until <!-- INFO END -->),
      // then possibly headings that lost their prefix.
      if (!infoEnded && !front.title && HAS_DATE.test(trimmed)) {
        historyText.push(trimmed);
        continue;
      }
      if (isBareHeading(trimmed)) {
        if (!structural(lineNo, trimmed)) startLostHeading(lineNo, trimmed);
        continue;
      }
      if (!infoEnded && !front.title) {
        historyText.push(trimmed);
        continue;
      }
      warn(lineNo, `text before the first article is not part of any article: "${trimmed.slice(0, 30)}"`);
      continue;
    }

    const current = article as Article;
    if (isBareHeading(trimmed) && !ITEM_LINE.test(trimmed)) {
      if (!structural(lineNo, trimmed)) startLostHeading(lineNo, trimmed);
      continue;
    }
    const item = ITEM_LINE.exec(trimmed);
    if (item) {
      const n = parseChineseNumber(item[1] as string) ?? 0;
      const target: Paragraph = paragraph ?? { text: "", items: [] };
      if (!paragraph) {
        current.paragraphs.push(target);
        paragraph = target;
      }
      target.items.push({ number: n, label: `（${toChineseNumber(n)}）`, text: (item[2] ?? "").trim() });
      continue;
    }
    const sub = /^(?:[-*+]\s+)?(?:(\d+)[.．、]|[（(](\d+)[）)])\s*(.*)$/.exec(trimmed);
    const lastItem = paragraph?.items.at(-1);
    if (sub && lastItem) {
      // A third level (1. 2. or （1）（2） under （一）) stays inside its item.
      lastItem.text += sub[1] ? `\n${sub[1]}.${sub[3]}` : `\n（${sub[2]}）${sub[3]}`;
      continue;
    }
    paragraph = { text: trimmed.replace(/^[-*+]\s+/, ""), items: [] };
    current.paragraphs.push(paragraph);
  }

  if (!title) fail(1, "no title found: add `title:` to the front matter or a `# 标题` first line");
  if (articles.length === 0) {
    fail(
      lines.length,
      "no articles found: articles must start with 第X条 (as `- **第X条**　　…` or `第X条 …`)",
    );
  }
  for (const a of articles) {
    a.paragraphs = a.paragraphs.filter((p) => p.text !== "" || p.items.length > 0);
    if (a.paragraphs.length === 0) fail(a.line, `${a.label} has no text`);
    a.text = a.paragraphs
      .map((p) => [p.text, ...p.items.map((it) => `${it.label}${it.text}`)].filter(Boolean).join("\n"))
      .join("\n");
  }
  const keptChapters = chapters.filter((c) => c.articles.length > 0);
  if (keptChapters.length < chapters.length) {
    warn(0, `${chapters.length - keptChapters.length} chapter heading(s) without articles were dropped`);
  }

  const history = parseHistory(historyText);
  const dates: LawDates = { amended: [] };
  for (const e of history) {
    if (e.action === "通过" && !dates.passed) dates.passed = e.date;
    else if (e.action === "批准" && !dates.approved) dates.approved = e.date;
    else if (e.action === "修正" || e.action === "修订") dates.amended.push(e.date);
  }
  const publication = str(front.publication_date) ?? str(front.date);
  if (publication) dates.publication = publication;
  const effective = str(front.effective_date);
  if (effective) dates.effective = effective;
  const urls = Array.isArray(front.urls) ? front.urls.filter((u): u is string => typeof u === "string") : [];
  const status = str(front.status);

  return {
    id: str(front.id) ?? idFromFile(file),
    title: tidyTitle(title as string),
    author: str(front.author) ?? authorFromHistory(history),
    dates,
    status: status && status !== "unknown" ? status : null,
    sourceUrl: urls[0] ?? null,
    history,
    historyText,
    chapters: keptChapters,
    articles,
    file,
    warnings,
  };
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

/** "上海市第十五届人民代表大会常务委员会第三十七次会议" → "上海市人民代表大会常务委员会". */
function authorFromHistory(history: HistoryEvent[]): string | null {
  const body = history.find((e) => e.action === "通过")?.body;
  if (!body) return null;
  return body.replace(/第[^第]*?次(?:全体)?会议$/, "").replace(/第[^第届]*届/, "") || null;
}
