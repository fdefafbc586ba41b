/**
 * `npx tsx bench/learn-eval.ts [--configs a,b] [--quick] [--set name=value,…] [--corpus DIR]
 * [--questions FILE] [--latency-only]`:
 * nested k-fold cross-validation of the learned ranking on the training questions.
 *
 * For each outer fold, everything is learned from the other folds only: their out-of-fold
 * features (inner folds), the weights (coordinate ascent), the confidence model and its
 * thresholds, then the tables; the held-out fold is ranked with the full engine path
 * (LearnedRanker.rank over every touched article). Prints MRR@10, hit@1, R@1/5/10/100 per
 * configuration (each row adds to the one above, then ablations and trust settings), the split by
 * whether a question's relevant articles were cited in training, the answer mode at the
 * thresholds chosen inside the training folds, and the latency of the checked-in tables.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../src/bot.js";
import {
  type AnalyzedQuestion,
  buildTables,
  defaultRankerParams,
  docsByKey,
} from "../src/learn/build-tables.js";
import { fitConfidence, fitWeights, type OutOfFold, outOfFold, WEIGHT_BAGS } from "../src/learn/fit.js";
import { addRanking, emptyTally, formatMetrics, type RankTally } from "../src/learn/metrics.js";
import { FOLDS, type LearnSetup, loadSetup } from "../src/learn/setup.js";
import { createLearnedRanker } from "../src/search/learned/ranker.js";
import {
  FEATURES,
  type FeatureName,
  LEXICAL_FEATURES,
  type LearnedTables,
  type RankerParams,
  readLearnedTables,
  TABLE_FILES,
} from "../src/search/learned/tables.js";

/** A configuration: the features whose weights are fitted, and the trust in the learned ones. */
interface Config {
  name: string;
  use: readonly FeatureName[];
  trust?: number;
  /** The configuration reported in detail (all features, full trust). */
  main?: boolean;
}

const ALL = FEATURES;
const without = (...drop: FeatureName[]) => ALL.filter((f) => !drop.includes(f));
const CUMULATIVE: Array<[string, FeatureName[]]> = [
  ["BM25 words", ["words"]],
  ["+ bigrams", ["bigrams"]],
  ["+ heading (law/chapter titles)", ["heading"]],
  ["+ law prior (naive Bayes)", ["lawPrior"]],
  ["+ translation (IBM Model 1)", ["translation"]],
  ["+ asked (questions → articles)", ["asked"]],
  ["+ popularity", ["popularity"]],
  ["+ law type", ["judicialInterpretation", "administrativeRegulation"]],
  ["+ chapter/section priors", ["chapterPrior", "sectionPrior"]],
  ["+ chapter asked (= all)", ["chapterAsked"]],
];

function configs(): Config[] {
  const out: Config[] = [];
  let use: FeatureName[] = [];
  CUMULATIVE.forEach(([name, add], i) => {
    use = [...use, ...add];
    out.push({ name: `${i + 1}. ${name}`, use, main: i === CUMULATIVE.length - 1 });
  });
  out.push(
    { name: "all − translation", use: without("translation") },
    { name: "all − asked", use: without("asked") },
    { name: "all − popularity", use: without("popularity") },
    { name: "all − law prior", use: without("lawPrior") },
    { name: "all − law type", use: without("judicialInterpretation", "administrativeRegulation") },
    { name: "all − chapter/section", use: without("chapterPrior", "sectionPrior", "chapterAsked") },
    { name: "all − heading", use: without("heading") },
    { name: "all, trust 0.5", use: ALL, trust: 0.5 },
    { name: "all, trust 0 (lexical weights)", use: ALL, trust: 0 },
  );
  return out;
}

/** Bootstrap fits averaged per weight fit (`--bags N`; 0 = one fit on all samples). */
let bags = WEIGHT_BAGS;

/** Per-question outcome of the chosen configuration, for the answer mode and the seen/novel split. */
interface Outcome {
  p: number;
  top1: boolean;
  top3: boolean;
  seen: boolean;
  rr: number;
  answerAt: number;
  closestAt: number;
}

interface FoldState {
  fold: number;
  test: AnalyzedQuestion[];
  oof: OutOfFold[];
  tables: LearnedTables;
  cited: ReadonlySet<string>;
  /** The lexical-only weights (the same for every configuration): fitted once per fold. */
  lexical?: number[];
}

/**
 * The training side of one outer fold. Nested: the weights are fitted on features from tables
 * that never saw the outer fold. Quick (`--quick`, for exploring settings): the out-of-fold
 * features of all questions are computed once and reused, so the training folds' features come
 * from tables that saw the held-out fold's labels (a small leak: only ~12 weights are fitted on them).
 */
