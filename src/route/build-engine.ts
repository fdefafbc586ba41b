/**
 * The {@link Engine} the routes answer from, made of a built corpus: its searches, and the parts
 * of understanding that need the home laws — their terms (for typos and pinyin), their bodies (for
 * bureau names) — made on the first question that needs them, not at every start.
 */
import type { Corpus } from "../corpus/build.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { joinBureaus } from "../understand/query.js";
import { createAboutTheLaw } from "../understand/scope.js";
import {
  createPinyinLookup,
  createTypoCorrector,
  type TypoCorrector,
  termsOfLaws,
} from "../understand/typos.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import type { WordWeights } from "../understand/word-weights.js";
import type { Engine } from "./engine.js";

// A character that jieba's general corpus counts this often as a word of its own (和 555,815, 要
// 156,581, 去 123,402, 起 58,684, 做 50,331) is a word of most sentences, not a typo. 10,000 keeps
// 列 (5,778) and 循 (878) correctable: in the paraphrase sets it removed every false reading
// (天起 → 天气, 中要 → 重要, 网和 → 网格) and kept every true one but 合做.
const COMMON_CHAR_FREQUENCY = 10_000;

/** What {@link buildEngine} needs. */
export interface EngineParts {
  corpus: Corpus;
  tokenizer: Tokenizer;
  vocabulary: Vocabulary;
  weights: WordWeights;
  hotline: string;
}

/** An engine with the home laws' bodies it found (also for the bot's own use). */
export interface BuiltEngine extends Engine {
  /** The bodies the home laws name (canonical department names), found on first use. */
  homeBodies(): string[];
}

/** The engine over a corpus. */
export function buildEngine(parts: EngineParts): BuiltEngine {
  const { corpus, tokenizer, vocabulary, weights } = parts;
  const { laws, homeLaws, homeIndex: index, corpusIndex } = corpus;
  const homeIds = new Set(homeLaws.map((l) => l.id));
  const departmentsOf = (law: (typeof laws)[number], a: (typeof laws)[number]["articles"][number]) =>
    corpus.entryOf(law, a.number, a.sub)?.departments ?? [];
  let terms: Set<string> | undefined;
  // The words a question about the home laws may mean, cut on the first question that needs them.
  const homeTerms = (): Set<string> => {
    terms ??= termsOfLaws({ laws: homeLaws, tokenizer, vocabulary, departmentsOf });
    return terms;
  };
  let bodies: string[] | undefined;
  const homeBodies = (): string[] => {
    bodies ??= [
      ...new Set(
        homeLaws.flatMap((law) => law.articles.flatMap((a) => departmentsOf(law, a).map((d) => d.canonical))),
      ),
    ];
    return bodies;
  };
  let pinyinLookup: ((letters: string) => string | undefined) | undefined;
  let corrector: TypoCorrector | undefined;
  return {
    laws,
    homeLaws,
    homeIds,
    lawById: new Map(laws.map((l) => [l.id, l])),
    tokenizer,
    vocabulary,
    weights,
    queryOptions: {
      weights,
      get bodies() {
        return homeBodies();
      },
      pinyin: (letters) => {
        pinyinLookup ??= createPinyinLookup(homeTerms());
        return pinyinLookup(letters);
      },
    },
    hotline: parts.hotline,
    entryOf: corpus.entryOf,
    searchHome: (query, opts = {}) => index.search(query, { ...opts, lawIds: homeIds }),
    searchLaw: (query, law, opts = {}) =>
      homeIds.has(law.id)
        ? index.search(query, { ...opts, lawIds: new Set([law.id]) })
        : (corpusIndex?.searchLaw(query, law.id, opts) ?? []),
    searchOthers: (query, opts = {}) => corpusIndex?.searchOthers(query, homeIds, opts) ?? [],
    containing: (text, scope) => corpus.engine.containing(text, { lawIds: new Set(scope.map((l) => l.id)) }),
    aboutTheLaw: createAboutTheLaw(tokenizer, vocabulary, weights),
    correctTypos: (text) => {
      corrector ??= createTypoCorrector({
        terms: homeTerms(),
        isWord: weights.isWord,
        // Bureau names whole, as the question is read: 住建局有 holds no typo 局有 (具有).
        cut: (t) => joinBureaus(tokenizer.cut(t), (w) => vocabulary.stopwordsZh.has(w)),
        isCommonChar: (ch) => weights.generalFrequency(ch) >= COMMON_CHAR_FREQUENCY,
      });
      return corrector.correct(text);
    },
    homeBodies,
  };
}
