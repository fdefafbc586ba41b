/**
 * The article fields the learner scores with: BM25 over the words, the bigrams and the headings
 * of every article, as a `RankerCorpus`. The engine serves the same fields from its own index at
 * run time; the learner builds them here so that `npm run learn` does not depend on the engine.
 */
import { bigrams, indexWords } from "../search/entry.js";
import { Bm25Field, type Bm25Params } from "../search/learned/bm25.js";
import type { FieldScorer, QuestionTerms, RankerCorpus } from "../search/learned/ranker.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import type { LearnCorpus } from "./corpus.js";

/** Turns text into the terms the fields hold. */
export interface Analyzer {
  words(normalized: string): string[];
  /** The question's words and bigrams, from raw text. */
  question(text: string): QuestionTerms;
}

/** The analyzer of the engine: jieba search mode without punctuation and stop words; bigrams. */
export function createAnalyzer(tokenizer: Tokenizer, stopwords: ReadonlySet<string>): Analyzer {
  const words = (t: string) => indexWords(t, tokenizer.cutForSearch, stopwords);
  return {
    words,
    question: (text) => {
      const n = normalize(text);
      return { words: words(n), bigrams: bigrams(n) };
    },
  };
}

/** The corpus fields, plus each article's distinct words (what the translation model aligns). */
export interface CorpusFields extends RankerCorpus {
  /** Distinct index words of each article. */
  articleWords: string[][];
  /** The text-words field itself (its idf ranks translation targets). */
  wordField: Bm25Field;
}

/** A field scorer with fixed BM25 parameters. */
export function scorerOf(field: Bm25Field, params: Bm25Params): FieldScorer {
  return {
    accumulate: (weights, out, touched) => field.accumulate(weights, params, out, touched),
    df: (term) => field.df(term),
  };
}

/** Builds the three article fields over the corpus. */
export function buildCorpusFields(corpus: LearnCorpus, analyzer: Analyzer, params: Bm25Params): CorpusFields {
  const a = corpus.articles;
  const wordLists = a.map((x) => analyzer.words(x.text));
  const headingWords = new Map<string, string[]>();
  const headings = a.map((x) => {
    let h = headingWords.get(x.heading);
    if (!h) {
      h = analyzer.words(x.heading);
      headingWords.set(x.heading, h);
    }
    return h;
  });
  const wordField = new Bm25Field(wordLists);
  return {
    docs: a.map((x) => ({
      law: x.law,
      lawType: x.lawType,
      key: x.key,
      chapter: x.chapter,
      section: x.section,
    })),
    words: scorerOf(wordField, params),
    bigrams: scorerOf(new Bm25Field(a.map((x) => bigrams(x.text))), params),
    heading: scorerOf(new Bm25Field(headings), params),
    articleWords: wordLists.map((w) => [...new Set(w)]),
    wordField,
  };
}
