/**
 * The line classifier: what each non-blank line of an ordinance's text could be — a Markdown
 * heading, a bold line, a history note, the first line of an article (第X条) or of an item (（一）),
 * a third-level point (1. or （1）) — without deciding yet which reading wins. The structure
 * builder (structure.ts) decides, from where the line stands; the article pass below decides which
 * 第X条 written without a space really start an article.
 */
import { CHINESE_NUMERAL_CLASS, parseChineseNumber, toChineseNumber } from "./numerals.js";

const N = `[${CHINESE_NUMERAL_CLASS}0-9０-９]+`;
const SPACE = "[\\s\\u00a0\\u3000]";
/** `- **第X条**　　text`, `第X条 text`, `第X条之一 text`, or `第X条` alone. */
const ARTICLE_LINE = new RegExp(
  `^(?:[-*+]${SPACE}+)?(?:\\*\\*)?第(${N})条(?:之(${N}))?(?:\\*\\*)?(?:${SPACE}+(.*))?$`,
);
/** 第X条 directly followed by its text, as some judicial interpretations write it: 第一条依法登记… */
const ARTICLE_UNSPACED = new RegExp(`^(?:[-*+]${SPACE}+)?(?:\\*\\*)?第(${N})条(?:之(${N}))?(?:\\*\\*)?(.+)$`);
/**
 * What follows a number when a line only refers to an article ("第二条规定的…", "第三条第二款",
 * "第一条增加第二款：", "第五条、第六条"): such lines are text, never a new article.
 */
const REFERENCE_AFTER = /^(?:[第之的所中和或及与至到等、，,。；;：:（(\s]|规定|增加|修改|删除|有关|款|项)/;
// Items (项) are numbered with Chinese numerals: （一）. Arabic （1） and 1. are the level below (目).
const ITEM_LINE = new RegExp(`^(?:[-*+]${SPACE}+)?[（(]([${CHINESE_NUMERAL_CLASS}]+)[）)]${SPACE}*(.*)$`);
const SUB_LINE = /^(?:[-*+]\s+)?(?:(\d+)[.．、]|[（(](\d+)[）)])\s*(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BOLD_LINE = /^\*\*[^*]+\*\*$/;

/** The first line of an article: 第四十五条, or a numbered paragraph (一、) of a text without articles. */
export interface ArticleMark {
  number: number;
  /** 之一 → 1; otherwise 0. */
  sub: number;
  /** "第四十五条", "第十七条之一", "一、" */
  label: string;
  /** The text after the number on the same line. */
  rest: string;
  /** How the text writes it, for warnings: "第45条", "第十七条之一", "一、". */
  written: string;
  /** False for 第X条 written straight before its text (第一条依法…): only read as an article in sequence. */
  spaced: boolean;
}

/** A chapter heading made from a numbered heading (一、总则) when the numbered points below it are the passages. */
export interface ChapterMark {
  number: number;
  label: string;
  title: string;
}

/** One non-blank line and the readings it allows. */
export interface SourceLine {
  /** 1-based line number in the file. */
  no: number;
  /** The line without surrounding white space (U+00A0 and U+3000 included). */
  text: string;
  /** `<!-- INFO END -->`, another HTML comment, or a thematic break (---). */
  marker?: "info-end" | "comment" | "rule";
  /** A Markdown heading: its level and its text without bold marks. */
  heading?: { level: number; text: string };
  /** A line that is bold as a whole: its text. */
  bold?: string;
  /** A `>` line: the history note of lawtext files. */
  history?: string;
  article?: ArticleMark;
  /** 第X条 whose number cannot be read (第十十条): kept as text, with a warning. */
  badArticle?: string;
  /** An item (项): （一）… */
  item?: { number: number; label: string; rest: string };
  /** A third-level point (1. or （1）), as it is kept inside its item: "1.text" or "（1）text". */
  sub?: string;
  /** Set by the paragraph pass: this numbered heading becomes a chapter. */
  chapter?: ChapterMark;
}

function trimLine(raw: string): string {
  return raw.replace(/[\s\u00a0\u3000]+$/, "").replace(/^[\s\u00a0\u3000]+/, "");
}

/** Classifies the non-blank lines of `lines` from index `from` on. */
export function classifyLines(lines: readonly string[], from: number): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = from; i < lines.length; i++) {
    const text = trimLine(lines[i] as string);
    if (text !== "") out.push(classifyLine(text, i + 1));
  }
  return out;
}

/** The readings of one non-blank line, trimmed as {@link classifyLines} trims it. */
export function classifyLine(text: string, no: number): SourceLine {
  const line: SourceLine = { no, text };
  if (text === "<!-- INFO END -->") line.marker = "info-end";
  else if (/^<!--.*-->$/.test(text)) line.marker = "comment";
  else if (/^(?:-{3,}|\*{3,}|_{3,})$/.test(text)) line.marker = "rule";
  if (line.marker) return line;
  const heading = HEADING.exec(text);
  if (heading) {
    line.heading = {
      level: (heading[1] as string).length,
      text: (heading[2] as string).replace(/\*\*/g, "").trim(),
    };
  }
  if (BOLD_LINE.test(text)) line.bold = text.slice(2, -2);
  if (text.startsWith(">")) line.history = text.replace(/^>\s*/, "");
  markArticle(line);
  const item = ITEM_LINE.exec(text);
  if (item) {
    const n = parseChineseNumber(item[1] as string);
    // An item whose numeral cannot be read keeps it as written rather than becoming （零）.
    const label = `（${n === undefined ? item[1] : toChineseNumber(n)}）`;
    line.item = { number: n ?? 0, label, rest: (item[2] ?? "").trim() };
  }
  const sub = SUB_LINE.exec(text);
  if (sub) line.sub = sub[1] ? `${sub[1]}.${sub[3]}` : `（${sub[2]}）${sub[3]}`;
  return line;
}

function markArticle(line: SourceLine): void {
  const spaced = ARTICLE_LINE.exec(line.text);
  const m = spaced ?? ARTICLE_UNSPACED.exec(line.text);
  if (!m) return;
  const numeral = m[1] as string;
  const number = parseChineseNumber(numeral);
  const sub = m[2] ? parseChineseNumber(m[2]) : 0;
  const rest = (m[3] ?? "").trim();
  if (!spaced && REFERENCE_AFTER.test(rest)) return;
  if (number === undefined || number <= 0 || sub === undefined) {
    if (spaced) line.badArticle = numeral;
    return;
  }
  const label = `第${toChineseNumber(number)}条${sub ? `之${toChineseNumber(sub)}` : ""}`;
  const written = `第${numeral}条${m[2] ? `之${m[2]}` : ""}`;
  line.article = { number, sub, label, rest, written, spaced: spaced !== null };
}

/**
 * Decides which 第X条 written without a space start an article: those that continue the numbering
 * (the next number, or the next 之X of the same number; 第一条 first). Any other such line refers
 * to an article ("第三百四十四条有关问题的批复") and stays text. Articles written with a space are
 * always articles. Returns the number of article lines kept.
 */
export function settleArticles(lines: SourceLine[]): number {
  let previous: ArticleMark | undefined;
  let count = 0;
  for (const line of lines) {
    const a = line.article;
    if (!a) continue;
    if (!a.spaced && !continues(previous, a)) {
      delete line.article;
      continue;
    }
    previous = a;
    count++;
  }
  return count;
}

function continues(previous: ArticleMark | undefined, a: ArticleMark): boolean {
  if (!previous) return a.number === 1 && a.sub === 0;
  if (a.sub === 0) return a.number === previous.number + 1;
  return a.number === previous.number && a.sub === previous.sub + 1;
}
