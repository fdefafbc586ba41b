/**
 * Texts without 第X条 — decisions (决定), replies (批复), notices (通知) — are numbered by paragraph
 * (一、二、…, some 1. 2. …) or not at all. This pass finds the numbered paragraphs and marks them
 * as the text's passages, so that the structure builder reads them like articles:
 *
 * - a paragraph "一、…" becomes a passage with **label "一、" and number 1** (label as the text
 *   writes it, so a citation 《…决定》一、 points at what the reader sees; the number is what
 *   "第一条" in a question and `/api/laws/:id/articles/1` address);
 * - only a run that counts up from 一 (or 1) is read, one missing number allowed: a line numbered
 *   out of turn (an inner list that starts again at 一) stays text of the passage it is in;
 * - when the 一、 headings are short titles ("一、执行机构及其职责") over points numbered 1. 2. …
 *   without a break, the points are the passages and the headings their chapters;
 * - a first 一、 run into the preamble line ("…决定如下：一、…") is split off from it.
 *
 * Texts with neither are read as one passage (see structure.ts).
 */
import type { SourceLine } from "./lines.js";
import { CHINESE_NUMERAL_CLASS, parseChineseNumber, toChineseNumber } from "./numerals.js";

const SPACE = "[\\s\\u00a0\\u3000]";
/** "一、text", "**一**、text", "**一、**text", "## 一、text", "- 一、text". */
const CHINESE_POINT = new RegExp(
  `^(?:[-*+]${SPACE}+)?(?:#{1,6}${SPACE}+)?(?:\\*\\*)?([${CHINESE_NUMERAL_CLASS}]+)(?:\\*\\*)?、(?:\\*\\*)?${SPACE}*(.*)$`,
);
/** "1.text", "1、text", "1．text", "**1**. text". */
const ARABIC_POINT = new RegExp(
  `^(?:[-*+]${SPACE}+)?(?:\\*\\*)?(\\d{1,4})(?:\\*\\*)?([.．、])${SPACE}*(.+)$`,
);
/** 一、 inside the preamble line: "…作如下解释：一、关于…". */
const INLINE_FIRST = /[：:]一、/;
/** A numbered heading is a title, not a provision, when it is this short and ends without 。；. */
const TITLE_CHARS = 30;

interface Point {
  line: SourceLine;
  number: number;
  label: string;
  rest: string;
}

/** How a text without 第X条 is divided. */
export type Numbering = "paragraphs" | "whole";

/**
 * Marks the numbered paragraphs of a text that has no 第X条 as its passages (`article` marks), and
 * numbered titles above numbered points as chapters (`chapter` marks). May split a line in two
 * (the inline 一、). Returns "whole" when there is no run of at least two numbered paragraphs.
 */
export function markNumberedParagraphs(lines: SourceLine[]): { numbering: Numbering; split?: SourceLine } {
  let split: SourceLine | undefined;
  let chinese = run(lines, "chinese", 1);
  if (chinese.length === 0) {
    const late = run(lines, "chinese", 2);
    split = late[0] ? splitInlineFirst(lines, late[0].line) : undefined;
    chinese = split ? run(lines, "chinese", 1) : late;
  }
  const arabic = run(lines, "arabic", 1);
  // Points 1. 2. … under short numbered titles, counting on across them without starting again.
  const titled =
    chinese.length > 0 &&
    chinese.every((p) => isTitle(p.rest)) &&
    arabic.length >= 2 &&
    (arabic[0]?.line.no ?? 0) > (chinese[0]?.line.no ?? 0) &&
    arabic.length === lines.filter((l) => ARABIC_POINT.test(l.text)).length;
  let points: Point[];
  if (titled) {
    points = arabic;
    for (const t of chinese) t.line.chapter = { number: t.number, label: t.label, title: t.rest };
  } else if (chinese.length >= 2) {
    points = chinese;
  } else if (arabic.length >= 2) {
    points = arabic;
  } else {
    return split ? { numbering: "whole", split } : { numbering: "whole" };
  }
  for (const p of points) {
    p.line.article = {
      number: p.number,
      sub: 0,
      label: p.label,
      rest: p.rest,
      written: p.label,
      spaced: true,
    };
  }
  return split ? { numbering: "paragraphs", split } : { numbering: "paragraphs" };
}

/**
 * The numbered lines that count up from `start` without a break in the numbering; lines numbered
 * out of turn are left alone.
 */
function run(lines: SourceLine[], kind: "chinese" | "arabic", start: number): Point[] {
  const arabic = kind === "arabic";
  const pattern = arabic ? ARABIC_POINT : CHINESE_POINT;
  const points: Point[] = [];
  for (const line of lines) {
    if (line.marker || line.history !== undefined) continue;
    const m = pattern.exec(line.text);
    if (!m) continue;
    const numeral = m[1] as string;
    const number = parseChineseNumber(numeral);
    if (number === undefined) continue;
    // One number may be missing or misprinted (…12. 1. 14. in a list of 413): the run goes on at 14.
    const last = points.at(-1)?.number;
    if (last === undefined ? number !== start : number !== last + 1 && number !== last + 2) continue;
    const label = arabic ? `${number}${m[2]}` : `${toChineseNumber(number)}、`;
    const rest = (arabic ? m[3] : m[2]) ?? "";
    points.push({ line, number, label, rest: rest.replace(/\*\*/g, "").trim() });
  }
  return points;
}

function isTitle(rest: string): boolean {
  return rest.length <= TITLE_CHARS && !/[。；;]$/.test(rest);
}

/**
 * Splits "…决定如下：一、…" before 一、, when the run starts at 二 and its 一、 sits at the end of an
 * earlier line's colon. Returns the new line (the first numbered paragraph), inserted into `lines`.
 */
function splitInlineFirst(lines: SourceLine[], second: SourceLine): SourceLine | undefined {
  const k = lines.indexOf(second);
  for (let i = k - 1; i >= 0; i--) {
    const line = lines[i] as SourceLine;
    const m = INLINE_FIRST.exec(line.text);
    if (!m || line.heading || line.history !== undefined) continue;
    const at = m.index + 1;
    const first: SourceLine = { no: line.no, text: line.text.slice(at) };
    line.text = line.text.slice(0, at);
    delete line.article;
    lines.splice(i + 1, 0, first);
    return first;
  }
  return undefined;
}
