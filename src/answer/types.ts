/**
 * The Answer: one object for every channel. Channels render it in their own format (CLI text,
 * JSON, Telegram HTML, WeChat plain text) and never compute answers themselves.
 */
import type { IntentName } from "../understand/vocabulary.js";

/** Where an answer comes from: one article of one law. */
export interface Citation {
  /** The law's title: 大同市智慧城市促进条例 */
  law: string;
  lawId: string;
  /** 30 */
  article: number;
  /** 第三十条 */
  label: string;
  /** "第四章 智慧治理", or null for a law without chapters. */
  chapter: string | null;
  /** The clause quoted as the answer (a sentence of the article, or all of it). */
  quote: string;
  /** The official source of the law, where known. */
  url: string | null;
}

/** Another article worth offering next to the answer (for buttons and "see also"). */
export interface RelatedArticle {
  law: string;
  lawId: string;
  article: number;
  label: string;
  /** The beginning of the article, to show on a button. */
  gist: string;
}

/** What a follow-up question ("下一条", "那由哪个部门负责？") can refer to. */
export interface ConversationContext {
  lawId?: string;
  article?: number;
}

/** A reply to one question. */
export interface Answer {
  intent: IntentName;
  /** Narrower kind: effective, approval, count_chapters, next… */
  facet?: string;
  /** False when the law does not cover the question (or the input was unusable). */
  answered: boolean;
  lang: "zh" | "en";
  /** What a person reads: the direct answer, then the quoted clause, then the citation. */
  text: string;
  /** Just the direct answer (first part of `text`), for channels that lay out the parts themselves. */
  lead: string;
  /** Best first. Empty when nothing in the law answers. */
  citations: Citation[];
  /** The responsible bodies named by the answer, as written in the law. */
  departments: string[];
  /** 0–1: how much of the question the cited article covers (1 for exact lookups). */
  confidence: number;
  related: RelatedArticle[];
  /**
   * Related provisions of other loaded laws, offered when the home law does not cover the
   * question: information, never the rule of the resident's own city.
   */
  elsewhere?: Citation[];
  /** What the next question in this conversation may refer to. */
  context: ConversationContext;
}
