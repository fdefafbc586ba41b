/**
 * Fitting the ranker's parameters on out-of-fold features: each training question is scored with
 * tables learned without its fold (so the learned features look as they will on new questions),
 * then the weights are tuned by coordinate ascent on MRR@10, and the confidence model by logistic
 * regression on whether the first hit was relevant.
 */
import { CONFIDENCE_FEATURES, confidenceFeatures } from "../search/learned/confidence.js";
import { type Candidates, createLearnedRanker, type RankedHit } from "../search/learned/ranker.js";
import {
  type ConfidenceModel,
  FEATURES,
  type FeatureName,
  LEXICAL_FEATURES,
  type LearnedTables,
  type RankerParams,
  round4,
} from "../search/learned/tables.js";
import { type AnalyzedQuestion, buildTables, docsByKey, lexicalStart } from "./build-tables.js";
import { coordinateAscent, type RankingSample } from "./coordinate-ascent.js";
import type { CorpusFields } from "./corpus-fields.js";
import { fitLogistic } from "./logistic.js";

/** One question's candidates, scored with tables that did not see it. */
export interface OutOfFold {
  question: AnalyzedQuestion;
  candidates: Candidates;
  sample: RankingSample;
}

/**
 * Candidates of every question from tables built on the other folds. `folds` lists the fold
 * numbers present; a question's fold is `question.fold`.
 */
export function outOfFold(
  questions: readonly AnalyzedQuestion[],
  fields: CorpusFields,
  params: Partial<RankerParams> = {},
): OutOfFold[] {
  const docsOfKey = docsByKey(fields);
  const folds = [...new Set(questions.map((q) => q.fold))].sort((a, b) => a - b);
  const out = new Map<AnalyzedQuestion, OutOfFold>();
  for (const f of folds) {
    const tables = buildTables(
      questions.filter((q) => q.fold !== f),
      fields,
      docsOfKey,
      params,
    );
    const ranker = createLearnedRanker(tables, fields, { weights: FEATURES.map(() => 0) });
    for (const q of questions) {
      if (q.fold !== f) continue;
      const candidates = ranker.candidates(q);
      const relevant = Uint8Array.from(candidates.docs, (d) =>
        q.relevant.has(fields.docs[d]?.key ?? "") ? 1 : 0,
      );
      out.set(q, { question: q, candidates, sample: { features: candidates.features, relevant } });
    }
  }
  return questions.map((q) => out.get(q) as OutOfFold);
}

/**
 * Bootstrap resamples whose fitted weights are averaged (bagging); 0: one fit on all samples.
 * Coordinate ascent on MRR@10 is a step function over ~1,000 questions and one fit lands on a
 * corner that suits its sample (administrativeRegulation −24 … −48 between outer folds), so the
 * mean of fits on resamples should generalise better. It did in quick CV (bench/learn-eval.ts
 * --quick --configs 10 --bags N), MRR@10 / hit@1: one fit 0.533 / 43.1%, 8 bags 0.543 / 44.5%,
 * 16 bags 0.541 / 44.2% — but not in nested CV (--configs 10): one fit 0.542 / 44.0%, 8 bags
 * 0.533 / 43.0%, 16 bags 0.541 / 44.4%. Both swings are the size of the fitting noise, so one fit
 * (the cheaper) is kept.
 */
export const WEIGHT_BAGS = 0;

/** A deterministic uniform [0, 1) generator (mulberry32): the same seed gives the same bags. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One coordinate-ascent fit with only `use` free (the others stay 0); `words` fixes the scale at 1. */
function fitOnce(samples: readonly RankingSample[], use: readonly FeatureName[]): number[] {
  const start = lexicalStart();
  const weights = FEATURES.map((f) => (use.includes(f) ? start[f] || 0.1 : 0));
  const frozen = new Set(
    FEATURES.map((f, i) => (use.includes(f) && f !== "words" ? -1 : i)).filter((i) => i >= 0),
  );
  return coordinateAscent(samples, { start: weights, frozen }).weights;
}

/**
 * Weights fitted with only `use` free (the others stay 0); `words` fixes the scale at 1. With
 * `bags` > 0, the mean of that many fits on bootstrap resamples of the samples (WEIGHT_BAGS says
 * why); 0 gives the single fit on all samples.
 */
export function fitWeights(
  samples: readonly RankingSample[],
  use: readonly FeatureName[],
  bags = WEIGHT_BAGS,
): number[] {
  if (bags <= 0 || samples.length === 0) return fitOnce(samples, use).map(round4);
  const random = seededRandom(samples.length);
  const sum = FEATURES.map(() => 0);
  for (let b = 0; b < bags; b++) {
    const resample = samples.map(() => samples[Math.floor(random() * samples.length)] as RankingSample);
    fitOnce(resample, use).forEach((w, j) => {
      sum[j] = (sum[j] as number) + w / bags;
    });
  }
  return sum.map(round4);
}

/** The first hits of a question's candidates under the weights (what rank() would return). */
export function hitsOf(c: Candidates, weights: readonly number[], limit = 10): RankedHit[] {
  const f = FEATURES.length;
  const scored = c.docs.map((doc, i) => {
    const features = c.features.subarray(i * f, (i + 1) * f);
    let score = 0;
    for (let j = 0; j < f; j++) score += (weights[j] as number) * (features[j] as number);
    return { doc, score, features };
  });
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return scored.slice(0, limit);
}

