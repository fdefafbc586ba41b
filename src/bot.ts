/**
 * The one front door for every channel: createBot(options) loads the ordinances and the
 * vocabulary, builds the index once, and returns a {@link Bot}: `ask(question, context?)` for free
 * text, and typed requests (`article`, `help`, `followUp` …) for buttons and commands, so that no
 * channel has to phrase a request as Chinese text. Questions are routed by the plain functions in
 * route/; nothing here knows the channels.
 */
import { finish } from "./answer/builders.js";
import { gistOf } from "./answer/format.js";
import type { Answer, ConversationContext } from "./answer/types.js";
import { buildCorpus, engineVersion } from "./corpus/build.js";
import type { CacheStatus } from "./corpus/cache.js";
import { TiaowenError } from "./errors.js";
import type { LoadProblem } from "./law/load.js";
import { PARSER_VERSION } from "./law/parse.js";
import type { Law } from "./law/types.js";
import { DEFAULT_INTENTS_DIR, DEFAULT_SEEDS_DIR, PROJECT_ROOT } from "./paths.js";
import { articleRequestAnswer } from "./route/article.js";
import { answerQuestion } from "./route/ask.js";
import { buildEngine } from "./route/build-engine.js";
import { type FollowUpFacet, followUpAnswer } from "./route/follow-up.js";
import { greetingAnswer, helpAnswer } from "./route/small-talk.js";
import type { ArticleIndex, IndexedArticle, IndexInput, SearchHit } from "./search/article-index.js";
import type { CorpusIndex } from "./search/corpus-index.js";
import type { EngineInput, SearchEngine } from "./search/engine.js";
import { createSuggester, type Suggestion } from "./search/suggest.js";
import { normalize } from "./text/normalize.js";
import { createTokenizer, type Tokenizer, type TokenizerBackend } from "./text/tokenizer.js";
import { buildDirectory, type DirectoryEntry } from "./understand/departments.js";
import { analyzeQuery } from "./understand/query.js";
import { loadVocabulary, type Vocabulary } from "./understand/vocabulary.js";
import { loadWordWeights } from "./understand/word-weights.js";

export { DEFAULT_INTENTS_DIR, DEFAULT_SEEDS_DIR, PROJECT_ROOT } from "./paths.js";
export { MAX_QUESTION_CHARS } from "./route/ask.js";
export { EXAMPLE_QUESTIONS, EXAMPLE_QUESTIONS_EN } from "./route/engine.js";
export type { FollowUpFacet } from "./route/follow-up.js";
export { MIN_CONFIDENCE } from "./route/search.js";

/** Options of {@link createBot}. Every field has a default that works on a fresh clone. */
export interface BotOptions {
  /** Folders of ordinance Markdown files. Default: the project's seeds/. */
  corpusDirs?: string[];
  /** Already parsed laws (instead of corpusDirs), e.g. in tests. */
  laws?: Law[];
  /** Ids, titles or file names of the deployment's own laws; default: every law of the first corpus folder. */
  homeLaws?: string[];
  /** The folder with intents.yaml, synonyms.yaml…; default: the project's intents/. */
  intentsDir?: string;
  tokenizer?: TokenizerBackend;
  /** The hotline residents are sent to when the law does not answer. */
  hotline?: string;
  /** Folder of the on-disk index cache; none when unset. */
  cacheDir?: string;
  /** Field boosts of the home index (for measuring others; the default was chosen by measurement). */
  boosts?: IndexInput["boosts"];
  /** The search engine's ranking stage — features, query expansions, candidates (search/engine.ts); default the measured one. */
  ranking?: EngineInput["ranking"];
}

/** A ready bot. */
export interface Bot {
  /** Answers one question; `context` is what the conversation said before (for follow-ups). */
  ask(question: unknown, context?: ConversationContext): Answer;
  /** Article `n` (第N条之`sub`) of a law, quoted whole; "the law has no such article" when missing. */
  article(lawId: string, n: number, options?: { sub?: number; lang?: "zh" | "en" }): Answer;
  /** What the bot can do, with examples. */
  help(lang?: "zh" | "en"): Answer;
  /** The greeting. */
  greet(lang?: "zh" | "en"): Answer;
  /** A follow-up on the previous answer's article: next, previous, full text, its department. */
  followUp(facet: FollowUpFacet, context: ConversationContext, lang?: "zh" | "en"): Answer;
  /** Every loaded law, home laws first. */
  readonly laws: readonly Law[];
  /** The number of articles of all laws (without reading the laws that are not loaded yet). */
  readonly articleCount: number;
  /** The deployment's own laws: questions that name no law are answered from these. */
  readonly homeLaws: readonly Law[];
  /** The index of the home laws. */
  readonly index: ArticleIndex;
  /** The index of every law (present when there are laws besides the home laws). */
  readonly corpus: CorpusIndex | undefined;
  /** The duty directory of every loaded law (built on first use). */
  readonly directory: readonly DirectoryEntry[];
  readonly tokenizer: Tokenizer;
  readonly vocabulary: Vocabulary;
  /** Files of the corpus that could not be read. */
  readonly problems: readonly LoadProblem[];
  /** Whether the index came from the on-disk cache. */
  readonly cache: CacheStatus;
  /** One article of a law (第N条之`sub`) as the index holds it, or undefined. */
  entry(lawId: string, number: number, sub?: number): IndexedArticle | undefined;
  /** A law by id or exact title. */
  law(idOrTitle: string): Law | undefined;
  /** The bodies the home laws name (canonical department names), found on first use. */
  readonly homeBodies: readonly string[];
  /** Ranked articles for free text (console search), with the matched words. */
  search(text: string, options?: { limit?: number; lawId?: string }): SearchHit[];
  /** Completions of what is typed so far: law titles, departments, the home laws' articles. */
  suggest(prefix: string, limit?: number): Suggestion[];
  /** The search engine over every law (search/engine.ts), for ranking stages and measurements. */
  readonly searchEngine: SearchEngine;
  /** How long start-up took, in milliseconds, by phase. */
  readonly timings: Record<string, number>;
}

