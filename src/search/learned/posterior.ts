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
 * The posterior over `groupCount` groups (all groups of the corpus, cited or not), computed fast
 * for many questions: the words of each group are indexed, so a question costs one pass over the
 * groups plus the groups that hold its words, not a logarithm per group and word. Each distinct
 * question word counts once, as in training.
 */
export class GroupPosterior {
  /** The cited groups, in row order. */
  readonly keys: string[];
  private readonly background: BackgroundCounts;
  private readonly params: PosteriorParams;
  private readonly vocabulary: number;
  private readonly priorLog: Float64Array;
  private readonly denominatorLog: Float64Array;
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly restPrior: number;
  private readonly restCount: number;

  constructor(
    table: GroupCountTable,
    background: BackgroundCounts,
    groupCount: number,
    params: PosteriorParams,
  ) {
    this.keys = [...table.groups.keys()];
    this.background = background;
    this.params = params;
    this.vocabulary = background.words.size + 1;
    const priorTotal = table.questions + params.alpha * Math.max(groupCount, table.groups.size);
    this.priorLog = new Float64Array(this.keys.length);
    this.denominatorLog = new Float64Array(this.keys.length);
    this.keys.forEach((key, row) => {
      const g = table.groups.get(key) as GroupCounts;
      this.priorLog[row] = Math.log((g.questions + params.alpha) / priorTotal);
      this.denominatorLog[row] = Math.log(g.total + params.mu);
      for (const [w, c] of g.words) {
        const list = this.postings.get(w);
        if (list) list.push([row, c]);
        else this.postings.set(w, [[row, c]]);
      }
    });
    this.restPrior = Math.log(params.alpha / priorTotal);
    this.restCount = Math.max(groupCount - table.groups.size, 0);
  }

  /** Writes log P(group | words) of each cited group into `out` (row order); returns `rest`. */
  compute(words: readonly string[], out: Float64Array): number {
    const unique = [...new Set(words)];
    const mu = this.params.mu;
    let base = 0;
    let rest = this.restPrior;
    const smoothed: number[] = [];
    for (const w of unique) {
      const bg = ((this.background.words.get(w) ?? 0) + 1) / (this.background.total + this.vocabulary);
      smoothed.push(mu * bg);
      base += Math.log(mu * bg);
      rest += Math.log(bg);
    }
    const rows = this.keys.length;
    for (let g = 0; g < rows; g++) {
      out[g] = (this.priorLog[g] as number) - unique.length * (this.denominatorLog[g] as number) + base;
    }
    unique.forEach((w, i) => {
      const m = smoothed[i] as number;
      const lm = Math.log(m);
      for (const [g, c] of this.postings.get(w) ?? []) out[g] = (out[g] as number) + Math.log(c + m) - lm;
    });
    let max = this.restCount > 0 ? rest : Number.NEGATIVE_INFINITY;
    for (let g = 0; g < rows; g++) max = Math.max(max, out[g] as number);
    let z = this.restCount > 0 ? this.restCount * Math.exp(rest - max) : 0;
    for (let g = 0; g < rows; g++) z += Math.exp((out[g] as number) - max);
    const logZ = max + Math.log(z);
    for (let g = 0; g < rows; g++) out[g] = (out[g] as number) - logZ;
    return rest - logZ;
  }
}

/** The posterior of {@link GroupPosterior} for one question, as a map by group key. */
export function groupPosterior(
  table: GroupCountTable,
  background: BackgroundCounts,
  words: readonly string[],
  groupCount: number,
  params: PosteriorParams,
): Posterior {
  const model = new GroupPosterior(table, background, groupCount, params);
  const out = new Float64Array(model.keys.length);
  const rest = model.compute(words, out);
  return { groups: new Map(model.keys.map((k, i) => [k, out[i] as number])), rest };
}