// Precision the answer threshold must reach on the training folds, and the least number of
// answered training questions it must rest on (a threshold that answers 5 questions says nothing).
const ANSWER_PRECISION = 0.8;
const CLOSEST_HIT3 = 0.5;
const MIN_SUPPORT = 30;

/**
 * The lowest threshold at which the questions scoring at least it reach `target` (by `ok`), over
 * at least MIN_SUPPORT questions; 1 when none does.
 */
export function thresholdFor(rows: ReadonlyArray<{ p: number; ok: boolean }>, target: number): number {
  const sorted = [...rows].sort((a, b) => b.p - a.p);
  let right = 0;
  let best = 1;
  sorted.forEach((r, i) => {
    if (r.ok) right++;
    const next = sorted[i + 1];
    // Only cut between distinct scores.
    if (i + 1 >= MIN_SUPPORT && right / (i + 1) >= target && (!next || next.p < r.p)) best = r.p;
  });
  return best;
}

/** Standardised rows and the logistic model fitted on them, with a predictor. */
function fitStandardised(xs: readonly number[][], ys: readonly number[]) {
  const f = xs[0]?.length ?? 0;
  const n = Math.max(xs.length, 1);
  const means = Array.from({ length: f }, (_, j) => xs.reduce((s, x) => s + (x[j] as number), 0) / n);
  const scales = means.map(
    (m, j) => Math.sqrt(xs.reduce((s, x) => s + ((x[j] as number) - m) ** 2, 0) / n) || 1,
  );
  const z = (x: readonly number[]) => x.map((v, j) => (v - (means[j] as number)) / (scales[j] as number));
  const model = fitLogistic(xs.map(z), ys);
  const predict = (x: readonly number[]) =>
    1 / (1 + Math.exp(-z(x).reduce((s, v, j) => s + (model.weights[j] as number) * v, model.bias)));
  return { model, means, scales, predict };
}

/**
 * Fits the confidence model on out-of-fold rankings. Its thresholds are chosen on cross-fitted
 * predictions (each fold predicted by a model fitted on the other folds): thresholds chosen on the
 * model's own training predictions promised 80% and delivered 76% on held-out questions.
 */
export function fitConfidence(
  oof: readonly OutOfFold[],
  weights: readonly number[],
  fields: CorpusFields,
): ConfidenceModel {
  const xs: number[][] = [];
  const top1: boolean[] = [];
  const top3: boolean[] = [];
  for (const o of oof) {
    const hits = hitsOf(o.candidates, weights);
    xs.push(confidenceFeatures(o.question, hits, fields.docs));
    const rel = (h: RankedHit | undefined) => !!h && o.question.relevant.has(fields.docs[h.doc]?.key ?? "");
    top1.push(rel(hits[0]));
    top3.push(hits.slice(0, 3).some(rel));
  }
  const ys = top1.map((b) => (b ? 1 : 0));
  const { model, means, scales } = fitStandardised(xs, ys);
  const folds = oof.map((o) => o.question.fold);
  const p = new Array<number>(xs.length).fill(0);
  for (const fold of new Set(folds)) {
    const train = xs.map((_, i) => i).filter((i) => folds[i] !== fold);
    if (train.length === 0) continue;
    const inner = fitStandardised(
      train.map((i) => xs[i] as number[]),
      train.map((i) => ys[i] as number),
    );
    xs.forEach((x, i) => {
      if (folds[i] === fold) p[i] = inner.predict(x);
    });
  }
  return {
    features: [...CONFIDENCE_FEATURES],
    bias: round4(model.bias),
    weights: model.weights.map(round4),
    means: means.map(round4),
    scales: scales.map(round4),
    answerAt: round4(
      thresholdFor(
        p.map((v, i) => ({ p: v, ok: top1[i] as boolean })),
        ANSWER_PRECISION,
      ),
    ),
    closestAt: round4(
      thresholdFor(
        p.map((v, i) => ({ p: v, ok: top3[i] as boolean })),
        CLOSEST_HIT3,
      ),
    ),
  };
}

/**
 * Learns everything from the questions: out-of-fold features, the weights (all features, and
 * lexical only), the confidence model; then the tables from all questions with those parameters.
 */
export function learn(
  questions: readonly AnalyzedQuestion[],
  fields: CorpusFields,
  use: readonly FeatureName[] = FEATURES,
  params: Partial<RankerParams> = {},
): { tables: LearnedTables; oof: OutOfFold[] } {
  const oof = outOfFold(questions, fields, params);
  const samples = oof.map((o) => o.sample);
  const weights = fitWeights(samples, use);
  const lexical = fitWeights(
    samples,
    LEXICAL_FEATURES.filter((f) => use.includes(f)),
  );
  const tables = buildTables(questions, fields, docsByKey(fields), params);
  const named = (w: number[]) =>
    Object.fromEntries(FEATURES.map((f, i) => [f, w[i] as number])) as Record<FeatureName, number>;
  tables.ranker.weights = named(weights);
  tables.ranker.lexicalWeights = named(lexical);
  tables.ranker.confidence = fitConfidence(oof, weights, fields);
  return { tables, oof };
}
