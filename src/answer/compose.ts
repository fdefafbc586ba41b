/**
 * Composes the Answer for each intent from the law itself: the direct answer first, then the
 * quoted clause, then the citation. Nothing here invents law: every statement is either a quote,
 * a count of the law's own structure, or a fact from its front matter and history note, and says
 * which. When nothing answers, the reply says so and points to the hotline.
 */
import { toChineseNumber } from "../law/numerals.js";
import type { Article, Law } from "../law/types.js";
import type { IndexedArticle } from "../search/entry.js";
import type { SearchHit } from "../search/ranking.js";
import type { DepartmentMention } from "../understand/departments.js";
import type { Answer, Citation, ConversationContext, RelatedArticle } from "./types.js";

/** Everything a composer may look at. */
export interface ComposeContext {
  lang: "zh" | "en";
  replies: Record<string, string>;
  hotline: string;
  /** Example questions for greeting and help. */
  examples: string[];
}

/** Fills {placeholders} of a reply template. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** "第四章 智慧治理" (or just the label when the source gives no title). */
export function chapterName(article: Article): string | null {
  if (!article.chapter) return null;
  return article.chapter.title ? `${article.chapter.label} ${article.chapter.title}` : article.chapter.label;
}

/** 《大同市智慧城市促进条例》第三十条（第四章 智慧治理） */
export function citationLine(c: Pick<Citation, "law" | "label" | "chapter">): string {
  return `《${c.law}》${c.label}${c.chapter ? `（${c.chapter}）` : ""}`;
}

