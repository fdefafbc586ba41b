/**
 * The article fields the learner scores with: the engine's own index of the corpus (one segment,
 * built as the engine builds it: src/search/analyze.ts, segment.ts), read through the same
 * adapters the engine's learned ranking uses (src/search/learned/engine-fields.ts). What is
 * learned is therefore learned on what runs: the same words, bigrams, chapter titles, lengths and
 * BM25.
 */
import type { Analyzer as EngineAnalyzer } from "../search/analyze.js";
import { createDocumentTable } from "../search/documents.js";
import { bigrams, indexWords } from "../search/entry.js";
import { segmentFields } from "../search/learned/engine-fields.js";
import type { QuestionTerms, RankerCorpus } from "../search/learned/ranker.js";
import { buildSegment, type Segment } from "../search/segment.js";
import type { Bm25Params } from "../search/settings.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import type { LearnCorpus } from "./corpus.js";

/** Turns a question into the terms the fields hold. */
export interface Analyzer {
  /** The question's words and bigrams, from raw text. */
  question(text: string): QuestionTerms;
}

/** The analyzer of the engine: jieba search mode without punctuation and stop words; bigrams. */
export function createAnalyzer(tokenizer: Tokenizer, stopwords: ReadonlySet<string>): Analyzer {
  return {
    question: (text) => {
      const n = normalize(text);
      return { words: indexWords(n, tokenizer.cutForSearch, stopwords), bigrams: bigrams(n) };
    },
  };
}

/** The corpus fields, plus each article's distinct words (what the translation model aligns). */
export interface CorpusFields extends RankerCorpus {
  /** Distinct index words of each article. */
  articleWords: string[][];
  /** The BM25 idf of a word of the text field (it ranks translation targets). */
  idf(word: string): number;
}

/** Indexes the corpus as the engine does (departments are not needed: no learned feature reads them). */
export function indexCorpus(corpus: LearnCorpus, analyzer: EngineAnalyzer): Segment {
  const documents = createDocumentTable(
    corpus.laws,
    corpus.laws.map((l) => l.articles.length),
    () => [],
  );
  const entries = (function* () {
    for (let d = 0; d < documents.size; d++) yield documents.entryAt(d);
  })();
  return buildSegment(entries, analyzer);
}

/** The distinct words of each document of the text field, from its postings. */
function wordsByDocument(segment: Segment): string[][] {
  const field = segment.fields.text;
  const { offsets, docs } = field.data;
  const out: string[][] = Array.from({ length: field.size }, () => []);
  for (let t = 0; t + 1 < offsets.length; t++) {
    const term = field.dictionary.term(t);
    for (let k = offsets[t] as number; k < (offsets[t + 1] as number); k++)
      (out[docs[k] as number] as string[]).push(term);
  }
  return out;
}

/** The ranker's fields over the engine's index of the corpus. */
export function buildCorpusFields(corpus: LearnCorpus, segment: Segment, bm25: Bm25Params): CorpusFields {
  const text = segment.fields.text;
  const n = text.size;
  return {
    docs: corpus.docs,
    ...segmentFields(segment, bm25),
    articleWords: wordsByDocument(segment),
    idf: (word) => {
      const id = text.termId(word);
      const df = id < 0 ? 0 : text.documentFrequency(id);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
  };
}
