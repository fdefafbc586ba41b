/**
 * Intent classification: which kind of question this is, by the rules in intents/intents.yaml,
 * and the slots it carries (article number, chapter number).
 */
import { CHINESE_NUMERAL_CLASS, parseChineseNumber } from "../law/numerals.js";
import { type AnyPattern, anyOf } from "./any-pattern.js";
import type { IntentName, IntentRule, Vocabulary } from "./vocabulary.js";

/** Slots read from the question. */
export interface Slots {
  article?: number;
  /** For 第十七条之一: 1. */
  sub?: number;
  chapter?: number;
  /** Counted from the end: 最后一条 → 1, 倒数第二条 → 2 (of the law, or of `chapter`). */
  fromEnd?: number;
  /** A chapter counted from the end: 最后一章 → 1, 倒数第二章 → 2. */
  chapterFromEnd?: number;
}

/** The classification of one question. */
export interface Classification {
  intent: IntentName;
  facet?: string;
  slots: Slots;
  /** The question with the slot words (第三十条, article 30, 第五章) taken out. */
  rest: string;
  /** The text the deciding pattern matched, if any. */
  matched?: string;
  /** A named group `term` of the deciding pattern (the term of a definition question). */
  term?: string;
}

const N = `[${CHINESE_NUMERAL_CLASS}0-9]+`;
// 第三十条, 第 30 条, 第十七条之一; at the start of a question also a bare "30条".
const ARTICLE_ZH = new RegExp(`(?:第|^)\\s*(${N})\\s*条(?:之(${N}))?`, "u");
const ARTICLE_EN = /\b(?:article|art\.?|section)\s*(\d{1,4})\b/;
const CHAPTER_ZH = new RegExp(`第\\s*(${N})\\s*章`, "u");
const CHAPTER_EN = /\bchapter\s*(\d{1,3})\b/;

// 倒数第二条, 最后一条, 末条; the last article, the second to last article.
const FROM_END_ZH = new RegExp(`倒数\\s*第?\\s*(${N})\\s*条|(?:最后|最末|末)\\s*(?:一)?\\s*条`, "u");
const FROM_END_EN = /\b(?:the )?(last|final|second[- ]to[- ]last|penultimate) (?:article|section)\b/;
const ORDINAL_EN =
  /\b(?:the )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth) (?:article|section)\b/;
// 最后一章, 倒数第二章, the last chapter.
const CHAPTER_FROM_END = new RegExp(
  `倒数\\s*第?\\s*(${N})\\s*章|(?:最后|最末|末)\\s*(?:一)?\\s*章|\\b(?:the )?(?:last|final) chapter\\b`,
  "u",
);
const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];

/** 最后一条 / 倒数第二条 / the last article: the position counted from the end. */
function readFromEnd(text: string): { fromEnd: number; match: string } | undefined {
  const zh = text.includes("条") ? FROM_END_ZH.exec(text) : null;
  if (zh) {
    const n = zh[1] ? parseChineseNumber(zh[1]) : 1;
    return n !== undefined && n > 0 ? { fromEnd: n, match: zh[0] } : undefined;
  }
  const en = text.includes("article") || text.includes("section") ? FROM_END_EN.exec(text) : null;
  if (en) return { fromEnd: /second|penultimate/.test(en[1] as string) ? 2 : 1, match: en[0] };
  return undefined;
}

/** Reads the article and chapter numbers a question names, and the question without them. */
export function readSlots(normalized: string): { slots: Slots; rest: string } {
  const slots: Slots = {};
  let rest = normalized;
  // Each pattern needs a word most questions lack (条, 章, article…): without it, it is not run.
  // Taking slot words out of `rest` puts a space in their place, so it cannot make one either.
  const zhArticle = normalized.includes("条");
  const enArticle = normalized.includes("art") || normalized.includes("section");
  const zhChapter = normalized.includes("章");
  const enChapter = normalized.includes("chapter");
  if (!zhArticle && !enArticle && !zhChapter && !enChapter)
    return { slots, rest: normalized.replace(/\s+/g, " ").trim() };
  const end = readFromEnd(rest);
  if (end) {
    slots.fromEnd = end.fromEnd;
    rest = rest.replace(end.match, " ");
  }
  const a = end
    ? undefined
    : ((zhArticle ? ARTICLE_ZH.exec(rest) : null) ?? (enArticle ? ARTICLE_EN.exec(rest) : null));
  if (a) {
    const n = parseChineseNumber(a[1] as string);
    if (n !== undefined) slots.article = n;
    const sub = a[2] ? parseChineseNumber(a[2]) : undefined;
    if (sub !== undefined && sub > 0) slots.sub = sub;
    rest = rest.replace(a[0], " ");
  }
  const ordinal = end || a || !enArticle ? undefined : ORDINAL_EN.exec(rest);
  if (ordinal) {
    slots.article = ORDINALS.indexOf(ordinal[1] as string) + 1;
    rest = rest.replace(ordinal[0], " ");
  }
  const lastChapter = zhChapter || enChapter ? CHAPTER_FROM_END.exec(rest) : null;
  if (lastChapter) {
    const n = lastChapter[1] ? parseChineseNumber(lastChapter[1]) : 1;
    if (n !== undefined && n > 0) slots.chapterFromEnd = n;
    rest = rest.replace(lastChapter[0], " ");
  }
  const c = lastChapter
    ? undefined
    : ((zhChapter ? CHAPTER_ZH.exec(rest) : null) ?? (enChapter ? CHAPTER_EN.exec(rest) : null));
  if (c) {
    const n = parseChineseNumber(c[1] as string);
    if (n !== undefined) slots.chapter = n;
    rest = rest.replace(c[0], " ");
  }
  return { slots, rest: rest.replace(/\s+/g, " ").trim() };
}

