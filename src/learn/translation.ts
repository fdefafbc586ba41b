/**
 * IBM Model 1 between the words of questions and the words of the articles they cite: t(a | q),
 * the probability that article word a "translates" question word q. It is what teaches the ranker
 * that a question saying 老板 and 工资 is answered by articles saying 用人单位 and 劳动报酬
 * (Berger & Lafferty 1999, "Information retrieval as statistical translation").
 */

/** One aligned pair: a question's words and one relevant article's words (each listed once). */
export interface TranslationPair {
  source: readonly string[];
  target: readonly string[];
}

/** Options of {@link trainTranslation}. */
export interface TranslationOptions {
  /** EM iterations. */
  iterations: number;
  /**
   * Weight of the empty source word: article words no question word explains (应当, 规定) go to
   * it rather than to every question word.
   */
  nullWeight: number;
}

const NULL = "\u0000";

/**
 * Trains t(target | source) by EM. Returns, per source word, its targets with probabilities
 * (unpruned; see {@link topTranslations}). Deterministic: maps are filled in input order.
 */
export function trainTranslation(
  pairs: readonly TranslationPair[],
  options: TranslationOptions,
): Map<string, Map<string, number>> {
  // t is stored per source word; start uniform over the targets each source co-occurs with.
  let t = new Map<string, Map<string, number>>();
  for (const p of pairs) {
    for (const s of [NULL, ...p.source]) {
      let row = t.get(s);
      if (!row) {
        row = new Map();
        t.set(s, row);
      }
      for (const a of p.target) row.set(a, 1);
    }
  }
  for (const row of t.values()) for (const a of row.keys()) row.set(a, 1 / row.size);
  for (let iter = 0; iter < options.iterations; iter++) {
    const counts = new Map<string, Map<string, number>>();
    for (const p of pairs) {
      const sources = [NULL, ...p.source];
      const rows = sources.map((s) => t.get(s) as Map<string, number>);
      for (const a of p.target) {
        let z = 0;
        const probs = rows.map((row, i) => {
          const x = (row.get(a) ?? 0) * (i === 0 ? options.nullWeight : 1);
          z += x;
          return x;
        });
        if (z === 0) continue;
        sources.forEach((s, i) => {
          const c = (probs[i] as number) / z;
          if (c === 0) return;
          let row = counts.get(s);
          if (!row) {
            row = new Map();
            counts.set(s, row);
          }
          row.set(a, (row.get(a) ?? 0) + c);
        });
      }
    }
    t = new Map();
    for (const [s, row] of counts) {
      let total = 0;
      for (const c of row.values()) total += c;
      t.set(s, new Map([...row].map(([a, c]) => [a, c / total])));
    }
  }
  t.delete(NULL);
  return t;
}

/**
 * The `k` best targets of each source word, by probability times `targetWeight` (e.g. the
 * target's idf, so that 应当 does not fill the list), with probabilities renormalised over those
 * kept. Sources seen in fewer than `minCount` pairs are dropped: one question is no evidence.
 */
export function topTranslations(
  t: ReadonlyMap<string, ReadonlyMap<string, number>>,
  k: number,
  targetWeight: (target: string) => number,
  sourceCount: ReadonlyMap<string, number>,
  minCount: number,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [s, row] of t) {
    if ((sourceCount.get(s) ?? 0) < minCount) continue;
    const best = [...row]
      .map(([a, p]) => ({ a, p, rank: p * targetWeight(a) }))
      .sort((x, y) => y.rank - x.rank || (x.a < y.a ? -1 : 1))
      .slice(0, k);
    const total = best.reduce((sum, x) => sum + x.p, 0);
    if (total > 0) out.set(s, new Map(best.map((x) => [x.a, x.p / total])));
  }
  return out;
}
