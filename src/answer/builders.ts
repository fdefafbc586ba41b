/**
 * The Answer builders, one per kind of reply: an article quoted whole, a topic, who is
 * responsible, a reply with no citation, the honest refusal. Each returns the answer's parts;
 * {@link finish} renders the text once. Nothing here invents law: every statement is a quote,
 * a count of the law's own structure, or a fact from its front matter, and says which.
 */
import type { IndexedArticle } from "../search/entry.js";
import type { SearchHit } from "../search/ranking.js";
import { chapterName, citationLine, gistOf, roundConfidence } from "./format.js";
import { pickQuote, QUOTE_WHOLE_BELOW } from "./quote.js";
import { rankDepartments } from "./rank-departments.js";
import { renderText } from "./render-text.js";
import { type ComposeContext, reply } from "./replies.js";
import type {
  Answer,
  AnswerParts,
  Citation,
  ConversationContext,
  IntentName,
  RelatedArticle,
} from "./types.js";

/** The answer with its text rendered from its parts (the only place `text` is made). */
export function finish(parts: AnswerParts): Answer {
  const { intent, facet, answered, lang, ...rest } = parts;
  return {
    intent,
    ...(facet !== undefined ? { facet } : {}),
    answered,
    lang,
    text: renderText(parts),
    ...rest,
  };
}

/** A citation of an indexed article, quoting `quote` (default: the whole article). */
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

/** An article offered as a button: its law, label and gist. */
export function relatedArticle(entry: Pick<IndexedArticle, "law" | "article">): RelatedArticle {
  return {
    law: entry.law.title,
    lawId: entry.law.id,
    article: entry.article.number,
    label: entry.article.label,
    gist: gistOf(entry.article),
  };
}

/** Buttons and "see also" entries for the next best hits (up to three, without article `skip`). */
export function relatedOf(hits: SearchHit[], skip: number): RelatedArticle[] {
  return hits
    .filter((h) => h.entry.article.number !== skip)
    .slice(0, 3)
    .map((h) => relatedArticle(h.entry));
}

/** An answer with no citation: greetings, help, refusals, input errors. */
export function plainAnswer(
  intent: IntentName,
  answered: boolean,
  lead: string,
  ctx: Pick<ComposeContext, "lang">,
  context: ConversationContext = {},
  facet?: string,
): AnswerParts {
  return {
    intent,
    ...(facet ? { facet } : {}),
    answered,
    lang: ctx.lang,
    lead,
    quote: null,
    source: null,
    notes: [],
    citations: [],
    departments: [],
    confidence: answered ? 1 : 0,
    related: [],
    candidates: [],
    elsewhere: [],
    contacts: [],
    context,
  };
}

/** An answer that quotes one citation (lead, “quote”, 出处). */
export function citedAnswer(
  intent: IntentName,
  lead: string,
  cite: Citation,
  ctx: Pick<ComposeContext, "lang">,
  fields: Partial<AnswerParts> = {},
): AnswerParts {
  return {
    ...plainAnswer(intent, true, lead, ctx, { lawId: cite.lawId, article: cite.article }),
    quote: cite.quote,
    source: citationLine(cite),
    citations: [cite],
    ...fields,
  };
}

/** The honest refusal: the law does not cover this; call the hotline. `lawName` as in a sentence (《…》). */
export function notCovered(
  ctx: ComposeContext,
  lawName: string,
  intent: IntentName = "topic",
  context: ConversationContext = {},
): AnswerParts {
  const lead = reply("not_covered", ctx, { law: lawName });
  // The conversation keeps its subject: "下一条" after an unanswered question still means the
  // article before it.
  return plainAnswer(intent, false, lead, ctx, context);
}

/**
 * Unsure: no article answers the question well enough, but some come close. Says so, offers the
 * closest provisions as candidates (buttons, "回复1/2/3") and the hotline; not an answer.
 */
export function unsureAnswer(
  ctx: ComposeContext,
  lawName: string,
  closest: Array<Pick<SearchHit, "entry" | "coverage">>,
  intent: IntentName = "topic",
  context: ConversationContext = {},
): AnswerParts {
  const lead = reply("unsure", ctx, { law: lawName });
  return {
    ...plainAnswer(intent, false, lead, ctx, context),
    candidates: closest.map((h) => relatedArticle(h.entry)),
    confidence: roundConfidence(closest[0]?.coverage ?? 0),
  };
}

/**
 * Adds a provision of another law to a refusal: "其他法规中的相关规定", clearly marked as not the
 * resident's own city's rule.
 */
