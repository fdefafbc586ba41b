/**
 * The confidence of a ranking: the probability that its first hit is a relevant article, from a
 * logistic regression on how far the first hit stands out and what put it first, fitted on
 * out-of-fold rankings of the training questions (src/learn/fit.ts). The answer layer compares it
 * with the thresholds stored beside the model: answer, offer the closest provisions, or refuse.
 */
import type { QuestionTerms, RankedHit, RankerDoc } from "./ranker.js";
import { type ConfidenceModel, FEATURE_INDEX as I } from "./tables.js";

// Chosen on out-of-fold rankings of stard-train (logistic regression, thresholds from cross-fitted
// predictions): the first nine alone give AUC 0.736 and answer 17.6% at 82% precision; with the
// rest, AUC 0.765 and 22.7% at 81%.
/** The names of {@link confidenceFeatures}, in order. */
export const CONFIDENCE_FEATURES = [
  "topScore",
  "margin",
  "lawPrior",
  "chapterPrior",
  "asked",
  "popularity",
  "words",
  "sameLawTop5",
  "questionWords",
  "relativeMargin",
  "gap5",
  "gap10",
  "sameChapterTop5",
  "sectionPrior",
  "translation",
  "bigrams",
  "chapterAsked",
  "cited",
  "logMargin",
] as const;

/**
 * What the confidence model reads from a ranking (the first 10 hits): how far the first hit stands
 * out from the next ones, how much of the ranking agrees on its law and chapter, and what made it
 * first. A missing hit counts as scoring 10 below the last one.
 */
export function confidenceFeatures(
  q: QuestionTerms,
  hits: readonly RankedHit[],
  docs: readonly RankerDoc[],
  chapterOf: (doc: number) => string | undefined = (d) => docs[d]?.chapter,
): number[] {
  const first = hits[0];
  if (!first) return CONFIDENCE_FEATURES.map(() => 0);
  const f = first.features;
  const doc = docs[first.doc];
  const top5 = hits.slice(0, 5);
  const last = hits[Math.min(hits.length, 10) - 1] as RankedHit;
  const scoreAt = (i: number) => hits[i]?.score ?? last.score - 10;
  const margin = first.score - scoreAt(1);
  return [
    first.score,
    margin,
    Math.exp(f[I.lawPrior] as number),
    Math.exp(f[I.chapterPrior] as number),
    f[I.asked] as number,
    f[I.popularity] as number,
    f[I.words] as number,
    top5.filter((h) => docs[h.doc]?.law === doc?.law).length / 5,
    Math.log1p(new Set(q.words).size),
    margin / (Math.abs(first.score) + 1),
    first.score - scoreAt(4),
    first.score - scoreAt(9),
    top5.filter((h) => chapterOf(h.doc) === chapterOf(first.doc)).length / 5,
    Math.exp(f[I.sectionPrior] as number),
    f[I.translation] as number,
    f[I.bigrams] as number,
    f[I.chapterAsked] as number,
    (f[I.popularity] as number) > 0 ? 1 : 0,
    Math.log1p(Math.max(margin, 0)),
  ];
}

/** σ of the confidence model on standardised features; 0 for no hits. */
export function confidenceOf(model: ConfidenceModel, x: readonly number[]): number {
  let z = model.bias;
  model.weights.forEach((w, j) => {
    z += (w * ((x[j] as number) - (model.means[j] as number))) / ((model.scales[j] as number) || 1);
  });
  return 1 / (1 + Math.exp(-z));
}
