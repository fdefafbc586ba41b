/**
 * The keys the learned tables use for laws, chapters, sections and articles. The learner and the
 * engine both derive them from a parsed law with these functions, so a table built from one
 * reading of the corpus finds its rows in the other.
 */
import type { Law } from "../../law/types.js";
import type { RankerDoc } from "./ranker.js";

/** The kinds of national text, from the corpus folder a law sits in. */
export const LAW_TYPES = ["法律", "行政法规", "司法解释", "宪法", "监察法规", "其他"] as const;
/** One of {@link LAW_TYPES}. */
export type LawType = (typeof LAW_TYPES)[number];

/** The type of a law from its file path (relative to its corpus folder): the first folder. */
export function lawTypeOf(file: string): LawType {
  const top = file.split(/[\\/]/)[0] ?? "";
  return (LAW_TYPES as readonly string[]).includes(top) ? (top as LawType) : "其他";
}

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

/** The ranker's view of every article of the laws, in law order then article order. */
export function rankerDocs(laws: readonly Pick<Law, "title" | "articles" | "file">[]): RankerDoc[] {
  const out: RankerDoc[] = [];
  for (const law of laws) {
    const lawType = lawTypeOf(law.file);
    articleGroups(law).forEach((g, i) => {
      const a = law.articles[i] as Law["articles"][number];
      out.push({ law: law.title, lawType, key: articleKey(law.title, a.number), ...g });
    });
  }
  return out;
}
