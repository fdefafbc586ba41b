/**
 * Builds the learned tables from training questions: group counts (laws, chapters, sections,
 * articles), the background, and the translation table. The ranker parameters are filled in by
 * src/learn/fit.ts; here they are the defaults.
 */
import type { GroupCountTable } from "../search/learned/posterior.js";
import type { QuestionTerms, RankerDoc } from "../search/learned/ranker.js";
import {
  FEATURES,
  type FeatureName,
  type LearnedTables,
  type RankerParams,
} from "../search/learned/tables.js";
import { BM25, type Bm25Params } from "../search/settings.js";
import type { CorpusFields } from "./corpus-fields.js";
import { countBackground, countGroupWords } from "./group-counts.js";
import { topTranslations, trainTranslation } from "./translation.js";

/** A training question, analysed: its terms and the keys (law#number) of its relevant articles. */
export interface AnalyzedQuestion extends QuestionTerms {
  id: string;
  fold: number;
  relevant: ReadonlySet<string>;
}

// Translation table settings, measured by 5-fold CV on stard-train (scratch sweep, MRR@10 of the
// full ranking): 10/20/40 targets per word 0.509/0.511/0.507; sources seen in ≥1/2/3 questions
// 0.513/0.511/0.498; null weight 0.2/1/5 0.505/0.511/0.502; 3/8/15 EM iterations 0.506/0.511/0.508.
// All within noise of each other; the middle values are kept.
const TRANSLATIONS_PER_WORD = 20;
const TRANSLATION_MIN_QUESTIONS = 2;
const TRANSLATION_ITERATIONS = 8;
const TRANSLATION_NULL_WEIGHT = 1;
// Expansion terms in more than 5% of the articles are dropped: quick CV MRR@10 0.544 (5%), 0.542
// (10%), 0.542 (no limit), while the expansion scans a third of the postings and p99 goes from 21
// to 17 ms under load (bench/learn-eval.ts --quick --set translationMaxShare=…).
const TRANSLATION_MAX_SHARE = 0.05;

/**
 * BM25+ of the article fields: the engine's own (settings.ts), on its postings (length = distinct
 * terms). Quick CV (bench/learn-eval.ts --quick, 57,424 articles): MRR@10 0.533 / R@10 63.4% with
 * these, 0.527 / 62.6% with plain BM25 k1 1.2, b 0.75 (phase 1's choice over token counts); nested
 * CV: 0.542 / 63.7% with these, 0.546 / 63.1% with plain — the same within noise, so the engine's one
 * setting is kept.
 */
export const FIELD_BM25: Bm25Params = BM25;

/**
 * Smoothing of the law/chapter/section priors. Quick CV MRR@10 (bench/learn-eval.ts --quick
 * --set posterior.…): α 0.1/1/3/10 → 0.544/0.547/0.548/0.545; μ 10/30/100 → 0.538/0.544/0.538.
 * A larger α also leaves more to the groups nobody asked about (novel questions 0.502 → 0.512).
 */
const POSTERIOR = { alpha: 3, mu: 30 };

/** Starting weights before fitting: the lexical fields only. */
export function lexicalStart(): Record<FeatureName, number> {
  return Object.fromEntries(
    FEATURES.map((f) => [f, f === "words" ? 1 : f === "bigrams" ? 0.8 : f === "heading" ? 0.1 : 0]),
  ) as Record<FeatureName, number>;
}

/** Ranker parameters before fitting. */
export function defaultRankerParams(): RankerParams {
  return {
    weights: lexicalStart(),
    lexicalWeights: lexicalStart(),
    trust: 1,
    askedBm25: { k1: 1.2, b: 0.75 },
    fieldBm25: FIELD_BM25,
    groupCounts: { laws: 0, chapters: 0, sections: 0 },
    posterior: POSTERIOR,
    translationsPerWord: TRANSLATIONS_PER_WORD,
    translationMaxShare: TRANSLATION_MAX_SHARE,
    confidence: { features: [], bias: 0, weights: [], means: [], scales: [], answerAt: 1, closestAt: 1 },
  };
}

/** The groups (law, chapter, section, article) each question cites, through the corpus. */
function citedGroups(q: AnalyzedQuestion, fields: CorpusFields, docsOfKey: ReadonlyMap<string, number[]>) {
  const out = {
    laws: [] as string[],
    chapters: [] as string[],
    sections: [] as string[],
    articles: [] as string[],
  };
  for (const key of q.relevant) {
    const d = docsOfKey.get(key)?.[0];
    if (d === undefined) continue;
    const doc = fields.docs[d] as (typeof fields.docs)[number];
    out.laws.push(doc.law);
    out.chapters.push(doc.chapter);
    out.sections.push(doc.section);
    out.articles.push(doc.key);
  }
  return out;
}

/** How many distinct laws, chapters and sections the documents have. */
export function groupCountsOf(docs: readonly RankerDoc[]): RankerParams["groupCounts"] {
  const distinct = (pick: (d: RankerDoc) => string) => new Set(docs.map(pick)).size;
  return {
    laws: distinct((d) => d.law),
    chapters: distinct((d) => d.chapter),
    sections: distinct((d) => d.section),
  };
}

/** The documents of each article key (之一 articles share their number's key). */
export function docsByKey(fields: CorpusFields): Map<string, number[]> {
  const out = new Map<string, number[]>();
  fields.docs.forEach((d, i) => {
    const list = out.get(d.key);
    if (list) list.push(i);
    else out.set(d.key, [i]);
  });
  return out;
}

/** Learns the tables from the given training questions. */
export function buildTables(
  questions: readonly AnalyzedQuestion[],
  fields: CorpusFields,
  docsOfKey: ReadonlyMap<string, number[]> = docsByKey(fields),
  params: Partial<RankerParams> = {},
): LearnedTables {
  const cited = questions.map((q) => citedGroups(q, fields, docsOfKey));
  const table = (pick: (c: (typeof cited)[number]) => string[]): GroupCountTable =>
    countGroupWords(
      questions.map((q, i) => ({ words: q.words, groups: pick(cited[i] as (typeof cited)[number]) })),
    );
  const pairs = [];
  const sourceCount = new Map<string, number>();
  for (const q of questions) {
    const source = [...new Set(q.words)];
    for (const s of source) sourceCount.set(s, (sourceCount.get(s) ?? 0) + 1);
    for (const key of q.relevant) {
      const d = docsOfKey.get(key)?.[0];
      if (d !== undefined) pairs.push({ source, target: fields.articleWords[d] as string[] });
    }
  }
  const t = trainTranslation(pairs, {
    iterations: TRANSLATION_ITERATIONS,
    nullWeight: TRANSLATION_NULL_WEIGHT,
  });
  const top = topTranslations(
    t,
    TRANSLATIONS_PER_WORD,
    (a) => fields.idf(a),
    sourceCount,
    TRANSLATION_MIN_QUESTIONS,
  );
  return {
    background: countBackground(questions.map((q) => q.words)),
    laws: table((c) => c.laws),
    chapters: table((c) => c.chapters),
    sections: table((c) => c.sections),
    articles: table((c) => c.articles),
    translation: new Map([...top].map(([s, row]) => [s, [...row]])),
    ranker: { ...defaultRankerParams(), groupCounts: groupCountsOf(fields.docs), ...params },
  };
}
