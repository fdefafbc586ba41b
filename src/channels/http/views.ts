/**
 * The JSON the API sends for laws, articles and search hits: plain data shaped for clients (the
 * console, the city app), built from the core's objects. The OpenAPI document describes each one.
 */

import type { Article, Bot, IndexedArticle, Law, SearchHit } from "../../mod.js";
import { chapterName, gistOf } from "../../mod.js";
import { type Highlight, highlightOffsets } from "./highlight.js";

/** One law in the list of laws. */
export interface LawSummary {
  id: string;
  title: string;
  author: string | null;
  status: string | null;
  /** ISO dates: passed, approved, amended[], publication, effective (where known). */
  dates: Law["dates"];
  url: string | null;
  /** True for the deployment's own laws (what the bot answers from by default). */
  home: boolean;
  articleCount: number;
  chapters: Array<{ number: number; label: string; title: string; articles: number[] }>;
}

/** A short reference to an article: for neighbours, chapter lists and related links. */
export interface ArticleRef {
  article: number;
  label: string;
  /** The first words of the article. */
  gist: string;
}

/** One article with what the console shows around it. */
export interface ArticleView {
  lawId: string;
  law: string;
  article: number;
  label: string;
  /** "第四章 智慧治理", or null for a law without chapters. */
  chapter: string | null;
  section: string | null;
  /** The whole article; paragraphs separated by newlines. */
  text: string;
  paragraphs: Array<{ text: string; items: Array<{ label: string; text: string }> }>;
  departments: Array<{ name: string; canonical: string; role: "actor" | "mentioned"; duty: string }>;
  url: string | null;
  previous: ArticleRef | null;
  next: ArticleRef | null;
  /** All articles of the same chapter, this one included, in order. */
  chapterArticles: ArticleRef[];
}

/** One ranked article of a search. */
export interface SearchResult {
  lawId: string;
  law: string;
  article: number;
  label: string;
  chapter: string | null;
  text: string;
  /** Where the matched words occur in `text`: [start, end) in UTF-16 code units. */
  highlights: Highlight[];
  matched: string[];
  score: number;
  coverage: number;
}

/** Summarises a law for GET /api/laws. */
export function lawSummary(law: Law, home: boolean): LawSummary {
  return {
    id: law.id,
    title: law.title,
    author: law.author,
    status: law.status,
    dates: law.dates,
    url: law.sourceUrl,
    home,
    articleCount: law.articles.length,
    chapters: law.chapters.map((c) => ({
      number: c.number,
      label: c.label,
      title: c.title,
      articles: c.articles,
    })),
  };
}

function refOf(article: Article): ArticleRef {
  return { article: article.number, label: article.label, gist: gistOf(article) };
}

/** The article view of GET /api/laws/:law/articles/:n. */
export function articleView(entry: IndexedArticle): ArticleView {
  const { law, article } = entry;
  const at = law.articles.indexOf(article);
  const before = at > 0 ? law.articles[at - 1] : undefined;
  const after = at >= 0 ? law.articles[at + 1] : undefined;
  const chapterArticles = article.chapter
    ? law.articles.filter((a) => a.chapter?.number === article.chapter?.number)
    : [];
  return {
    lawId: law.id,
    law: law.title,
    article: article.number,
    label: article.label,
    chapter: chapterName(article),
    section: article.section ? `${article.section.label} ${article.section.title}`.trim() : null,
    text: article.text,
    paragraphs: article.paragraphs.map((p) => ({
      text: p.text,
      items: p.items.map((i) => ({ label: i.label, text: i.text })),
    })),
    departments: entry.departments.map((d) => ({
      name: d.name,
      canonical: d.canonical,
      role: d.role,
      duty: d.duty,
    })),
    url: law.sourceUrl,
    previous: before ? refOf(before) : null,
    next: after ? refOf(after) : null,
    chapterArticles: chapterArticles.map(refOf),
  };
}

/** One search hit with its highlight offsets. */
export function searchResult(hit: SearchHit): SearchResult {
  const { law, article } = hit.entry;
  return {
    lawId: law.id,
    law: law.title,
    article: article.number,
    label: article.label,
    chapter: chapterName(article),
    text: article.text,
    highlights: highlightOffsets(article.text, hit.matched),
    matched: hit.matched,
    score: Math.round(hit.score * 1000) / 1000,
    coverage: Math.round(hit.coverage * 1000) / 1000,
  };
}

/** Finds a law by id or exact title. */
export function findLaw(bot: Bot, idOrTitle: string): Law | undefined {
  return bot.laws.find((l) => l.id === idOrTitle) ?? bot.laws.find((l) => l.title === idOrTitle);
}
