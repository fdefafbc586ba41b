/**
 * The keys the learned tables use for laws, chapters, sections and articles. The learner and the
 * engine both derive them from a parsed law with these functions, so a table built from one
 * reading of the corpus finds its rows in the other.
 */
import type { Law } from "../../law/types.js";

/** The key of an article as gold pairs name it: law title and article number (之一 shares it). */
export function articleKey(law: string, article: number): string {
  return `${law}#${article}`;
}

/** The chapter and section keys of each article of a law, in article order. */
export interface ArticleGroups {
  chapter: string;
  section: string;
}

/**
 * Chapter key: law title + "#" + the number of the chapter's first article (chapter numbers
 * restart in each part of the civil code; first articles do not). The law's title when the law
 * has no chapters. Section key the same way; the chapter's key when a chapter has no sections.
 */
export function articleGroups(law: Pick<Law, "title" | "articles">): ArticleGroups[] {
  const out: ArticleGroups[] = [];
  let chapter = "";
  let section = "";
  let lastChapter: string | null = null;
  let lastSection: string | null = null;
  for (const a of law.articles) {
    const chapterId = a.chapter ? `${a.chapter.label}${a.chapter.title}` : null;
    const sectionId = a.section ? `${a.section.label}${a.section.title}` : null;
    if (out.length === 0 || chapterId !== lastChapter) {
      chapter = chapterId ? articleKey(law.title, a.number) : law.title;
      section = sectionId ? articleKey(law.title, a.number) : chapter;
    } else if (sectionId !== lastSection) {
      section = sectionId ? articleKey(law.title, a.number) : chapter;
    }
    lastChapter = chapterId;
    lastSection = sectionId;
    out.push({ chapter, section });
  }
  return out;
}
