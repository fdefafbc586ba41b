/**
 * The national corpus as the learner sees it: one record per article with its law's title and
 * type, its chapter and section keys, the normalised text and its headings. Read with the
 * project's own loader, so the learner and the engine agree on what an article is.
 */
import { loadLaws } from "../law/load.js";
import { articleGroups, articleKey, type LawType, lawTypeOf } from "../search/learned/groups.js";
import { normalize } from "../text/normalize.js";

export { type LawType, lawTypeOf } from "../search/learned/groups.js";

/** One article of the corpus. */
export interface CorpusArticle {
  /** The law's title as written: the law key of gold pairs and of the learned tables. */
  law: string;
  lawType: LawType;
  number: number;
  sub: number;
  /** law#number: the article key of gold pairs. */
  key: string;
  chapter: string;
  section: string;
  /** Normalised article text. */
  text: string;
  /** Normalised law title, chapter and section titles. */
  heading: string;
}

/** The loaded corpus. */
export interface LearnCorpus {
  articles: CorpusArticle[];
  /** Law titles in load order. */
  laws: string[];
  /** Files that could not be read (the loader reports; the learner measures on what loads). */
  unreadable: number;
}

/** Loads the articles of every law under the folders, in the loader's (sorted) order. */
export function loadCorpus(dirs: string[]): LearnCorpus {
  const loaded = loadLaws(dirs);
  const articles: CorpusArticle[] = [];
  for (const law of loaded.laws) {
    const lawType = lawTypeOf(law.file);
    const groups = articleGroups(law);
    const title = law.title;
    law.articles.forEach((a, i) => {
      const g = groups[i] as { chapter: string; section: string };
      articles.push({
        law: law.title,
        lawType,
        number: a.number,
        sub: a.sub,
        key: articleKey(law.title, a.number),
        chapter: g.chapter,
        section: g.section,
        text: normalize(a.text),
        // ";" keeps the titles apart: normalize() joins Chinese separated by a space, and jieba
        // would then cut words across the boundary.
        heading: normalize(`${title};${a.chapter?.title ?? ""};${a.section?.title ?? ""}`),
      });
    });
  }
  return { articles, laws: loaded.laws.map((l) => l.title), unreadable: loaded.problems.length };
}
