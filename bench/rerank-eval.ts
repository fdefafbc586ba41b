/**
 * `npx tsx bench/rerank-eval.ts [--top 50] [--refit] [--bags N] [--combos none,length,prf3_10,…]`:
 * does a second stage help? Re-ranks the first `--top` hits of the learned ranking with extra
 * features (pseudo-relevance feedback, law/chapter/section agreement among the first hits,
 * idf-weighted coverage of the question, article length, a neighbouring article among the first
 * hits), whose weights coordinate ascent fits on the other folds.
 *
 * Quick CV (the out-of-fold features of bench/learn-eval.ts --quick, shared by all folds): the
 * first stage is the candidate pool ranked by the weights fitted without the held-out fold, which
 * reproduces learn-eval's quick figure. `--refit` fits all first-stage weights again with the
 * extra features (from the first stage's weights) instead of one weight on the first-stage score.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../src/bot.js";
import { coordinateAscent, type RankingSample } from "../src/learn/coordinate-ascent.js";
import { fitWeights, hitsOf, type OutOfFold, outOfFold } from "../src/learn/fit.js";
import { addRanking, emptyTally, formatMetrics } from "../src/learn/metrics.js";
import { FOLDS, type LearnSetup, loadSetup } from "../src/learn/setup.js";
import { FEATURES } from "../src/search/learned/tables.js";

interface Hit {
  doc: number;
  score: number;
  features: Float32Array;
}

/** Extra feature values of each first-stage hit of a question. */
type Extra = (o: OutOfFold, top: readonly Hit[]) => number[];

/** The feature makers over one corpus, by name. */
function featureMakers(setup: LearnSetup): Record<string, Extra> {
  const { fields } = setup;
  const docs = fields.docs;
  const idfs = new Map<string, number>();
  const idf = (w: string) => idfs.get(w) ?? idfs.set(w, fields.idf(w)).get(w) ?? 0;
  const sets = new Map<number, Set<string>>();
  const wordsOf = (d: number) =>
    sets.get(d) ?? sets.set(d, new Set(fields.articleWords[d])).get(d) ?? new Set();
  // Reciprocal-rank mass of the other first-k hits in the same group (law, chapter, section).
  const mass =
    (group: (d: number) => string, k: number): Extra =>
    (_o, top) => {
      const m = new Map<string, number>();
      top.slice(0, k).forEach((h, r) => {
        m.set(group(h.doc), (m.get(group(h.doc)) ?? 0) + 1 / (r + 1));
      });
      return top.map((h, r) => (m.get(group(h.doc)) ?? 0) - (r < k ? 1 / (r + 1) : 0));
    };
  // RM3-style feedback: the m words (not in the question) of the first k hits with the most
  // rank-weighted P(w | hit)·idf; a hit's score is the share of that mass its words hold.
  const prf =
    (k: number, m: number): Extra =>
    (o, top) => {
      const rel = new Map<string, number>();
      const q = new Set(o.question.words);
      top.slice(0, k).forEach((h, r) => {
        const ws = wordsOf(h.doc);
        for (const w of ws) if (!q.has(w)) rel.set(w, (rel.get(w) ?? 0) + 1 / (r + 1) / ws.size);
      });
      const terms = [...rel]
        .map(([w, p]): [string, number] => [w, p * idf(w)])
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, m);
      const total = terms.reduce((s, t) => s + t[1], 0) || 1;
      return top.map((h) => terms.reduce((s, [w, v]) => s + (wordsOf(h.doc).has(w) ? v : 0), 0) / total);
    };
  const articleNo = (d: number) => Number((docs[d]?.key ?? "").split("#").pop());
  return {
    none: () => [],
    lawMass: mass((d) => docs[d]?.law ?? "", 10),
    chapterMass: mass((d) => docs[d]?.chapter ?? "", 10),
    sectionMass: mass((d) => docs[d]?.section ?? "", 10),
    cover: (o, top) => {
      const qs = [...new Set(o.question.words)];
      const total = qs.reduce((s, w) => s + idf(w), 0) || 1;
      return top.map((h) => qs.reduce((s, w) => s + (wordsOf(h.doc).has(w) ? idf(w) : 0), 0) / total);
    },
    length: (_o, top) => top.map((h) => Math.log(1 + wordsOf(h.doc).size)),
    neighbour: (_o, top) => {
      const rr = new Map(top.map((h, r) => [docs[h.doc]?.key ?? "", 1 / (r + 1)]));
      return top.map((h) => {
        const law = docs[h.doc]?.law ?? "";
        const n = articleNo(h.doc);
        return Math.max(rr.get(`${law}#${n - 1}`) ?? 0, rr.get(`${law}#${n + 1}`) ?? 0);
      });
    },
    prf3_10: prf(3, 10),
    prf5_20: prf(5, 20),
    prf10_30: prf(10, 30),
    prf10_60: prf(10, 60),
  };
}