export function withElsewhere(refusal: AnswerParts, hit: SearchHit): AnswerParts {
  return { ...refusal, elsewhere: [citationOf(hit.entry, pickQuote(hit.entry.article, hit.matched))] };
}

/** The answer to "who is responsible for X" from the best article. */
export function responsibilityAnswer(
  hit: Pick<SearchHit, "entry" | "matched" | "coverage">,
  question: string,
  ctx: ComposeContext,
  related: RelatedArticle[],
  previous?: IndexedArticle,
): AnswerParts {
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
  const subject = main ? undefined : previousSubject(entry, previous);
  if (subject) lead += subject(ctx.lang);
  return citedAnswer("responsibility", lead, cite, ctx, {
    departments: ranked.map((d) => d.name),
    confidence: roundConfidence(hit.coverage),
    related,
  });
}

/**
 * What the article before says of who acts, when this one names no body at all: a chapter's
 * articles often share one subject and only the first of a run writes it (第十八条: 市、县（区）人民政府
 * 应当建设…; 第十九条: 引导和支持…). Stated as what that article says, never as this one's rule;
 * only within one chapter, and only when the article before names an actor.
 */
function previousSubject(
  entry: IndexedArticle,
  previous: IndexedArticle | undefined,
): ((lang: "zh" | "en") => string) | undefined {
  if (!previous || entry.departments.length > 0) return undefined;
  if (previous.article.chapter?.number !== entry.article.chapter?.number) return undefined;
  const actor = previous.departments.find((d) => d.role === "actor");
  if (!actor) return undefined;
  return (lang) =>
    lang === "en"
      ? ` The article before it, ${previous.article.label} (article ${previous.article.number}), assigns its duties to ${actor.name}.`
      : `前一条（${previous.article.label}）规定的责任主体是${actor.name}。`;
}

/** The answer to a topic question: the article that covers it, quoted. `prefix` goes before the lead. */
export function topicAnswer(
  hit: SearchHit,
  ctx: ComposeContext,
  related: RelatedArticle[],
  prefix = "",
): AnswerParts {
  const { entry } = hit;
  const cite = citationOf(entry, pickQuote(entry.article, hit.matched));
  const lead =
    ctx.lang === "en"
      ? `${entry.law.title}, ${entry.article.label} (article ${entry.article.number}) provides for this:`
      : `${citationLine(cite)}规定：${leadClause(cite.quote, hit.matched)}`;
  return citedAnswer("topic", prefix + lead, cite, ctx, {
    departments: entry.departments.filter((d) => d.role === "actor").map((d) => d.name),
    confidence: roundConfidence(hit.coverage),
    related,
  });
}

// The lead of a topic answer says what the article provides in at most about this many characters;
// the quote below it gives the rest.
const LEAD_CLAUSE = 60;

/**
 * What a lead says the article provides: of the quote's clauses, the one that holds the most of the
 * matched words, after the clause that opens its sentence (who must act): "市、县（区）人民政府应当以…
 * 为基础，……统一政务服务热线和在线办事平台。"
 */
export function leadClause(quote: string, matched: readonly string[] = []): string {
  const hits = (s: string) => matched.filter((m) => s.includes(m)).length;
  const sentences = quote
    .split(/(?<=[。；])|\n|……/)
    .map((s) => s.trim())
    .filter(Boolean);
  const sentence = sentences.reduce((best, s) => (hits(s) > hits(best) ? s : best), sentences[0] ?? quote);
  const clauses = sentence.replace(/[。；]$/, "").split("，");
  const best = clauses.reduce((k, c, i) => (hits(c) > hits(clauses[k] as string) ? i : k), 0);
  const opening = clauses[0] as string;
  const text = best === 0 ? opening : `${opening}，……${clauses[best] as string}`;
  if (text.length > LEAD_CLAUSE) return `${text.slice(0, LEAD_CLAUSE)}……`;
  return best === clauses.length - 1 ? `${text}。` : `${text}……`;
}

/** One article, whole: for 第三十条 / article 30 / 下一条 / 原文. */
export function articleAnswer(
  entry: IndexedArticle,
  ctx: Pick<ComposeContext, "lang">,
  intent: IntentName = "article_lookup",
  facet?: string,
): AnswerParts {
  const cite = citationOf(entry);
  const lead =
    ctx.lang === "en"
      ? `${entry.law.title}, ${entry.article.label} (article ${entry.article.number}${entry.article.chapter ? `, chapter ${entry.article.chapter.number}` : ""}) reads:`
      : `${citationLine(cite)}全文如下：`;
  return citedAnswer(intent, lead, cite, ctx, {
    ...(facet ? { facet } : {}),
    departments: entry.departments.map((d) => d.name),
  });
}
