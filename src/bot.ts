/**
 * The one front door for every channel: createBot(options) loads the ordinances and the
 * vocabulary, builds the index once, and returns `ask(question, context?)` → Answer.
 * Channels (cli, http, telegram, wechat) import this and the answer types; nothing here knows them.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  articleAnswer,
  type ComposeContext,
  fill,
  gistOf,
  notCovered,
  plainAnswer,
  relatedOf,
  responsibilityAnswer,
  topicAnswer,
  withElsewhere,
} from "./answer/compose.js";
import { metadataAnswer, structureAnswer } from "./answer/law-facts.js";
import type { Answer, ConversationContext } from "./answer/types.js";
import { buildCorpus, engineVersion } from "./corpus/build.js";
import type { CacheStatus } from "./corpus/cache.js";
import type { LoadProblem } from "./law/load.js";
import { toChineseNumber } from "./law/numerals.js";
import type { Law } from "./law/types.js";
import type { ArticleIndex, IndexedArticle, IndexInput, SearchHit } from "./search/article-index.js";
import type { CorpusIndex } from "./search/corpus-index.js";
import type { SearchEngine } from "./search/engine.js";
import { createSuggester, type Suggestion } from "./search/suggest.js";
import { normalize } from "./text/normalize.js";
import { createTokenizer, type Tokenizer, type TokenizerBackend } from "./text/tokenizer.js";
import { buildDirectory, type DirectoryEntry } from "./understand/departments.js";
import { type Classification, classify } from "./understand/intent.js";
import { detectLawMention, escapeRegExp, type LawMention } from "./understand/law-names.js";
import { type AnalyzedQuery, analyzeQuery, detectLanguage } from "./understand/query.js";
import { loadVocabulary, type Vocabulary } from "./understand/vocabulary.js";

/** The project folder: the nearest one above this file with a package.json (src/ or dist/src/). */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
/** Where the deployment's ordinances live by default. */
export const DEFAULT_SEEDS_DIR = join(PROJECT_ROOT, "seeds");
/** Where the intent rules, synonyms, glossary and user dictionary live by default. */
export const DEFAULT_INTENTS_DIR = join(PROJECT_ROOT, "intents");

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** Longest question accepted; longer input gets a "please be brief" reply, not a search. */
export const MAX_QUESTION_CHARS = 500;
/**
 * Below this coverage the best article does not answer the question. Chosen on the dev set:
 * real questions cover 0.6–1.0 of their weighted words; out-of-scope ones that share a place
 * name or a common word stay under 0.4.
 */
export const MIN_CONFIDENCE = 0.55;

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
}

/** A ready bot. */
export interface Bot {
  /** Answers one question; `context` is what the conversation said before (for follow-ups). */
  ask(question: unknown, context?: ConversationContext): Answer;
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
  /** One article of a law (第N条之`sub`), or undefined. */
  article(lawId: string, number: number, sub?: number): IndexedArticle | undefined;
  /** Ranked articles for free text (console search), with the matched words. */
  search(text: string, options?: { limit?: number; lawId?: string }): SearchHit[];
  /** Completions of what is typed so far: law titles, departments, the home laws' articles. */
  suggest(prefix: string, limit?: number): Suggestion[];
  /** The search engine over every law (search/engine.ts). */
  readonly engine: SearchEngine;
  /** How long start-up took, in milliseconds, by phase. */
  readonly timings: Record<string, number>;
}

/** Example questions the channels offer (greeting, help, /start buttons). */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  "谁负责食品安全监管？",
  "第三十条讲什么",
  "条例什么时候施行",
];
const EXAMPLES = [...EXAMPLE_QUESTIONS];
const EXAMPLES_EN = [
  "Who handles food safety monitoring?",
  "What does article 30 say?",
  "When did the ordinance take effect?",
];