function prepareFold(
  setup: LearnSetup,
  fold: number,
  params: Partial<RankerParams>,
  quickOof?: readonly OutOfFold[],
): FoldState {
  const train = setup.questions.filter((q) => q.fold !== fold);
  return {
    fold,
    test: setup.questions.filter((q) => q.fold === fold),
    oof: quickOof ? quickOof.filter((o) => o.question.fold !== fold) : outOfFold(train, setup.fields, params),
    tables: buildTables(train, setup.fields, docsByKey(setup.fields), params),
    cited: new Set(train.flatMap((q) => [...q.relevant])),
  };
}

/** `--set a=1,posterior.mu=30`: overrides of the ranker parameters. */
function parseOverrides(text: string | undefined): Partial<RankerParams> {
  const out: Record<string, unknown> = {};
  const defaults = defaultRankerParams() as unknown as Record<string, unknown>;
  for (const pair of (text ?? "").split(",").filter(Boolean)) {
    const [path, value] = pair.split("=");
    const [top, inner] = (path ?? "").split(".");
    if (!top || !(top in defaults) || value === undefined)
      throw new Error(`--set ${pair}: unknown parameter`);
    if (inner) out[top] = { ...(defaults[top] as object), ...(out[top] as object), [inner]: Number(value) };
    else out[top] = Number(value);
  }
  return out as Partial<RankerParams>;
}

const named = (w: readonly number[]) =>
  Object.fromEntries(FEATURES.map((f, i) => [f, w[i] as number])) as Record<FeatureName, number>;

function evaluateFold(
  setup: LearnSetup,
  state: FoldState,
  config: Config,
  tally: RankTally,
  outcomes: Outcome[],
) {
  const samples = state.oof.map((o) => o.sample);
  const weights = fitWeights(samples, config.use, bags);
  state.lexical ??= fitWeights(samples, LEXICAL_FEATURES, bags);
  const lexical = state.lexical;
  const confidence = fitConfidence(state.oof, weights, setup.fields);
  const tables: LearnedTables = {
    ...state.tables,
    ranker: { ...state.tables.ranker, weights: named(weights), lexicalWeights: named(lexical), confidence },
  };
  const ranker = createLearnedRanker(tables, setup.fields, { trust: config.trust ?? 1 });
  for (const q of state.test) {
    const hits = ranker.rank(q, 100);
    const keys = hits.map((h) => setup.fields.docs[h.doc]?.key ?? "");
    addRanking(tally, keys, q.relevant);
    const first = keys.slice(0, 10).findIndex((k) => q.relevant.has(k));
    outcomes.push({
      p: ranker.confidence(q, hits),
      top1: first === 0,
      top3: first >= 0 && first < 3,
      seen: [...q.relevant].some((k) => state.cited.has(k)),
      rr: first >= 0 ? 1 / (first + 1) : 0,
      answerAt: confidence.answerAt,
      closestAt: confidence.closestAt,
    });
  }
  return weights;
}

function pct(n: number, d: number): string {
  return d > 0 ? `${((100 * n) / d).toFixed(1)}%` : "n/a";
}

/** Area under the ROC curve of the confidence for "the top hit is relevant" (ties count half). */
function auc(outcomes: readonly Outcome[]): number {
  const sorted = [...outcomes].sort((a, b) => a.p - b.p);
  let rankSum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && (sorted[j] as Outcome).p === (sorted[i] as Outcome).p) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((sorted[k] as Outcome).top1) rankSum += midRank;
    i = j;
  }
  const pos = outcomes.filter((o) => o.top1).length;
  const neg = outcomes.length - pos;
  return pos > 0 && neg > 0 ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : 0;
}

function printAnswerMode(outcomes: readonly Outcome[]): void {
  const n = outcomes.length;
  const answered = outcomes.filter((o) => o.p >= o.answerAt);
  const closest = outcomes.filter((o) => o.p < o.answerAt && o.p >= o.closestAt);
  const refused = n - answered.length - closest.length;
  console.log("\n## answer mode (thresholds chosen inside the training folds)");
  console.log(
    `answered ${pct(answered.length, n)} (${answered.length}/${n}), top citation relevant in ${pct(answered.filter((o) => o.top1).length, answered.length)}; a relevant article in the top 3 of those: ${pct(answered.filter((o) => o.top3).length, answered.length)}`,
  );
  console.log(
    `closest provisions ${pct(closest.length, n)}, a relevant one in their top 3: ${pct(closest.filter((o) => o.top3).length, closest.length)}; refused ${pct(refused, n)}`,
  );
  console.log("precision of the top hit by confidence threshold (all folds pooled):");
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const a = outcomes.filter((o) => o.p >= t);
    console.log(
      `  p ≥ ${t.toFixed(1)}: answered ${pct(a.length, n).padStart(6)}, right ${pct(a.filter((o) => o.top1).length, a.length)}`,
    );
  }
  console.log(`calibration (predicted → observed hit@1); AUC ${auc(outcomes).toFixed(3)}:`);
  for (let b = 0; b < 5; b++) {
    const lo = b / 5;
    const bin = outcomes.filter((o) => o.p >= lo && (b === 4 ? o.p <= 1 : o.p < lo + 0.2));
    const mean = bin.reduce((s, o) => s + o.p, 0) / Math.max(bin.length, 1);
    console.log(
      `  ${lo.toFixed(1)}–${(lo + 0.2).toFixed(1)}: n=${bin.length}, predicted ${mean.toFixed(2)}, observed ${pct(bin.filter((o) => o.top1).length, bin.length)}`,
    );
  }
}