/** Creates a bot: loads laws and vocabulary, builds (or loads) the index. */
export async function createBot(options: BotOptions = {}): Promise<Bot> {
  const started = performance.now();
  const vocabulary = loadVocabulary(options.intentsDir ?? DEFAULT_INTENTS_DIR);
  const weights = loadWordWeights();
  const afterVocabulary = performance.now();
  const backend = options.tokenizer ?? "node-rs";
  const tokenizer = await createTokenizer({ backend, userWords: vocabulary.dictionary });
  const afterTokenizer = performance.now();
  const corpus = buildCorpus({
    ...(options.laws ? { laws: options.laws } : { dirs: options.corpusDirs ?? [DEFAULT_SEEDS_DIR] }),
    ...(options.homeLaws ? { homeLaws: options.homeLaws } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.boosts ? { retrieval: { boosts: options.boosts } } : {}),
    ...(options.ranking ? { ranking: options.ranking } : {}),
    tokenizer,
    vocabulary,
    // The index depends on how text is cut: engine version, backend, user dictionary, stop words.
    dependsOn: [
      engineVersion(PROJECT_ROOT),
      `parser ${PARSER_VERSION}`,
      backend,
      JSON.stringify(vocabulary.dictionary),
      JSON.stringify([...vocabulary.stopwordsZh]),
    ],
  });
  const timings: Record<string, number> = {
    vocabulary: round1(afterVocabulary - started),
    tokenizer: round1(afterTokenizer - afterVocabulary),
    ...corpus.timings,
  };
  const { laws, homeLaws, homeIndex: index, corpusIndex } = corpus;
  const homeIds = new Set(homeLaws.map((l) => l.id));
  const lawById = new Map(laws.map((l) => [l.id, l]));
  const engine = buildEngine({ corpus, tokenizer, vocabulary, weights, hotline: options.hotline ?? "12345" });
  let directory: DirectoryEntry[] | undefined;
  const directoryOf = (): DirectoryEntry[] => {
    directory ??= buildDirectory(
      laws,
      (law, article) => corpus.entryOf(law, article.number)?.departments ?? [],
    );
    return directory;
  };
  const suggester = createSuggester({
    laws,
    homeLaws,
    departments: () => directoryOf().map((e) => e.department),
    tokenizer,
    gistOf: (a) => gistOf(a),
  });
  const lawOf = (idOrTitle: string) => lawById.get(idOrTitle) ?? laws.find((l) => l.title === idOrTitle);

  return {
    ask: (question, context = {}) => finish(answerQuestion(engine, question, context)),
    article: (lawId, n, opts = {}) => {
      const law = lawById.get(lawId);
      if (!law) throw new TiaowenError("UNKNOWN_LAW", `no law with id ${JSON.stringify(lawId)} is loaded`);
      const request = opts.sub ? { law, article: n, sub: opts.sub } : { law, article: n };
      return finish(articleRequestAnswer(engine, request, opts.lang ?? "zh"));
    },
    help: (lang = "zh") => finish(helpAnswer(engine, lang)),
    greet: (lang = "zh") => finish(greetingAnswer(engine, lang)),
    followUp: (facet, context, lang = "zh") => finish(followUpAnswer(engine, facet, context, lang)),
    laws,
    articleCount: corpus.size,
    homeLaws,
    index,
    corpus: corpusIndex,
    get directory() {
      return directoryOf();
    },
    tokenizer,
    vocabulary,
    problems: corpus.problems,
    cache: corpus.cache,
    timings,
    entry: (lawId, n, sub) => {
      const law = lawById.get(lawId);
      return law ? corpus.entryOf(law, n, sub) : undefined;
    },
    law: lawOf,
    get homeBodies() {
      return engine.homeBodies();
    },
    searchEngine: corpus.engine,
    suggest: (prefix, limit) => suggester.suggest(prefix, limit),
    search: (text, opts = {}) => {
      const query = analyzeQuery(normalize(text), tokenizer, vocabulary, engine.queryOptions);
      const limit = opts.limit ?? 10;
      if (opts.lawId && !homeIds.has(opts.lawId))
        return corpusIndex?.searchLaw(query, opts.lawId, { limit }) ?? [];
      return index.search(query, { limit, lawIds: opts.lawId ? new Set([opts.lawId]) : homeIds });
    },
  };
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