/** Each question's first-stage hits under the weights fitted without its fold, and their tally. */
function firstStage(setup: LearnSetup, oof: readonly OutOfFold[], top: number, bags: number) {
  const hits = new Map<OutOfFold, Hit[]>();
  const weights: number[][] = [];
  const tally = emptyTally();
  for (let f = 0; f < FOLDS; f++) {
    const w = fitWeights(
      oof.filter((o) => o.question.fold !== f).map((o) => o.sample),
      FEATURES,
      bags,
    );
    weights[f] = w;
    for (const o of oof.filter((x) => x.question.fold === f)) {
      const h = hitsOf(o.candidates, w, top);
      hits.set(o, h);
      addRanking(
        tally,
        h.map((x) => setup.fields.docs[x.doc]?.key ?? ""),
        o.question.relevant,
      );
    }
  }
  return { hits, weights, tally };
}

/** Cross-validated second stage with the extra features `parts`. */
function secondStage(
  setup: LearnSetup,
  oof: readonly OutOfFold[],
  stage: ReturnType<typeof firstStage>,
  extras: Extra[],
  refit: boolean,
) {
  const docs = setup.fields.docs;
  const samples = new Map<OutOfFold, RankingSample & { docs: number[]; width: number }>();
  for (const o of oof) {
    const top = stage.hits.get(o) ?? [];
    const cols = extras.map((e) => e(o, top));
    const rows = top.map((h, i) => [...(refit ? h.features : [h.score]), ...cols.map((c) => c[i] as number)]);
    const width = (refit ? FEATURES.length : 1) + cols.length;
    const features = new Float32Array(rows.flat());
    const relevant = Uint8Array.from(top, (h) => (o.question.relevant.has(docs[h.doc]?.key ?? "") ? 1 : 0));
    samples.set(o, { features, relevant, docs: top.map((h) => h.doc), width });
  }
  const tally = emptyTally();
  const fitted: string[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = oof.filter((o) => o.question.fold !== f).map((o) => samples.get(o) as RankingSample);
    const start = [...(refit ? (stage.weights[f] as number[]) : [1]), ...extras.map(() => 0)];
    const { weights } = coordinateAscent(train, { start, frozen: new Set([0]) });
    fitted.push(weights.map((x) => x.toFixed(2)).join(" "));
    for (const o of oof.filter((x) => x.question.fold === f)) {
      const s = samples.get(o) as RankingSample & { docs: number[]; width: number };
      const scored = s.docs.map((d, i) => ({
        d,
        i,
        x: weights.reduce((sum, w, j) => sum + w * (s.features[i * s.width + j] as number), 0),
      }));
      scored.sort((a, b) => b.x - a.x || a.i - b.i);
      addRanking(
        tally,
        scored.map((h) => docs[h.d]?.key ?? ""),
        o.question.relevant,
      );
    }
  }
  return { tally, fitted };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      top: { type: "string", default: "50" },
      refit: { type: "boolean", default: false },
      bags: { type: "string", default: "0" },
      combos: {
        type: "string",
        default:
          "none,lawMass,chapterMass,sectionMass,cover,length,neighbour,prf3_10,prf5_20,prf10_30,prf10_60",
      },
    },
  });
  const setup = await loadSetup({
    corpusDirs: [join(PROJECT_ROOT, "../shared/corpus/lawtext-national")],
    questions: join(PROJECT_ROOT, "../shared/eval/stard-train.jsonl"),
    root: PROJECT_ROOT,
  });
  const oof = outOfFold(setup.questions, setup.fields);
  const stage = firstStage(setup, oof, Number(values.top), Number(values.bags));
  console.log(`${"first stage (candidate pool)".padEnd(34)} ${formatMetrics(stage.tally)}`);
  const makers = featureMakers(setup);
  for (const combo of values.combos.split(",")) {
    const parts = combo.split("+").filter((p) => p !== "none");
    const unknown = parts.find((p) => !makers[p]);
    if (unknown)
      throw new Error(`--combos: no feature ${unknown} (known: ${Object.keys(makers).join(", ")})`);
    const extras = parts.map((p) => makers[p] as Extra);
    const { tally, fitted } = secondStage(setup, oof, stage, extras, values.refit);
    console.log(`${combo.padEnd(34)} ${formatMetrics(tally)}  weights ${fitted.join(" | ")}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
