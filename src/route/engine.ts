/**
 * What the question-routing functions work with: the loaded laws, the vocabulary, the searches
 * and the reply settings. createBot (bot.ts) builds one; the routes are plain functions of it.
 */
import { type ComposeContext, lawsName } from "../answer/replies.js";
import type { Law } from "../law/types.js";
import type { IndexedArticle } from "../search/entry.js";
import type { SearchHit } from "../search/ranking.js";
import type { Tokenizer } from "../text/tokenizer.js";
import type { AnalyzedQuery, QueryOptions } from "../understand/query.js";
import type { Correction } from "../understand/typos.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import type { WordWeights } from "../understand/word-weights.js";

/** Options of the searches routes run. */
export interface RouteSearchOptions {
  limit?: number;
  /** Rank articles whose subject is a department a little higher (responsibility questions). */
  preferActors?: boolean;
}

/** The engine the routes answer from. */
export interface Engine {
  /** Every loaded law, home laws first. */
  readonly laws: readonly Law[];
  /** The deployment's own laws: questions that name no law are answered from these. */
  readonly homeLaws: readonly Law[];
  readonly homeIds: ReadonlySet<string>;
  readonly lawById: ReadonlyMap<string, Law>;
  readonly tokenizer: Tokenizer;
  readonly vocabulary: Vocabulary;
  /** How topical each question word is (learned from legal and general text). */
  readonly weights: WordWeights;
  /** What question analysis needs beyond the vocabulary: the weights, the home laws' bodies. */
  readonly queryOptions: QueryOptions;
  /** The hotline residents are sent to when the law does not answer. */
  readonly hotline: string;
  /** Article `n` (第N条之`sub`) of a law. */
  entryOf(law: Law, n: number, sub?: number): IndexedArticle | undefined;
  /** The articles of some laws whose normalised text contains a text (found through the index). */
  containing?(text: string, laws: readonly Law[]): readonly IndexedArticle[];
  /** Ranked articles of the home laws. */
  searchHome(query: AnalyzedQuery, options?: RouteSearchOptions): SearchHit[];
  /** Ranked articles of one law. */
  searchLaw(query: AnalyzedQuery, law: Law, options?: RouteSearchOptions): SearchHit[];
  /** Ranked articles of every law but the home ones (none when only home laws are loaded). */
  searchOthers(query: AnalyzedQuery, options?: RouteSearchOptions): SearchHit[];
  /** The question with its keyboard typos read as the corpus terms they stand for. */
  correctTypos(text: string): { text: string; corrections: Correction[] };
  /** Whether the leftover of a pattern says nothing beyond "the law" itself. */
  aboutTheLaw(residual: string): boolean;
}

/** Example questions the channels offer (greeting, help, /start buttons). */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  "谁负责食品安全监管？",
  "第三十条讲什么",
  "条例什么时候施行",
];
/** The same examples in English. */
export const EXAMPLE_QUESTIONS_EN: readonly string[] = [
  "Who handles food safety monitoring?",
  "What does article 30 say?",
  "When did the ordinance take effect?",
];

/** The reply settings of one answer, in its language. */
export function composeContext(engine: Engine, lang: "zh" | "en"): ComposeContext {
  return {
    lang,
    replies: engine.vocabulary.replies,
    hotline: engine.hotline,
    examples: lang === "en" ? EXAMPLE_QUESTIONS_EN : EXAMPLE_QUESTIONS,
  };
}

/** The home laws' name in a sentence: named when few, counted when many. */
export function homeName(engine: Engine, lang: "zh" | "en"): string {
  return lawsName(
    engine.homeLaws.map((l) => l.title),
    lang,
  );
}