function printSplit(outcomes: readonly Outcome[]): void {
  for (const [label, part] of [
    ["relevant article cited in training", outcomes.filter((o) => o.seen)],
    ["never cited in training (novel)", outcomes.filter((o) => !o.seen)],
  ] as const) {
    const mrr = part.reduce((s, o) => s + o.rr, 0) / Math.max(part.length, 1);
    console.log(
      `  ${label}: n=${part.length}, MRR@10 ${mrr.toFixed(3)}, hit@1 ${pct(part.filter((o) => o.top1).length, part.length)}`,
    );
  }
}

function latency(setup: LearnSetup): void {
  const dir = join(PROJECT_ROOT, "learned");
  let tables: LearnedTables;
  try {
    tables = readLearnedTables(dir);
  } catch (error) {
    console.log(`\n## latency: skipped (${(error as Error).message})`);
    return;
  }
  const started = process.hrtime.bigint();
  const ranker = createLearnedRanker(tables, setup.fields);
  const ready = Number(process.hrtime.bigint() - started) / 1e6;
  const times: number[] = [];
  for (const round of [0, 1]) {
    for (const q of setup.questions) {
      const t0 = process.hrtime.bigint();
      const hits = ranker.rank(q, 10);
      ranker.confidence(q, hits);
      if (round === 1) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) =>
    (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(1);
  const sizes = Object.values(TABLE_FILES)
    .map((f) => `${f} ${(statSync(join(dir, f)).size / 1024).toFixed(0)} KiB`)
    .join(", ");
  console.log(
    `\n## latency of the checked-in tables over ${setup.fields.docs.length} articles (rank + confidence, second pass)`,
  );
  console.log(
    `ranker ready in ${ready.toFixed(0)} ms; per question p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
  );
  console.log(`tables: ${sizes}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      configs: { type: "string" },
      corpus: { type: "string", multiple: true },
      questions: { type: "string" },
      "latency-only": { type: "boolean", default: false },
      quick: { type: "boolean", default: false },
      set: { type: "string" },
      bags: { type: "string" },
    },
  });
  const resolve = (p: string) => (p.startsWith("/") ? p : join(PROJECT_ROOT, p));
  const params = parseOverrides(values.set);
  bags = values.bags === undefined ? WEIGHT_BAGS : Number(values.bags);
  const setup = await loadSetup({
    corpusDirs: (values.corpus ?? ["../shared/corpus/lawtext-national"]).map(resolve),
    questions: resolve(values.questions ?? "../shared/eval/stard-train.jsonl"),
    root: PROJECT_ROOT,
    ...(params.fieldBm25 ? { fieldBm25: params.fieldBm25 } : {}),
  });
  const mode = values.quick ? "quick (shared out-of-fold features)" : "nested";
  console.log(
    `# learned ranking, ${FOLDS}-fold ${mode} CV on ${setup.questions.length} questions, ${setup.fields.docs.length} articles; overrides ${JSON.stringify(params)}`,
  );
  if (values["latency-only"]) return latency(setup);
  const wanted = values.configs?.split(",").map((s) => s.trim());
  const chosen = configs().filter(
    (c, i) => !wanted || wanted.some((w) => c.name.startsWith(w) || String(i + 1) === w),
  );
  const tallies = chosen.map(() => emptyTally());
  const outcomes = chosen.map((): Outcome[] => []);
  const weightsSeen: string[] = [];
  const quickOof = values.quick ? outOfFold(setup.questions, setup.fields, params) : undefined;
  for (let fold = 0; fold < FOLDS; fold++) {
    const state = prepareFold(setup, fold, params, quickOof);
    chosen.forEach((c, i) => {
      const w = evaluateFold(setup, state, c, tallies[i] as RankTally, outcomes[i] as Outcome[]);
      if (c.main) weightsSeen.push(w.map((x) => x.toFixed(2)).join(" "));
    });
    console.error(`fold ${fold} done`);
  }
  console.log("\n## ranking (MRR@10 and recall on each held-out fold, pooled)");
  chosen.forEach((c, i) => {
    console.log(`${c.name.padEnd(36)} ${formatMetrics(tallies[i] as RankTally)}`);
  });
  const main = chosen.findIndex((c) => c.main);
  if (main >= 0) {
    console.log(`\nfitted weights of "all" per outer fold (${FEATURES.join(", ")}):`);
    for (const w of weightsSeen) console.log(`  ${w}`);
    console.log("\n## all features, by whether the relevant articles were cited in the training folds");
    printSplit(outcomes[main] as Outcome[]);
    printAnswerMode(outcomes[main] as Outcome[]);
  }
  latency(setup);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