/** The first words of an article, for buttons and lists. */
export function gistOf(article: Article, max = 24): string {
  const first = article.text.split(/[，。；：\n]/)[0] ?? article.text;
  // "市、县（区）人民政府应当…" opens most articles and tells them apart not at all; a single
  // level ("市人民政府应当…", the only article where 市 alone acts) is kept.
  const clean = first.replace(/^[市县区省（）()]*、[市县区省、（）()]*人民政府(应当)?/, "").trim() || first;
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// Articles up to this length are quoted whole; longer ones by their matching sentences.
const QUOTE_WHOLE_BELOW = 170;

/**
 * The clause to quote: the whole article when short, else the sentences that contain the most
 * of the matched words (and, for a sentence that introduces a list, the list items that match).
 */
export function pickQuote(article: Article, matched: string[]): string {
  if (article.text.length <= QUOTE_WHOLE_BELOW || matched.length === 0) return article.text;
  // Pieces in reading order: each sentence of a paragraph, then each of its items.
  const pieces: Array<{ text: string; para: number; item: boolean }> = [];
  article.paragraphs.forEach((p, para) => {
    for (const s of sentences(p.text)) pieces.push({ text: s, para, item: false });
    for (const it of p.items) pieces.push({ text: `${it.label}${it.text}`, para, item: true });
  });
  const scores = pieces.map((p) => matched.filter((m) => p.text.includes(m)).length);
  const best = Math.max(...scores);
  if (best === 0) return article.text;
  const keep = new Set(pieces.flatMap((_, i) => (scores[i] === best ? [i] : [])));
  // A quoted item keeps the sentence that introduces its list: it says who must do it.
  for (const i of [...keep]) {
    const piece = pieces[i] as (typeof pieces)[number];
    if (!piece.item) continue;
    let k = i - 1;
    while (k >= 0 && (pieces[k] as (typeof pieces)[number]).item) k--;
    if (k >= 0 && (pieces[k] as (typeof pieces)[number]).para === piece.para) keep.add(k);
  }
  const order = [...keep].sort((a, b) => a - b);
  let quote = "";
  order.forEach((i, n) => {
    const piece = pieces[i] as (typeof pieces)[number];
    // Left-out pieces between two quoted ones are marked, so the quote is never a silent splice.
    if (n > 0 && i !== (order[n - 1] as number) + 1) quote += "……";
    const previous = n > 0 ? (pieces[order[n - 1] as number] as (typeof pieces)[number]) : undefined;
    if (previous && (piece.item || piece.para !== previous.para)) quote += "\n";
    quote += piece.text;
  });
  return quote.length < 30 ? article.text : quote;
}

/** Builds a citation of an indexed article. */
export function citationOf(entry: Pick<IndexedArticle, "law" | "article">, quote?: string): Citation {
  return {
    law: entry.law.title,
    lawId: entry.law.id,
    article: entry.article.number,
    label: entry.article.label,
    chapter: chapterName(entry.article),
    quote: quote ?? entry.article.text,
    url: entry.law.sourceUrl,
  };
}

/** Buttons and "see also" entries for the next best hits. */
export function relatedOf(hits: SearchHit[], skip: number): RelatedArticle[] {
  return hits
    .filter((h) => h.entry.article.number !== skip)
    .slice(0, 3)
    .map((h) => ({
      law: h.entry.law.title,
      lawId: h.entry.law.id,
      article: h.entry.article.number,
      label: h.entry.article.label,
      gist: gistOf(h.entry.article),
    }));
}

/** Assembles the reader's text: lead, quote, citation. */
export function assembleText(lead: string, citations: Citation[], lang: "zh" | "en"): string {
  const first = citations[0];
  if (!first) return lead;
  const source = lang === "en" ? `Source: ${citationLine(first)}` : `出处：${citationLine(first)}`;
  return `${lead}\n\n“${first.quote}”\n\n${source}`;
}

/** An answer with no citation: greetings, help, refusals, input errors. */
export function plainAnswer(
  intent: Answer["intent"],
  answered: boolean,
  lead: string,
  ctx: ComposeContext,
  context: ConversationContext = {},
  facet?: string,
): Answer {
  const a: Answer = {
    intent,
    answered,
    lang: ctx.lang,
    text: lead,
    lead,
    citations: [],
    departments: [],
    confidence: answered ? 1 : 0,
    related: [],
    context,
  };
  if (facet) a.facet = facet;
  return a;
}

/** The honest refusal: the law does not cover this; call the hotline. */
export function notCovered(
  ctx: ComposeContext,
  lawTitle: string,
  related: RelatedArticle[] = [],
  intent: Answer["intent"] = "topic",
  context: ConversationContext = {},
): Answer {
  const key = ctx.lang === "en" ? "not_covered_en" : "not_covered";
  const lead = fill(ctx.replies[key] ?? "", {
    law: ctx.lang === "en" ? `《${lawTitle}》` : lawTitle,
    hotline: ctx.hotline,
  });
  // The conversation keeps its subject: "下一条" after an unanswered question still means the
  // article before it.
  return { ...plainAnswer(intent, false, lead, ctx, context), related };
}

/**
 * Adds a provision of another law to a refusal: "其他法规中的相关规定", clearly marked as not the
 * resident's own city's rule.
 */
export function withElsewhere(refusal: Answer, hit: SearchHit, ctx: ComposeContext): Answer {
  const cite = citationOf(hit.entry, pickQuote(hit.entry.article, hit.matched));
  const note =
    ctx.lang === "en"
      ? `Related provision in another law (it does not apply here; for reference only): ${citationLine(cite)}: “${cite.quote}”`
      : `其他法规中的相关规定（不适用于本地，仅供参考）：${citationLine(cite)}：“${cite.quote}”`;
  return { ...refusal, text: `${refusal.text}\n\n${note}`, elsewhere: [cite] };
}

/** Departments to name for an article, the ones the question names or whose duty matches first. */
export function rankDepartments(
  mentions: DepartmentMention[],
  question: string,
  matched: string[],
): DepartmentMention[] {
  // "经本级人民政府常务会议审议通过": the body right before the asked verb (审议) is the one that does it.
  const actsOnMatch = (d: DepartmentMention) => {
    const at = d.duty.indexOf(d.name);
    if (at < 0) return false;
    const after = d.duty.slice(at + d.name.length, at + d.name.length + 4);
    return matched.some((m) => m.length >= 2 && after.includes(m));
  };
  const score = (d: DepartmentMention) =>
    (question.includes(d.canonical) ? 10 : 0) +
    (actsOnMatch(d) ? 3 : 0) +
    matched.filter((m) => d.duty.includes(m)).length +
    (d.role === "actor" ? 0.5 : 0);
  return [...mentions].sort((a, b) => score(b) - score(a));
}

/** The answer to "who is responsible for X" from the best article. */
export function responsibilityAnswer(
  hit: Pick<SearchHit, "entry" | "matched" | "coverage">,
  question: string,
  ctx: ComposeContext,
  related: RelatedArticle[],
): Answer {
  const { entry } = hit;
  const ranked = rankDepartments(entry.departments, question, hit.matched);
  const main = ranked[0];
  const quote =
    main && entry.article.text.length > QUOTE_WHOLE_BELOW
      ? pickQuote(entry.article, [...hit.matched, main.name])
      : pickQuote(entry.article, hit.matched);
  const cite = citationOf(entry, quote);
  let lead: string;
  if (ctx.lang === "en") {
    lead = main
      ? `Under ${entry.article.label} (article ${entry.article.number}) of ${entry.law.title}, the responsible body is ${main.name}.`
      : `${entry.article.label} (article ${entry.article.number}) of ${entry.law.title} covers this but names no specific department.`;
  } else if (main) {
    const others = ranked.slice(1).filter((d) => d.role === "actor" || question.includes(d.canonical));
    lead = `负责的是${main.name}。`;
    if (others.length > 0) lead += `同条还涉及${others.map((d) => d.name).join("、")}。`;
    lead = `根据${citationLine(cite)}，${lead}`;
  } else {
    lead = `${citationLine(cite)}对此作了规定，但没有指定具体负责部门。`;
  }
  return {
    intent: "responsibility",
    answered: true,
    lang: ctx.lang,
    text: assembleText(lead, [cite], ctx.lang),
    lead,
    citations: [cite],
    departments: ranked.map((d) => d.name),
    confidence: round(hit.coverage),
    related,
    context: { lawId: entry.law.id, article: entry.article.number },
  };
}

/** The answer to a topic question: the article that covers it, quoted. */
export function topicAnswer(hit: SearchHit, ctx: ComposeContext, related: RelatedArticle[]): Answer {
  const { entry } = hit;
  const cite = citationOf(entry, pickQuote(entry.article, hit.matched));
  const lead =
    ctx.lang === "en"
      ? `${entry.law.title}, ${entry.article.label} (article ${entry.article.number}) covers this.`
      : `${citationLine(cite)}对此有规定。`;
  return {
    intent: "topic",
    answered: true,
    lang: ctx.lang,
    text: assembleText(lead, [cite], ctx.lang),
    lead,
    citations: [cite],
    departments: entry.departments.filter((d) => d.role === "actor").map((d) => d.name),
    confidence: round(hit.coverage),
    related,
    context: { lawId: entry.law.id, article: entry.article.number },
  };
}

/** One article, whole: for 第三十条 / article 30 / 下一条 / 原文. */
export function articleAnswer(
  entry: IndexedArticle,
  ctx: ComposeContext,
  intent: Answer["intent"] = "article_lookup",
  facet?: string,
): Answer {
  const cite = citationOf(entry);
  const lead =
    ctx.lang === "en"
      ? `${entry.law.title}, ${entry.article.label} (article ${entry.article.number}${entry.article.chapter ? `, chapter ${entry.article.chapter.number}` : ""}) reads:`
      : `${citationLine(cite)}全文如下：`;
  const a: Answer = {
    intent,
    answered: true,
    lang: ctx.lang,
    text: assembleText(lead, [cite], ctx.lang),
    lead,
    citations: [cite],
    departments: entry.departments.map((d) => d.name),
    confidence: 1,
    related: [],
    context: { lawId: entry.law.id, article: entry.article.number },
  };
  if (facet) a.facet = facet;
  return a;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** 2018-05-01 → 2018年5月1日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The law's history in one sentence: 2017年10月31日…通过；2018年1月22日…批准；… */
export function historySentence(law: Law): string {
  if (law.history.length === 0) return "";
  return law.history
    .map((e) => `${chineseDate(e.date)}${e.body}${e.action === "其他" ? "" : e.action}`)
    .join("；");
}

/** The article that says when the law takes effect (本条例自…起施行). */
export function effectiveArticle(law: Law): Article | undefined {
  return [...law.articles].reverse().find((a) => /自.{2,40}?(起)?(施行|生效)|施行/.test(a.text));
}

/** "第三十三条至第四十二条" */
export function articleRange(numbers: number[]): string {
  if (numbers.length === 0) return "";
  const first = numbers[0] as number;
  const last = numbers.at(-1) as number;
  return first === last
    ? `第${toChineseNumber(first)}条`
    : `第${toChineseNumber(first)}条至第${toChineseNumber(last)}条`;
}
