/**
 * What `npm run learn` and the evaluation harness both start from: the corpus, its fields, and
 * the training questions analysed the way the engine analyses a question, each with its fold.
 */
import { join } from "node:path";
import { articleKey } from "../search/learned/groups.js";
import { createTokenizer } from "../text/tokenizer.js";
import { loadVocabulary } from "../understand/vocabulary.js";
import type { AnalyzedQuestion } from "./build-tables.js";
import { ARTICLE_BM25 } from "./build-tables.js";
import { type LearnCorpus, loadCorpus } from "./corpus.js";
import { type Analyzer, buildCorpusFields, type CorpusFields, createAnalyzer } from "./corpus-fields.js";
import { foldOf, readQuestions } from "./dataset.js";

/** Cross-validation folds (by a hash of the question id). */
export const FOLDS = 5;

/** Where the inputs are, relative to the project root unless absolute. */
export interface LearnInputs {
  corpusDirs: string[];
  questions: string;
  /** The project root (for intents/). */
  root: string;
}

/** The loaded inputs. */
export interface LearnSetup {
  corpus: LearnCorpus;
  fields: CorpusFields;
  analyzer: Analyzer;
  questions: AnalyzedQuestion[];
}

/** Loads corpus, vocabulary, tokenizer and questions, and builds the article fields. */
export async function loadSetup(inputs: LearnInputs): Promise<LearnSetup> {
  const vocabulary = loadVocabulary(join(inputs.root, "intents"));
  const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  const analyzer = createAnalyzer(tokenizer, vocabulary.stopwordsZh);
  const corpus = loadCorpus(inputs.corpusDirs);
  const fields = buildCorpusFields(corpus, analyzer, ARTICLE_BM25);
  const questions = readQuestions(inputs.questions).map((q) => ({
    id: q.id,
    fold: foldOf(q.id, FOLDS),
    ...analyzer.question(q.q),
    relevant: new Set(q.gold.map((g) => articleKey(g.law, g.article))),
  }));
  return { corpus, fields, analyzer, questions };
}