/** Creates a bot: loads laws and vocabulary, builds (or loads) the index. */
export async function createBot(options: BotOptions = {}): Promise<Bot> {
  const started = performance.now();
  const intentsDir = options.intentsDir ?? DEFAULT_INTENTS_DIR;
  const vocabulary = loadVocabulary(intentsDir);
  const afterVocabulary = performance.now();
  const backend = options.tokenizer ?? "node-rs";
  const tokenizer = await createTokenizer({ backend, userWords: vocabulary.dictionary });
  const afterTokenizer = performance.now();
  const corpus = buildCorpus({
    ...(options.laws ? { laws: options.laws } : { dirs: options.corpusDirs ?? [DEFAULT_SEEDS_DIR] }),
    ...(options.homeLaws ? { homeLaws: options.homeLaws } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.boosts ? { retrieval: { boosts: options.boosts } } : {}),
    tokenizer,
    vocabulary,
    // The index depends on how text is cut: engine version, backend, user dictionary, stop words.
    dependsOn: [
      engineVersion(PROJECT_ROOT),
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
  const hotline = options.hotline ?? "12345";
  const lawById = new Map(laws.map((l) => [l.id, l]));
  const entryOf = corpus.entryOf;
  let directory: DirectoryEntry[] | undefined;
  const directoryOf = (): DirectoryEntry[] => {
    directory ??= buildDirectory(laws, (law, article) => entryOf(law, article.number)?.departments ?? []);
    return directory;
  };
  const suggester = createSuggester({
    laws,
    homeLaws,
    departments: () => directoryOf().map((e) => e.department),
    tokenizer,
    gistOf: (a) => gistOf(a),
  });

  const composeContext = (lang: "zh" | "en"): ComposeContext => ({
    lang,
    replies: vocabulary.replies,
    hotline,
    examples: lang === "en" ? EXAMPLES_EN : EXAMPLES,
  });

  /** True when a leftover question part says nothing beyond "the law" itself. */
  const aboutTheLaw = (residual: string) =>
    analyzeQuery(residual, tokenizer, vocabulary).units.filter(
      (u) => u.text.length > 1 && !/^(条例|法规|本法|这部|该条例|规章|办法)$/.test(u.text),
    ).length === 0;

  const reply = (key: string, ctx: ComposeContext, values: Record<string, string | number>) =>
    fill(vocabulary.replies[ctx.lang === "en" ? `${key}_en` : key] ?? vocabulary.replies[key] ?? "", {
      hotline,
      examples: ctx.examples.join(ctx.lang === "en" ? " / " : "、"),
      ...values,
    });

  /** Ranked articles of one law, from whichever index holds it. */
  const searchLaw = (query: AnalyzedQuery, law: Law, preferActors: boolean): SearchHit[] =>
    homeIds.has(law.id)
      ? index.search(query, { limit: 6, lawIds: new Set([law.id]), preferActors })
      : (corpusIndex?.searchLaw(query, law.id, { limit: 6, preferActors }) ?? []);

  /** A question that names its article: 第三十条, article 30, 第三十条由谁负责. */
  const answerArticle = (
    c: Classification,
    law: Law,
    text: string,
    ctx: ComposeContext,
    context: ConversationContext,
  ): Answer => {
    const n = c.slots.article as number;
    const entry = entryOf(law, n, c.slots.sub);
    if (!entry) {
      const asked = `${n <= 9999 && ctx.lang !== "en" ? toChineseNumber(n) : n}${c.slots.sub ? `条之${toChineseNumber(Math.min(c.slots.sub, 9999))}` : ""}`;
      const lead = reply("no_article", ctx, { law: law.title, count: law.articles.length, n: asked });
      return plainAnswer(c.intent, false, lead, ctx, context);
    }
    if (c.intent === "responsibility")
      return responsibilityAnswer({ entry, matched: [], coverage: 1 }, text, ctx, []);
    return articleAnswer(entry, ctx);
  };

  /** A question answered by searching the law: who is responsible, what it says about a topic. */
  const answerFromSearch = (
    c: Classification,
    law: Law,
    mention: LawMention | undefined,
    text: string,
    ctx: ComposeContext,
    context: ConversationContext,
  ): Answer => {
    const scopeLaws = mention ? [law] : homeLaws;
    const lawTitles = mention ? law.title : homeLaws.map((l) => l.title).join("、");
    // "上海市数据条例里公共数据是什么": the law's name is gone, its 里 is not part of the term.
    const term = c.term?.replace(/^(里|中|的|里面|当中|关于|对)+/, "");
    if (c.facet === "definition" && term) {
      const defined = findDefinition(term, scopeLaws, entryOf);
      if (defined) return topicAnswer({ entry: defined, score: 1, coverage: 1, matched: [term] }, ctx, []);
    }
    const query = withScope(
      analyzeQuery(c.facet === "definition" && term ? term : c.rest, tokenizer, vocabulary),
      scopeLaws,
    );
    const chapter = c.intent === "topic" && c.facet !== "definition" ? chapterNamed(query, law) : undefined;
    if (chapter !== undefined) return structureAnswer(law, "chapter", chapter, ctx, entryOf);
    const preferActors = c.intent === "responsibility";
    const hits = mention
      ? searchLaw(query, law, preferActors)
      : index.search(query, { limit: 6, lawIds: homeIds, preferActors });
    const best = hits[0];
    if (c.facet === "practical") {
      // Where, how, how much: the law names duties, not counters and fees. Say so, and offer
      // the article that touches the subject.
      const lead = reply("practical", ctx, { law: lawTitles });
      const related = best && best.coverage >= MIN_CONFIDENCE ? relatedOf(hits, -1) : [];
      return { ...plainAnswer("topic", false, lead, ctx, context, "practical"), related };
    }
    if (!best || best.coverage < MIN_CONFIDENCE) {
      const refusal = notCovered(ctx, lawTitles, [], c.intent, context);
      // Not in the home law: say what other loaded laws provide, as other laws — never as
      // the rule of the resident's own city.
      if (!mention && corpusIndex) {
        const other = corpusIndex.searchOthers(query, homeIds, { limit: 3, preferActors })[0];
        if (other && other.coverage >= MIN_CONFIDENCE) return withElsewhere(refusal, other, ctx);
      }
      return refusal;
    }
    const related = relatedOf(hits.slice(1), best.entry.article.number);
    if (c.intent === "responsibility") return responsibilityAnswer(best, text, ctx, related);
    const answer = topicAnswer(best, ctx, related);
    if (c.facet !== "definition" || !term) return answer;
    // Asked what a term means, and the law does not define it: say so before quoting.
    const lead = `${reply("undefined_term", ctx, { law: best.entry.law.title, term })}${answer.lead}`;
    return { ...answer, facet: "definition", lead, text: answer.text.replace(answer.lead, lead) };
  };

  const ask = (question: unknown, context: ConversationContext = {}): Answer => {
    const raw = typeof question === "string" ? question : "";
    if (raw.length > MAX_QUESTION_CHARS) {
      const ctx = composeContext(detectLanguage(normalize(raw.slice(0, 200))));
      return plainAnswer("topic", false, reply("too_long", ctx, { max: MAX_QUESTION_CHARS }), ctx, context);
    }
    const normalized = normalize(raw);
    const lang = detectLanguage(normalized);
    const ctx = composeContext(lang);
    const home = homeLaws[0] as Law;
    if (!/[\p{L}\p{N}]/u.test(normalized)) {
      return plainAnswer("topic", false, reply("empty", ctx, { law: home.title }), ctx, context);
    }

    const mention: LawMention | undefined = detectLawMention(normalized, laws, homeLaws);
    const text = mention ? mention.rest : normalized;
    const contextLaw = context.lawId ? lawById.get(context.lawId) : undefined;
    const c = classify(text, vocabulary, aboutTheLaw);
    // A follow-up stays with the law of the conversation; anything else goes to the law the
    // question names, else the home law.
    const law = mention?.law ?? (c.intent === "followup" ? contextLaw : undefined) ?? home;
    const homeTitles = homeLaws.map((l) => l.title).join("、");

    switch (c.intent) {
      case "greeting": {
        const key = /谢|thank/.test(normalized) ? "thanks" : "greeting";
        return plainAnswer("greeting", true, reply(key, ctx, { law: homeTitles }), ctx, context);
      }
      case "help":
        return plainAnswer(
          "help",
          true,
          reply("help", ctx, {
            law: homeTitles,
            example_responsibility: ctx.examples[0] as string,
            example_article: ctx.examples[1] as string,
            example_metadata: ctx.examples[2] as string,
          }),
          ctx,
          context,
        );
      case "followup": {
        const lawOf = contextLaw;
        if (!lawOf || context.article === undefined) {
          return plainAnswer("followup", false, reply("no_context", ctx, {}), ctx, context, c.facet);
        }
        const step = c.facet === "next" ? 1 : c.facet === "previous" ? -1 : 0;
        const entry = entryOf(lawOf, context.article + step);
        if (!entry) {
          const key = step < 0 ? "first_article" : step > 0 ? "last_article" : "no_context";
          const lead = reply(key, ctx, { law: lawOf.title, count: lawOf.articles.length });
          return plainAnswer("followup", false, lead, ctx, context, c.facet);
        }
        if (c.facet === "department") {
          return {
            ...responsibilityAnswer({ entry, matched: [], coverage: 1 }, text, ctx, []),
            intent: "followup",
            facet: "department",
          };
        }
        return articleAnswer(entry, ctx, "followup", c.facet);
      }
      case "metadata":
        return metadataAnswer(law, c.facet ?? "effective", ctx, entryOf);
      case "structure":
        return structureAnswer(law, c.facet ?? "outline", c.slots.chapter, ctx, entryOf);
      case "article_lookup":
      case "responsibility":
      case "topic":
        return c.slots.article !== undefined
          ? answerArticle(c, law, text, ctx, context)
          : answerFromSearch(c, law, mention, text, ctx, context);
    }
  };

  return {
    ask,
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
    article: (lawId, n, sub) => {
      const law = lawById.get(lawId);
      return law ? entryOf(law, n, sub) : undefined;
    },
    engine: corpus.engine,
    suggest: (prefix, limit) => suggester.suggest(prefix, limit),
    search: (text, opts = {}) => {
      const query = analyzeQuery(normalize(text), tokenizer, vocabulary);
      const limit = opts.limit ?? 10;
      if (opts.lawId && !homeIds.has(opts.lawId))
        return corpusIndex?.searchLaw(query, opts.lawId, { limit }) ?? [];
      return index.search(query, { limit, lawIds: opts.lawId ? new Set([opts.lawId]) : homeIds });
    },
  };
}

/**
 * The article that defines a term: "本条例所称X，是指…", "X，是指…", "X是指…" in one of the laws.
 */
function findDefinition(
  term: string,
  laws: readonly Law[],
  entryOf: (law: Law, n: number, sub?: number) => IndexedArticle | undefined,
): IndexedArticle | undefined {
  const t = escapeRegExp(term);
  const pattern = new RegExp(`所称(的)?${t}|(^|[，。；、\n（()）])${t}[，,]?(是指|指的是|系指)`);
  for (const law of laws) {
    for (const a of law.articles) {
      // The entry's normalised text is computed once and kept, not again for every question.
      const entry = entryOf(law, a.number, a.sub);
      if (entry && pattern.test(entry.normalized)) return entry;
    }
  }
  return undefined;
}

// What the law's title says is what every article is about: "在智慧城市里" narrows nothing in the
// 智慧城市促进条例. Such words count half, as long as the question has other words (0.5: the dev and paraphrase sets pass from 0.4 to 0.5).
const SCOPE_EMPHASIS = 0.5;

/** Lowers the weight of question words that only repeat the title of the law being searched. */
function withScope(query: AnalyzedQuery, laws: readonly Law[]): AnalyzedQuery {
  const titles = laws.map(scopeTitle);
  const inTitle = (text: string) => text.length >= 2 && titles.some((t) => t.includes(text));
  if (!query.units.some((u) => u.known && !inTitle(u.text))) return query;
  return {
    ...query,
    units: query.units.map((u) => (inTitle(u.text) ? { ...u, emphasis: u.emphasis * SCOPE_EMPHASIS } : u)),
  };
}

const scopeTitles = new WeakMap<Law, string>();

/** A law's title without its kind word, normalised once per law (it is asked for every question). */
function scopeTitle(law: Law): string {
  let title = scopeTitles.get(law);
  if (title === undefined) {
    title = normalize(law.title).replace(/(条例|办法|规定)$/, "");
    scopeTitles.set(law, title);
  }
  return title;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** A topic question that is just a chapter's title ("附则", "智慧民生") asks for that chapter. */
function chapterNamed(query: AnalyzedQuery, law: Law): number | undefined {
  const words = query.units
    .map((u) => u.text)
    .filter((w) => !/^(章|部分|一章|这一章)$/.test(w))
    .join("");
  if (!words) return undefined;
  return law.chapters.find((c) => c.title !== "" && normalize(c.title) === words)?.number;
}
