/** What the parser makes of one ordinance file. Plain data: serialisable, no methods. */

/** One event of the legislative history: passed, approved, amended… on a date. */
export interface HistoryEvent {
  /** ISO date, e.g. "2017-10-31". */
  date: string;
  /** What happened: 通过 (passed), 批准 (approved), 修正/修订 (amended), 公布, 施行, or 其他. */
  action: "通过" | "批准" | "修正" | "修订" | "公布" | "施行" | "其他";
  /** The body that acted, as written, e.g. "山西省第十二届人民代表大会常务委员会第四十三次会议". */
  body: string;
  /** The event's words as written in the history note. */
  text: string;
}

/** A numbered item (项) of a paragraph: （一）… */
export interface Item {
  number: number;
  /** "（一）" */
  label: string;
  text: string;
}

/** A paragraph (款) of an article, with the items that follow it. */
export interface Paragraph {
  text: string;
  items: Item[];
}

/** Where an article sits: its chapter and, where the law has them, its section. */
export interface ChapterRef {
  number: number;
  /** "第四章" */
  label: string;
  /** "智慧治理" (inner spacing removed) */
  title: string;
}

/** A section (节) inside a chapter. */
export interface Section extends ChapterRef {}

/** A chapter (章) with its sections, if any. */
export interface Chapter extends ChapterRef {
  sections: Section[];
  /** Numbers of the articles in this chapter, in order. */
  articles: number[];
}

/**
 * One article (条) — or, in a text without 第X条, one numbered paragraph (label "一、", number 1)
 * or the whole text (label "全文", number 1); see {@link Law.numbering}.
 */
export interface Article {
  /**
   * 第四十五条 → 45; 一、 → 1. Articles are keyed by number + sub, so each pair is unique in its
   * law: a number the text writes twice (an attachment that counts again from 第一条) keeps its
   * label as written and takes the next number after the law's highest, with a warning.
   */
  number: number;
  /** For 第十七条之一: 1; otherwise 0. */
  sub: number;
  /** "第四十五条", "第十七条之一", "一、", "1.", "全文": as the text numbers it. */
  label: string;
  chapter: ChapterRef | null;
  section: Section | null;
  paragraphs: Paragraph[];
  /** The whole article as one string: paragraphs and items joined by newlines. */
  text: string;
  /** 1-based line of the article's first line in its file. */
  line: number;
}

/** The dates a law carries. ISO strings; absent where neither front matter nor history says. */
export interface LawDates {
  passed?: string;
  approved?: string;
  amended: string[];
  publication?: string;
  effective?: string;
}

/** One ordinance. */
export interface Law {
  /** Stable id: the national database id where known, else derived from the file name. */
  id: string;
  title: string;
  /** The issuing body, e.g. 大同市人民代表大会常务委员会. */
  author: string | null;
  dates: LawDates;
  /** 有效, 已修改, 废止… or null where unknown. */
  status: string | null;
  sourceUrl: string | null;
  history: HistoryEvent[];
  /** The history note as written, one entry per line or parenthetical. */
  historyText: string[];
  chapters: Chapter[];
  articles: Article[];
  /**
   * How the text is divided: "articles" (第X条), "paragraphs" (一、二、… of a decision or reply
   * without 第X条) or "whole" (one passage, label 全文, cited by the law's title). Absent: articles.
   */
  numbering?: "articles" | "paragraphs" | "whole";
  /** Where the text came from (file path as given to the parser). */
  file: string;
  /**
   * What was irregular but could be read, as "line N: problem" (line 0: the file as a whole), e.g.
   * "line 40: heading "总则" has no 第X章 prefix; read as the next chapter".
   */
  warnings: string[];
}
