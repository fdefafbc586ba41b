/**
 * What `npm run learn` and the evaluation harness both start from: the corpus, its fields, and
 * the training questions analysed the way the engine analyses a question, each with its fold.
 */
import { join } from "node:path";
import { createAnalyzer as createEngineAnalyzer } from "../search/analyze.js";
import { articleKey } from "../search/learned/groups.js";
import type { Bm25Params } from "../search/settings.js";
import { createTokenizer } from "../text/tokenizer.js";
import { loadVocabulary } from "../understand/vocabulary.js";
import type { AnalyzedQuestion } from "./build-tables.js";
import { FIELD_BM25 } from "./build-tables.js";
import { type LearnCorpus, loadCorpus } from "./corpus.js";
import {
  type Analyzer,
  buildCorpusFields,
  type CorpusFields,
  createAnalyzer,
  indexCorpus,
} from "./corpus-fields.js";
import { foldOf, readQuestions } from "./dataset.js";

/** Cross-validation folds (by a hash of the question id). */
export const FOLDS = 5;

/** Where the inputs are, relative to the project root unless absolute. */
export interface LearnInputs {
  corpusDirs: string[];
  questions: string;
  /** The project root (for intents/). */
  root: string;
  /** BM25+ of the article fields (default FIELD_BM25). */
  fieldBm25?: Bm25Params;
}

/** The loaded inputs. */
export interface LearnSetup {
  corpus: LearnCorpus;
  fields: CorpusFields;
  analyzer: Analyzer;
  questions: AnalyzedQuestion[];
}

/** Loads corpus, vocabulary, tokenizer and questions, and indexes the corpus as the engine does. */
export async function loadSetup(inputs: LearnInputs): Promise<LearnSetup> {
  const vocabulary = loadVocabulary(join(inputs.root, "intents"));
  const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  const analyzer = createAnalyzer(tokenizer, vocabulary.stopwordsZh);
  const corpus = loadCorpus(inputs.corpusDirs);
  const segment = indexCorpus(corpus, createEngineAnalyzer(tokenizer, vocabulary));
  const fields = buildCorpusFields(corpus, segment, inputs.fieldBm25 ?? FIELD_BM25);
  const questions = readQuestions(inputs.questions).map((q) => ({
    id: q.id,
    fold: foldOf(q.id, FOLDS),
    ...analyzer.question(q.q),
    relevant: new Set(q.gold.map((g) => articleKey(g.law, g.article))),
  }));
  return { corpus, fields, analyzer, questions };
}
