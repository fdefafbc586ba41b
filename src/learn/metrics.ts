/**
 * Ranking metrics as ../shared/eval/score.mjs computes them: hit@1, recall@k (the share of a
 * question's relevant articles among the first k hits) and MRR@10, over (law, article) keys.
 */

/** Summed metrics over a set of questions; divide by `n` (see {@link finish}). */
export interface RankTally {
  n: number;
  hit1: number;
  r1: number;
  r5: number;
  r10: number;
  r100: number;
  mrr: number;
}

/** An empty tally. */
export function emptyTally(): RankTally {
  return { n: 0, hit1: 0, r1: 0, r5: 0, r10: 0, r100: 0, mrr: 0 };
}

/** The reciprocal rank (within the first 10) of the first relevant key, 0 when none. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const n = Math.min(10, ranked.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

/** Adds one question's ranking (article keys, best first) to a tally. */
export function addRanking(tally: RankTally, ranked: readonly string[], relevant: ReadonlySet<string>): void {
  const recall = (k: number) => {
    const top = new Set(ranked.slice(0, k));
    let found = 0;
    for (const key of relevant) if (top.has(key)) found++;
    return relevant.size > 0 ? found / relevant.size : 0;
  };
  tally.n++;
  const rr = reciprocalRank(ranked, relevant);
  tally.mrr += rr;
  if (rr === 1) tally.hit1++;
  tally.r1 += recall(1);
  tally.r5 += recall(5);
  tally.r10 += recall(10);
  tally.r100 += recall(100);
}

/** The averaged metrics of a tally. */
export function finish(t: RankTally): Omit<RankTally, "n"> & { n: number } {
  const d = Math.max(t.n, 1);
  return {
    n: t.n,
    hit1: t.hit1 / d,
    r1: t.r1 / d,
    r5: t.r5 / d,
    r10: t.r10 / d,
    r100: t.r100 / d,
    mrr: t.mrr / d,
  };
}

/** One line: "MRR@10 0.412  R@1 … R@10 …". */
export function formatMetrics(t: RankTally): string {
  const m = finish(t);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  return `MRR@10 ${m.mrr.toFixed(3)}  hit@1 ${pct(m.hit1)}  R@1 ${pct(m.r1)}  R@5 ${pct(m.r5)}  R@10 ${pct(m.r10)}  R@100 ${pct(m.r100)}`;
}
