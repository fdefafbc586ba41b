/**
 * `npx tsx bench/confidence-cv.ts [DUMP.jsonl] [--models] [--choice] [--curve]`: compares
 * confidence models on the nested cross-validation rankings written by bench/confidence-dump.ts
 * (default /tmp/confidence-dump.jsonl), without re-ranking.
 *
 * For each outer fold a model is fitted on the training questions' out-of-fold rankings, its
 * answer threshold chosen on cross-fitted predictions for 80% precision (as src/learn/fit.ts
 * does), and it is judged on the held-out fold. Printed per model: the share of held-out questions
 * answered and how many of those cite a relevant article first, the AUC, and — as an optimistic
 * diagnostic only — the largest share the pooled held-out predictions could answer at 80%.
 *
 * Default: the checked-in confidence features, then each candidate extra feature added alone, then
 * all of them. `--models`: L2 settings and boosted trees. `--choice`: cite whichever of the first
 * K hits a per-hit model trusts most. `--curve`: precision of the current model by share answered,
 * and where the wrong answers' relevant articles were.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { thresholdFor } from "../src/learn/fit.js";
import { fitLogistic } from "../src/learn/logistic.js";
import { confidenceFeatures } from "../src/search/learned/confidence.js";
import type { RankedHit, RankerDoc } from "../src/search/learned/ranker.js";
import { FEATURE_INDEX as I } from "../src/search/learned/tables.js";

/** One of a question's first hits, as bench/confidence-dump.ts writes it. */
interface Hit {
  doc: number;
  score: number;
  features: number[];
  law: string;
  chapter: string;
  section: string;
  relevant: boolean;
  /** For each distinct question word (Row.words), whether the article holds it. */
  holds: number[];
}