const rulesTests = new WeakMap<IntentRule, AnyPattern>();

/** A test of whether any pattern of a rule matches (every text passes when they cannot be joined). */
function anyPatternOf(rule: IntentRule): AnyPattern {
  let test = rulesTests.get(rule);
  if (!test) {
    test = anyOf(rule.patterns) ?? { test: () => true };
    rulesTests.set(rule, test);
  }
  return test;
}

/**
 * Whether a scope pattern asks whether someone must follow this law ("外地公司在大同做项目也得按这个
 * 条例来吗"): then the rest of the question says who or where, and the law's scope answers it, however
 * much content that rest has.
 */
function asksToFollowTheLaw(facet: string | undefined, matched: string): boolean {
  return facet === "scope" && /条例|规定|法规/.test(matched);
}

/**
 * Classifies a normalised question. `aboutTheLaw(residual)` tells whether what is left after a
 * metadata or structure pattern is only about the law itself (条例, its name): "条例由谁批准" asks
 * for the approving body, "发展规划由谁审议通过" asks who approves a plan — a responsibility question.
 */
export function classify(
  normalized: string,
  vocabulary: Vocabulary,
  aboutTheLaw: (residual: string) => boolean,
): Classification {
  const { slots, rest } = readSlots(normalized);
  for (const rule of vocabulary.rules) {
    const subject = rule.intent === "article_lookup" ? normalized : rest;
    // None of the rule's patterns matches: skip them all (the loop below would find nothing).
    if (!anyPatternOf(rule).test(subject)) continue;
    for (const pattern of rule.patterns) {
      const m = pattern.exec(subject);
      if (!m) continue;
      const namesArticle = slots.article !== undefined || slots.fromEnd !== undefined;
      if (rule.intent === "article_lookup" && !namesArticle) continue;
      // "art. 44?" is left with "?": a question about an article, not a call for help.
      if ((rule.intent === "help" || rule.intent === "greeting") && namesArticle) continue;
      // "条例第三十八条讲啥" asks about article 38, not what the law covers.
      if (rule.intent === "metadata" && namesArticle) continue;
      // "第三十条由谁负责" names its article: not a follow-up on the previous one; and
      // "第三章讲的是什么" asks for the chapter, not for the meaning of a term.
      if ((rule.intent === "followup" || rule.intent === "topic") && namesArticle) continue;
      if (rule.intent === "topic" && (slots.chapter !== undefined || slots.chapterFromEnd !== undefined))
        continue;
      if (
        rule.intent === "help" ||
        (rule.intent === "metadata" && !asksToFollowTheLaw(rule.facet, m[0])) ||
        rule.intent === "followup" ||
        (rule.intent === "structure" && rule.facet !== "chapter")
      ) {
        if (!aboutTheLaw(rest.replace(m[0], " "))) continue;
      }
      const namesChapter = slots.chapter !== undefined || slots.chapterFromEnd !== undefined;
      if (rule.intent === "structure" && rule.facet === "chapter" && !namesChapter) continue;
      const c: Classification = { intent: rule.intent, slots, rest, matched: m[0] };
      if (rule.facet) c.facet = rule.facet;
      const term = m.groups?.term?.trim();
      if (term) c.term = term;
      return c;
    }
  }
  if (slots.article !== undefined || slots.fromEnd !== undefined)
    return { intent: "article_lookup", slots, rest };
  if (slots.chapter !== undefined || slots.chapterFromEnd !== undefined)
    return { intent: "structure", facet: "chapter", slots, rest };
  return { intent: "topic", slots, rest };
}
