/**
 * Coordinate ascent on MRR@10 (Metzler & Croft 2007): the weights of a linear ranking function
 * are tuned one at a time over a grid, keeping each change that raises the mean reciprocal rank
 * of the training questions, until a full round changes nothing.
 */

/** One question's candidates: a row of features per candidate and which candidates are relevant. */
export interface RankingSample {
  /** Candidates × features, row-major. */
  features: Float32Array;
  /** 1 for a relevant candidate. A question with none still counts, as a miss. */
  relevant: Uint8Array;
}

/** The reciprocal rank (within 10) of the best relevant candidate under the given scores. */
function reciprocalRankOf(scores: Float64Array, relevant: Uint8Array): number {
  const n = relevant.length;
  let best = Number.NEGATIVE_INFINITY;
  let bestIndex = -1;
  for (let c = 0; c < n; c++) {
    if (relevant[c] && (scores[c] as number) > best) {
      best = scores[c] as number;
      bestIndex = c;
    }
  }
  if (bestIndex < 0) return 0;
  let above = 0;
  for (let c = 0; c < n; c++) {
    const x = scores[c] as number;
    // Ties go to the earlier candidate, as a stable sort would order them.
    if (!relevant[c] && (x > best || (x === best && c < bestIndex)) && ++above >= 10) return 0;
  }
  return 1 / (above + 1);
}

/** The linear scores of a sample's candidates. */
export function scoreSample(sample: RankingSample, weights: readonly number[]): Float64Array {
  const f = weights.length;
  const n = sample.relevant.length;
  const scores = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let x = 0;
    for (let j = 0; j < f; j++) x += (weights[j] as number) * (sample.features[c * f + j] as number);
    scores[c] = x;
  }
  return scores;
}

/** Mean reciprocal rank at 10 of a weight vector over samples. */
export function meanReciprocalRank(samples: readonly RankingSample[], weights: readonly number[]): number {
  let sum = 0;
  for (const s of samples) sum += reciprocalRankOf(scoreSample(s, weights), s.relevant);
  return samples.length > 0 ? sum / samples.length : 0;
}

/** Options of {@link coordinateAscent}. */
export interface AscentOptions {
  /** Starting weights (one per feature). */
  start: number[];
  /** Features whose weight stays as given (e.g. the first, which fixes the scale). */
  frozen?: ReadonlySet<number>;
  /** Values tried for a weight: multiples of its current value, and absolute values. */
  factors?: number[];
  absolute?: number[];
  /** Most rounds over all features. */
  rounds?: number;
}

const FACTORS = [0, 0.25, 0.5, 0.7, 0.85, 1.2, 1.4, 2, 4, -1];
const ABSOLUTE = [-3, -1, -0.3, -0.1, -0.03, 0.03, 0.1, 0.3, 1, 3];

/**
 * Tunes the weights; returns them with the MRR they reach on the samples. Deterministic: the
 * values are tried in a fixed order and a change must win by more than rounding noise.
 */
export function coordinateAscent(
  samples: readonly RankingSample[],
  options: AscentOptions,
): { weights: number[]; mrr: number } {
  const weights = [...options.start];
  const f = weights.length;
  // Each sample's scores are kept and updated by one feature at a time: trying a value for
  // weight j costs one multiply-add per candidate instead of f.
  const scores = samples.map((s) => scoreSample(s, weights));
  const rest = samples.map((s) => new Float64Array(s.relevant.length));
  const trial = samples.map((s) => new Float64Array(s.relevant.length));
  const evaluate = (j: number, value: number) => {
    let sum = 0;
    samples.forEach((s, i) => {
      const base = rest[i] as Float64Array;
      const out = trial[i] as Float64Array;
      for (let c = 0; c < base.length; c++)
        out[c] = (base[c] as number) + value * (s.features[c * f + j] as number);
      sum += reciprocalRankOf(out, s.relevant);
    });
    return samples.length > 0 ? sum / samples.length : 0;
  };
  let best = meanReciprocalRank(samples, weights);
  for (let round = 0; round < (options.rounds ?? 8); round++) {
    let improved = false;
    for (let j = 0; j < f; j++) {
      if (options.frozen?.has(j)) continue;
      const current = weights[j] as number;
      samples.forEach((s, i) => {
        const sc = scores[i] as Float64Array;
        const base = rest[i] as Float64Array;
        for (let c = 0; c < sc.length; c++)
          base[c] = (sc[c] as number) - current * (s.features[c * f + j] as number);
      });
      let bestValue = current;
      const tries = new Set([
        ...(options.factors ?? FACTORS).map((k) => current * k),
        ...(options.absolute ?? ABSOLUTE),
      ]);
      for (const value of tries) {
        if (value === current) continue;
        const mrr = evaluate(j, value);
        if (mrr > best + 1e-9) {
          best = mrr;
          bestValue = value;
          improved = true;
        }
      }
      weights[j] = bestValue;
      samples.forEach((s, i) => {
        const sc = scores[i] as Float64Array;
        const base = rest[i] as Float64Array;
        for (let c = 0; c < sc.length; c++)
          sc[c] = (base[c] as number) + bestValue * (s.features[c * f + j] as number);
      });
    }
    if (!improved) break;
  }
  return { weights, mrr: best };
}