/** One question ranked in one outer fold (`train`: out-of-fold, `test`: held out). */
interface Row {
  outer: number;
  role: "train" | "test";
  id: string;
  fold: number;
  words: string[];
  nBigrams: number;
  idf: number[];
  /** The best laws of the law posterior: [title, log P]. */
  laws: Array<[string, number]>;
  rest: number;
  /** The first hit's doc after dropping each distinct word. */
  drop: number[];
  /** The first 5 docs of rankings with other weights (lexical only; without cited-article features). */
  alternatives?: Record<string, number[]>;
  hits: Hit[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    models: { type: "boolean", default: false },
    choice: { type: "boolean", default: false },
    curve: { type: "boolean", default: false },
  },
});
const rows = readFileSync(positionals[0] ?? "/tmp/confidence-dump.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);
const docs: RankerDoc[] = [];
for (const r of rows)
  for (const h of r.hits)
    docs[h.doc] = { law: h.law, lawType: "", key: "", chapter: h.chapter, section: h.section };

/** The checked-in confidence features of a ranking. */
function baseline(r: Row, hits: readonly Hit[] = r.hits): number[] {
  const ranked: RankedHit[] = hits.map((h) => ({
    doc: h.doc,
    score: h.score,
    features: Float32Array.from(h.features),
  }));
  return confidenceFeatures({ words: r.words, bigrams: [] }, ranked, docs);
}

const logSumExp = (xs: readonly number[]) => {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};
/** The idf-weighted share of the question's words an article holds. */
const coverageOf = (r: Row, h: Hit | undefined) =>
  h
    ? h.holds.reduce((s, x, i) => s + x * (r.idf[i] as number), 0) / (r.idf.reduce((a, b) => a + b, 0) || 1)
    : 0;
const votesFor = (r: Row, doc: number | undefined) =>
  r.drop.length ? r.drop.filter((d) => d === doc).length / r.drop.length : 1;

/** 1/(1 + rank) of the first hit in another ranking's first 5; 0 when absent. */
const agreement = (r: Row, name: string) => {
  const at = r.alternatives?.[name]?.indexOf(r.hits[0]?.doc ?? -1) ?? -1;
  return at < 0 ? 0 : 1 / (1 + at);
};

/** Candidate extra features of the first hit, by name. */
const EXTRA: Record<string, (r: Row) => number> = {
  lexicalAgreement: (r) => agreement(r, "lexical"),
  uncitedAgreement: (r) => agreement(r, "uncited"),
  topLawMass: (r) => Math.exp((r.laws[0]?.[1] ?? r.rest) - logSumExp(r.laws.map((l) => l[1]))),
  topLawLogP: (r) => r.laws[0]?.[1] ?? r.rest,
  hitInTopLaw: (r) => (r.hits[0]?.law === r.laws[0]?.[0] ? 1 : 0),
  lawMargin: (r) => (r.laws[0]?.[1] ?? 0) - (r.laws[1]?.[1] ?? r.rest),
  sameLawTop10: (r) => r.hits.filter((h) => h.law === r.hits[0]?.law).length / 10,
  sameLawTop3: (r) => r.hits.slice(0, 3).filter((h) => h.law === r.hits[0]?.law).length / 3,
  sameSectionTop5: (r) => r.hits.slice(0, 5).filter((h) => h.section === r.hits[0]?.section).length / 5,
  stable: (r) => votesFor(r, r.hits[0]?.doc),
  allStable: (r) => (r.drop.every((d) => d === r.hits[0]?.doc) ? 1 : 0),
  coverage: (r) => coverageOf(r, r.hits[0]),
  rareCovered: (r) => {
    const rare = r.idf.flatMap((x, i) => (x > 5 ? [i] : []));
    return rare.length ? rare.filter((i) => r.hits[0]?.holds[i]).length / rare.length : 0.5;
  },
  coverageGap: (r) =>
    coverageOf(r, r.hits[0]) - Math.max(0, ...r.hits.slice(1, 5).map((h) => coverageOf(r, h))),
  nWords: (r) => r.words.length,
  nBigrams: (r) => Math.log1p(r.nBigrams),
  softmax1: (r) => Math.exp((r.hits[0]?.score ?? 0) - logSumExp(r.hits.map((h) => h.score))),
  gap2: (r) => (r.hits[0]?.score ?? 0) - (r.hits[2]?.score ?? 0),
  lawPriorGap: (r) => (r.hits[0]?.features[I.lawPrior] ?? 0) - (r.hits[1]?.features[I.lawPrior] ?? 0),
  askedGap: (r) =>
    (r.hits[0]?.features[I.asked] ?? 0) -
    Math.max(0, ...r.hits.slice(1).map((h) => h.features[I.asked] ?? 0)),
};
const plus =
  (names: readonly string[]) =>
  (r: Row): number[] => [...baseline(r), ...names.map((n) => (EXTRA[n] as (r: Row) => number)(r))];

/** Features of the k-th hit as the one to cite (for --choice). */
function hitFeatures(r: Row, k: number): number[] {
  const h = r.hits[k] as Hit;
  return [
    ...baseline(r, [h, ...r.hits.filter((_, i) => i !== k)]),
    h.score - (r.hits[0] as Hit).score,
    k === 0 ? 1 : 0,
    k === 1 ? 1 : 0,
    h.law === r.laws[0]?.[0] ? 1 : 0,
    coverageOf(r, h),
    r.hits.filter((x) => x.law === h.law).length / 10,
    r.hits.filter((x) => x.chapter === h.chapter).length / 10,
    votesFor(r, h.doc),
  ];
}

type Predictor = (x: readonly number[]) => number;
type Fitter = (xs: readonly number[][], ys: readonly number[]) => Predictor;

/** Logistic regression on standardised features. */
const logistic =
  (l2: number): Fitter =>
  (xs, ys) => {
    const f = xs[0]?.length ?? 0;
    const n = xs.length;
    const col = (j: number) => xs.map((x) => x[j] as number);
    const means = Array.from({ length: f }, (_, j) => col(j).reduce((a, b) => a + b, 0) / n);
    const scales = means.map((m, j) => Math.sqrt(col(j).reduce((s, v) => s + (v - m) ** 2, 0) / n) || 1);
    const z = (x: readonly number[]) => x.map((v, j) => (v - (means[j] as number)) / (scales[j] as number));
    const m = fitLogistic(xs.map(z), ys, l2);
    return (x) => 1 / (1 + Math.exp(-z(x).reduce((s, v, j) => s + (m.weights[j] as number) * v, m.bias)));
  };

type Tree = number | { j: number; t: number; l: Tree; r: Tree };
const treeValue = (node: Tree, x: readonly number[]): number =>
  typeof node === "number" ? node : treeValue((x[node.j] as number) <= node.t ? node.l : node.r, x);

/** The best split of `idx` on the gradients (Newton boosting), or none. */
function bestSplit(xs: readonly number[][], idx: number[], g: number[], h: number[], minLeaf: number) {
  const sum = (a: number[]) => idx.reduce((s, i) => s + (a[i] as number), 0);
  const [G, H] = [sum(g), sum(h)];
  let best = { gain: 0, j: -1, t: 0, left: [] as number[], right: [] as number[] };
  for (let j = 0; j < (xs[0]?.length ?? 0); j++) {
    const at = (i: number) => (xs[i] as number[])[j] as number;
    const ord = [...idx].sort((a, b) => at(a) - at(b));
    let [gl, hl] = [0, 0];
    for (let k = 0; k + 1 < ord.length; k++) {
      gl += g[ord[k] as number] as number;
      hl += h[ord[k] as number] as number;
      const [v, next] = [at(ord[k] as number), at(ord[k + 1] as number)];
      if (v === next || k + 1 < minLeaf || ord.length - k - 1 < minLeaf) continue;
      const gain = gl ** 2 / (hl + 1) + (G - gl) ** 2 / (H - hl + 1) - G ** 2 / (H + 1);
      if (gain > best.gain)
        best = { gain, j, t: (v + next) / 2, left: ord.slice(0, k + 1), right: ord.slice(k + 1) };
    }
  }
  return { ...best, value: G / (H + 1) };
}

/** Gradient-boosted depth-2 trees on the log loss: does a nonlinear model see more? */
const boosted =
  (rounds = 150, rate = 0.05, minLeaf = 25): Fitter =>
  (xs, ys) => {
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const base = Math.log(mean / (1 - mean));
    const z = ys.map(() => base);
    const trees: Tree[] = [];
    const grow = (idx: number[], g: number[], h: number[], depth: number): Tree => {
      const s = bestSplit(xs, idx, g, h, minLeaf);
      if (depth === 0 || s.j < 0) return s.value;
      return { j: s.j, t: s.t, l: grow(s.left, g, h, depth - 1), r: grow(s.right, g, h, depth - 1) };
    };
    for (let round = 0; round < rounds; round++) {
      const p = z.map((v) => 1 / (1 + Math.exp(-v)));
      const g = p.map((pi, i) => (ys[i] as number) - pi);
      const h = p.map((pi) => Math.max(pi * (1 - pi), 1e-6));
      const tree = grow(
        xs.map((_, i) => i),
        g,
        h,
        2,
      );
      trees.push(tree);
      xs.forEach((x, i) => {
        z[i] = (z[i] as number) + rate * treeValue(tree, x);
      });
    }
    return (x) => 1 / (1 + Math.exp(-(base + rate * trees.reduce((s: number, t) => s + treeValue(t, x), 0))));
  };

/** A way of answering: the candidate hits (1 = the first), their features, the model. */
interface Method {
  name: string;
  candidates: number;
  features: (r: Row, k: number) => number[];
  fit: Fitter;
}

/** The most trusted candidate of a row under a predictor. */
function choose(m: Method, predict: Predictor, r: Row) {
  let best = { p: -1, right: false };
  for (let k = 0; k < Math.min(m.candidates, r.hits.length); k++) {
    const p = predict(m.features(r, k));
    if (p > best.p) best = { p, right: !!r.hits[k]?.relevant };
  }
  return best;
}

function fitOn(m: Method, rs: readonly Row[]): Predictor {
  const ex = rs.flatMap((r) =>
    r.hits.slice(0, m.candidates).map((h, k) => ({ x: m.features(r, k), y: h.relevant ? 1 : 0 })),
  );
  return m.fit(
    ex.map((e) => e.x),
    ex.map((e) => e.y),
  );
}

function auc(out: ReadonlyArray<{ p: number; right: boolean }>): number {
  const s = [...out].sort((a, b) => a.p - b.p);
  let [rankSum, i] = [0, 0];
  while (i < s.length) {
    let j = i;
    while (j < s.length && s[j]?.p === s[i]?.p) j++;
    for (let k = i; k < j; k++) if (s[k]?.right) rankSum += (i + 1 + j) / 2;
    i = j;
  }
  const pos = out.filter((o) => o.right).length;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (out.length - pos));
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;

/** Nested CV of one method: the held-out answered share and precision at 80% on the training side. */
function judge(m: Method): Array<{ p: number; right: boolean; answered: boolean }> {
  const out: Array<{ p: number; right: boolean; answered: boolean }> = [];
  for (const outer of new Set(rows.map((r) => r.outer))) {
    const train = rows.filter((r) => r.outer === outer && r.role === "train");
    const cross = [...new Set(train.map((r) => r.fold))].flatMap((f) => {
      const predict = fitOn(
        m,
        train.filter((r) => r.fold !== f),
      );
      return train.filter((r) => r.fold === f).map((r) => choose(m, predict, r));
    });
    const at = thresholdFor(
      cross.map((c) => ({ p: c.p, ok: c.right })),
      0.8,
    );
    const predict = fitOn(m, train);
    for (const r of rows.filter((x) => x.outer === outer && x.role === "test")) {
      const c = choose(m, predict, r);
      out.push({ ...c, answered: c.p >= at });
    }
  }
  const answered = out.filter((o) => o.answered);
  const best = thresholdFor(
    out.map((o) => ({ p: o.p, ok: o.right })),
    0.8,
  );
  console.log(
    `${m.name.padEnd(44)} answered ${pct(answered.length, out.length)}, right ${pct(answered.filter((o) => o.right).length, answered.length)}; AUC ${auc(out).toFixed(3)}; cited right ${pct(out.filter((o) => o.right).length, out.length)}; pooled best at 80% ${pct(out.filter((o) => o.p >= best).length, out.length)}`,
  );
  return out;
}

const first = (name: string, features: (r: Row) => number[], fit: Fitter = logistic(1e-2)): Method => ({
  name,
  candidates: 1,
  features: (r) => features(r),
  fit,
});

function curve(out: ReadonlyArray<{ p: number; right: boolean }>, test: readonly Row[]): void {
  const order = out.map((o, i) => ({ ...o, r: test[i] as Row })).sort((a, b) => b.p - a.p);
  for (const share of [0.1, 0.2, 0.3, 0.4, 0.5]) {
    const top = order.slice(0, Math.round(share * order.length));
    const wrong = top.filter((o) => !o.right);
    const count = (f: (o: (typeof wrong)[number]) => boolean) => wrong.filter(f).length;
    console.log(
      `  most confident ${pct(top.length, order.length)}: right ${pct(top.length - wrong.length, top.length)}; of ${wrong.length} wrong, a relevant article in the first 3: ${count((o) => o.r.hits.slice(0, 3).some((h) => h.relevant))}, first 10: ${count((o) => o.r.hits.some((h) => h.relevant))}, in the first hit's law: ${count((o) => o.r.hits.some((h) => h.relevant && h.law === o.r.hits[0]?.law))}`,
    );
  }
}

const test = [...new Set(rows.map((r) => r.outer))].flatMap((o) =>
  rows.filter((r) => r.outer === o && r.role === "test"),
);
console.log(`${rows.length} rankings, ${test.length} held out`);
const current = judge(first("checked-in features (logistic, L2 0.01)", (r) => baseline(r)));
if (values.curve) curve(current, test);
if (values.models) {
  for (const l2 of [1e-3, 0.05, 0.2]) judge(first(`checked-in, L2 ${l2}`, (r) => baseline(r), logistic(l2)));
  for (const l2 of [1e-3, 0.05, 0.2])
    judge(first(`+ all extras, L2 ${l2}`, plus(Object.keys(EXTRA)), logistic(l2)));
  judge(first("boosted trees, checked-in features", (r) => baseline(r), boosted()));
  judge(first("boosted trees, + all extras", plus(Object.keys(EXTRA)), boosted()));
} else if (values.choice) {
  for (const K of [2, 3, 5])
    judge({
      name: `cite the most trusted of the first ${K}`,
      candidates: K,
      features: hitFeatures,
      fit: logistic(1e-2),
    });
} else if (!values.curve) {
  for (const name of Object.keys(EXTRA)) judge(first(`+ ${name}`, plus([name])));
  judge(first("+ all extras", plus(Object.keys(EXTRA))));
}
