/**
 * `npx tsx bench/confidence-dump.ts OUT.jsonl`: the rankings the confidence model is fitted and
 * judged on in nested cross-validation, written once so that confidence models can be compared
 * without re-ranking (bench/confidence-cv.ts reads the file).
 *
 * For each outer fold: the training questions ranked by the inner-fold tables (out-of-fold, as
 * fitConfidence sees them) and the held-out questions ranked by the tables of the training folds,
 * both with the weights fitted on the training folds' out-of-fold features. Each row keeps the
 * first 10 hits with their features, the law posterior's best laws, the first hit after dropping
 * each question word, and how much of the question's words the first hits hold. About 7 minutes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/bot.js";
import { type AnalyzedQuestion, buildTables, docsByKey } from "../src/learn/build-tables.js";
import type { CorpusFields } from "../src/learn/corpus-fields.js";
import { fitWeights } from "../src/learn/fit.js";
import { FOLDS, loadSetup } from "../src/learn/setup.js";
import { createLearnedRanker, type LearnedRanker } from "../src/search/learned/ranker.js";
import { FEATURES, LEXICAL_FEATURES, type LearnedTables } from "../src/search/learned/tables.js";

const out = process.argv[2] ?? "/tmp/confidence-dump.jsonl";
const setup = await loadSetup({
  corpusDirs: [join(PROJECT_ROOT, "../shared/corpus/lawtext-national")],
  questions: join(PROJECT_ROOT, "../shared/eval/stard-train.jsonl"),
  root: PROJECT_ROOT,
});
const { fields } = setup;
const docsOfKey = docsByKey(fields);
const wordSets = new Map<number, Set<string>>();
const wordsOf = (d: number) => {
  let s = wordSets.get(d);
  if (!s) {
    s = new Set(fields.articleWords[d]);
    wordSets.set(d, s);
  }
  return s;
};

/** Rankings by other weights (lexical only; without what training questions cited), for agreement. */
type Alternatives = Record<string, LearnedRanker>;

function row(
  ranker: LearnedRanker,
  alternatives: Alternatives,
  q: AnalyzedQuestion,
  f: CorpusFields,
  outer: number,
  role: string,
): string {
  const hits = ranker.rank(q, 10);
  const distinct = [...new Set(q.words)];
  const idf = distinct.map((w) => f.idf(w));
  const post = ranker.lawPrior(q.words);
  const laws = [...post.groups].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const drop = distinct.map((w) => {
    const rest = { words: q.words.filter((x) => x !== w), bigrams: q.bigrams };
    return ranker.rank(rest, 1)[0]?.doc ?? -1;
  });
  return JSON.stringify({
    outer,
    role,
    id: q.id,
    fold: q.fold,
    words: distinct,
    nBigrams: q.bigrams.length,
    idf: idf.map((x) => Math.round(x * 1000) / 1000),
    laws,
    rest: post.rest,
    drop,
    alternatives: Object.fromEntries(
      Object.entries(alternatives).map(([name, r]) => [name, r.rank(q, 5).map((h) => h.doc)]),
    ),
    hits: hits.map((h) => {
      const d = f.docs[h.doc];
      const has = wordsOf(h.doc);
      return {
        doc: h.doc,
        score: h.score,
        features: [...h.features].map((x) => Math.round(x * 10000) / 10000),
        law: d?.law,
        chapter: f.chapterOf ? f.chapterOf(h.doc) : d?.chapter,
        section: d?.section,
        relevant: q.relevant.has(d?.key ?? ""),
        holds: distinct.map((w) => (has.has(w) ? 1 : 0)),
      };
    }),
  });
}

const lines: string[] = [];
for (let outer = 0; outer < FOLDS; outer++) {
  const train = setup.questions.filter((q) => q.fold !== outer);
  const test = setup.questions.filter((q) => q.fold === outer);
  const inner = [...new Set(train.map((q) => q.fold))].sort((a, b) => a - b);
  const innerTables = inner.map((f) =>
    buildTables(
      train.filter((q) => q.fold !== f),
      fields,
      docsOfKey,
    ),
  );
  const samples = [];
  for (const [i, f] of inner.entries()) {
    const ranker = createLearnedRanker(innerTables[i] as LearnedTables, fields, {
      weights: FEATURES.map(() => 0),
    });
    for (const q of train.filter((x) => x.fold === f)) {
      const c = ranker.candidates(q);
      const relevant = Uint8Array.from(c.docs, (d) => (q.relevant.has(fields.docs[d]?.key ?? "") ? 1 : 0));
      samples.push({ features: c.features, relevant });
    }
  }
  const weights = fitWeights(samples, FEATURES);
  const altWeights = {
    lexical: fitWeights(samples, LEXICAL_FEATURES),
    uncited: fitWeights(
      samples,
      FEATURES.filter((f) => !["asked", "chapterAsked", "popularity"].includes(f)),
    ),
  };
  const alternativesOf = (tables: LearnedTables): Alternatives =>
    Object.fromEntries(
      Object.entries(altWeights).map(([name, w]) => [
        name,
        createLearnedRanker(tables, fields, { weights: w }),
      ]),
    );
  console.error(`outer ${outer}: weights ${weights.join(" ")}`);
  for (const [i, f] of inner.entries()) {
    const tables = innerTables[i] as LearnedTables;
    const ranker = createLearnedRanker(tables, fields, { weights });
    const alternatives = alternativesOf(tables);
    for (const q of train.filter((x) => x.fold === f))
      lines.push(row(ranker, alternatives, q, fields, outer, "train"));
  }
  const tables = buildTables(train, fields, docsOfKey);
  const ranker = createLearnedRanker(tables, fields, { weights });
  const alternatives = alternativesOf(tables);
  for (const q of test) lines.push(row(ranker, alternatives, q, fields, outer, "test"));
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.error(`outer ${outer} done (${lines.length} rows)`);
}
