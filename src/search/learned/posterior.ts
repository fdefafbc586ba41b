/**
 * Naive Bayes P(group | question words) over learned counts, where a group is a law, a chapter or
 * a section: questions about wages cite the labour contract law, questions about deposits the
 * civil code's chapter on contracts. Groups no training question cites share the background word
 * distribution and a small smoothed prior, so they stay reachable.
 */

/** Word counts of the training questions that cite one group. */
export interface GroupCounts {
  /** Training questions citing the group. */
  questions: number;
  /** Word occurrences in those questions (each word once per question). */
  total: number;
  words: ReadonlyMap<string, number>;
}

/** The counts of one grouping (laws, chapters or sections). */
export interface GroupCountTable {
  /** Training questions. */
  questions: number;
  groups: ReadonlyMap<string, GroupCounts>;
}

/** The background: word counts over all training questions. */
export interface BackgroundCounts {
  words: ReadonlyMap<string, number>;
  total: number;
}

/** Smoothing of the posterior; chosen by cross-validation (bench/learn-eval.ts). */
export interface PosteriorParams {
  /** Add-α on each group's question count (groups never cited get α). */
  alpha: number;
  /** Dirichlet μ: how far a group's word distribution leans on the background one. */
  mu: number;
}

/** log P(group | words) for every cited group, and `rest`: that of any one group none cites. */
export interface Posterior {
  groups: Map<string, number>;
  rest: number;
}

/**
 * The posterior over `groupCount` groups (all groups of the corpus, cited or not). Each distinct
 * question word counts once, as in training.
 */
export function groupPosterior(
  table: GroupCountTable,
  background: BackgroundCounts,
  words: readonly string[],
  groupCount: number,
  params: PosteriorParams,
): Posterior {
  const { alpha, mu } = params;
  const vocabulary = background.words.size + 1;
  const unique = [...new Set(words)];
  const bg = unique.map((w) => ((background.words.get(w) ?? 0) + 1) / (background.total + vocabulary));
  const priorTotal = table.questions + alpha * Math.max(groupCount, table.groups.size);
  let restLog = Math.log(alpha / priorTotal);
  for (const p of bg) restLog += Math.log(p);
  const logs = new Map<string, number>();
  for (const [group, row] of table.groups) {
    let s = Math.log((row.questions + alpha) / priorTotal);
    unique.forEach((w, i) => {
      s += Math.log(((row.words.get(w) ?? 0) + mu * (bg[i] as number)) / (row.total + mu));
    });
    logs.set(group, s);
  }
  const restCount = Math.max(groupCount - table.groups.size, 0);
  let max = restCount > 0 ? restLog : Number.NEGATIVE_INFINITY;
  for (const s of logs.values()) max = Math.max(max, s);
  let z = restCount > 0 ? restCount * Math.exp(restLog - max) : 0;
  for (const s of logs.values()) z += Math.exp(s - max);
  const logZ = max + Math.log(z);
  for (const [group, s] of logs) logs.set(group, s - logZ);
  return { groups: logs, rest: restLog - logZ };
}
