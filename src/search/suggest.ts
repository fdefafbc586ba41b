/**
 * Suggestions as staff and residents type: law titles (and their short names), department names
 * and, for a deployment's own laws, article labels with their first words — matched by prefix
 * (what is typed so far) and loosely (a slip of a character).
 *
 * Why MiniSearch here and not the engine: suggesting is prefix and fuzzy matching over a few
 * thousand short strings, which MiniSearch's radix tree does directly (`prefix`, `fuzzy`) and the
 * engine's postings, made for BM25 over whole articles, cannot (they look up whole terms). Its
 * cost grows with what it holds, so it holds what is short and few: measured on this machine,
 * suggesting every one of the 55,304 national articles took 5.6 s to build and some 200 MB, so
 * articles are suggested only while the home laws have at most {@link MAX_SUGGESTED_ARTICLES}.
 * The index is built on the first call, not at start-up.
 */
import MiniSearch from "minisearch";
import type { Article, Law } from "../law/types.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { namesOf } from "../understand/law-names.js";

/** One suggestion. */
export interface Suggestion {
  kind: "law" | "article" | "department";
  /** What to show: a law's title, "《title》第三十条 first words", a department's name. */
  label: string;
  lawId?: string;
  article?: number;
  score: number;
}

/** Suggests completions of what has been typed so far. */
export interface Suggester {
  /** Best first; nothing for blank input. */
  suggest(prefix: string, limit?: number): Suggestion[];
}

/** Articles are suggested only while the home laws have at most this many (see above). */
export const MAX_SUGGESTED_ARTICLES = 5_000;
const DEFAULT_LIMIT = 8;
const MAX_PREFIX = 40;
// A law's name counts more than an article's first words, a department's in between.
const KIND_BOOST = { law: 2, department: 1.5, article: 1 } as const;

/** What {@link createSuggester} needs. */
export interface SuggesterInput {
  laws: readonly Law[];
  homeLaws: readonly Law[];
  /** Department names (canonical), most mentioned first. */
  departments: () => readonly string[];
  tokenizer: Tokenizer;
  /** The first words of an article (the answer layer's gist). */
  gistOf: (article: Article) => string;
}

interface Doc {
  id: number;
  text: string;
  kind: Suggestion["kind"];
  label: string;
  lawId?: string;
  article?: number;
}

/** A suggester over the laws, built on its first call. */
export function createSuggester(input: SuggesterInput): Suggester {
  let index: { mini: MiniSearch<Doc>; docs: Doc[] } | undefined;
  const build = () => {
    const docs = suggestionDocs(input);
    // Each word once: a law with many short forms must not outrank the law its forms all name.
    const words = (text: string) => [
      ...new Set(input.tokenizer.cutForSearch(normalize(text)).filter((w) => /[\p{L}\p{N}]/u.test(w))),
    ];
    const mini = new MiniSearch<Doc>({ fields: ["text"], tokenize: words, processTerm: (t) => t });
    mini.addAll(docs);
    return { mini, docs };
  };
  return {
    suggest(prefix, limit = DEFAULT_LIMIT) {
      const typed = normalize(String(prefix ?? "")).slice(0, MAX_PREFIX);
      if (!/[\p{L}\p{N}]/u.test(typed)) return [];
      index ??= build();
      const { mini, docs } = index;
      const options = {
        // The last word is being typed: match it as a prefix. Longer words may have a slip in them.
        prefix: (_t: string, i: number, terms: string[]) => i === terms.length - 1,
        fuzzy: (t: string) => (t.length >= 3 ? 0.2 : false),
        boostDocument: (id: unknown) => KIND_BOOST[(docs[id as number] as Doc).kind],
      };
      // Everything typed first; then, loosely, what holds most of it (a slip of a character
      // breaks a Chinese word into pieces that fuzzy matching of whole words cannot mend).
      const results = mini.search(typed, { ...options, combineWith: "AND" });
      if (results.length < limit) {
        const seen = new Set(results.map((r) => r.id));
        results.push(...mini.search(typed, { ...options, combineWith: "OR" }).filter((r) => !seen.has(r.id)));
      }
      return results.slice(0, limit).map((r) => {
        const { kind, label, lawId, article } = docs[r.id as number] as Doc;
        return { kind, label, score: r.score, ...(lawId ? { lawId } : {}), ...(article ? { article } : {}) };
      });
    },
  };
}

/** The strings suggested: every law's names, every department, the home laws' articles when few. */
function suggestionDocs(input: SuggesterInput): Doc[] {
  const docs: Doc[] = [];
  for (const law of input.laws) {
    const names = namesOf(law).titles.join(" ");
    docs.push({ id: docs.length, text: names, kind: "law", label: law.title, lawId: law.id });
  }
  for (const name of input.departments())
    docs.push({ id: docs.length, text: name, kind: "department", label: name });
  const articles = input.homeLaws.reduce((n, l) => n + l.articles.length, 0);
  if (articles <= MAX_SUGGESTED_ARTICLES) {
    for (const law of input.homeLaws) {
      for (const a of law.articles) {
        const gist = input.gistOf(a);
        docs.push({
          id: docs.length,
          text: `${a.label} ${gist}`,
          kind: "article",
          label: `《${law.title}》${a.label} ${gist}`,
          lawId: law.id,
          article: a.number,
        });
      }
    }
  }
  return docs;
}
