/**
 * Ranking quality on real questions from the public: STARD's training questions
 * (../shared/eval/stard-train.jsonl, each with its relevant articles) ranked by the engine
 * (`bot.search`, the home laws) and by a plain BM25 over the same articles' jieba words
 * (bench/plain-bm25.ts), in the same run. Metrics as ../shared/eval/score.mjs --search computes
 * them: hit@1, R@1, R@5, R@10 (share of a question's relevant articles among the first k) and MRR@10.
 */
import { existsSync, readFileSync } from "node:fs";
import { type BotOptions, createBot } from "../src/bot.js";
import { createAnalyzer } from "../src/search/analyze.js";
import { normalize } from "../src/text/normalize.js";
import { PlainBm25 } from "./plain-bm25.js";

/** One STARD row: the question and its relevant (law title, article number) pairs. */
export interface GoldRow {
  q: string;
  gold: Array<{ law: string; article: number }>;
}

/** A ranked (law title, article number). */
export interface Ranked {
  law: string;
  article: number;
}

/** The metrics of a ranking over the rows. */
export interface RankingMetrics {
  questions: number;
  hit1: number;
  r1: number;
  r5: number;
  r10: number;
  mrr10: number;
}

/** Reads the gold rows (those with relevant articles). */
export function readGold(file: string): GoldRow[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GoldRow)
    .filter((g) => Array.isArray(g.gold) && g.gold.length > 0);
}

/** Scores rankings against the gold, as the shared scorer does. */
export function rankingMetrics(rows: readonly GoldRow[], rankings: readonly Ranked[][]): RankingMetrics {
  const t = { questions: 0, hit1: 0, r1: 0, r5: 0, r10: 0, mrr10: 0 };
  rows.forEach((g, i) => {
    const hits = rankings[i] ?? [];
    const right = (h: Ranked, p: GoldRow["gold"][number]) =>
      h.article === Number(p.article) && h.law.includes(p.law);
    const recall = (k: number) =>
      g.gold.filter((p) => hits.slice(0, k).some((h) => right(h, p))).length / g.gold.length;
    const first = hits.slice(0, 10).findIndex((h) => g.gold.some((p) => right(h, p)));
    t.questions++;
    if (first === 0) t.hit1++;
    if (first >= 0) t.mrr10 += 1 / (first + 1);
    t.r1 += recall(1);
    t.r5 += recall(5);
    t.r10 += recall(10);
  });
  const n = t.questions || 1;
  return {
    questions: t.questions,
    hit1: t.hit1 / n,
    r1: t.r1 / n,
    r5: t.r5 / n,
    r10: t.r10 / n,
    mrr10: t.mrr10 / n,
  };
}

/** The engine's and the plain BM25's metrics on the rows, with the plain index's build time. */
export async function measureStard(options: BotOptions, rows: readonly GoldRow[]) {
  const bot = await createBot(options);
  let t = performance.now();
  const engine = rows.map((g) =>
    bot.search(g.q, { limit: 10 }).map((h) => ({ law: h.entry.law.title, article: h.entry.article.number })),
  );
  const engineMs = performance.now() - t;
  // The plain baseline: every home article's jieba words (search mode, no stop words), Okapi BM25.
  t = performance.now();
  const analyzer = createAnalyzer(bot.tokenizer, bot.vocabulary);
  const docs = bot.homeLaws.flatMap((law) =>
    law.articles.map((a) => ({
      law: law.title,
      article: a.number,
      words: analyzer.words(normalize(a.text)),
    })),
  );
  const plain = new PlainBm25(
    docs.map((d) => d.words),
    { k1: 1.2, b: 0.75 },
  );
  const buildMs = performance.now() - t;
  t = performance.now();
  const baseline = rows.map((g) =>
    plain
      .search(new Map(analyzer.words(normalize(g.q)).map((w) => [w, 1])), { limit: 10 })
      .map((h) => docs[h.doc] as Ranked),
  );
  const baselineMs = performance.now() - t;
  return {
    engine: rankingMetrics(rows, engine),
    baseline: rankingMetrics(rows, baseline),
    engineMsPerQuestion: engineMs / rows.length,
    baselineMsPerQuestion: baselineMs / rows.length,
    baselineBuildMs: buildMs,
  };
}

/** A row of metrics for people. */
export function metricsLine(name: string, m: RankingMetrics): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  return `${name.padEnd(28)} hit@1 ${pct(m.hit1)}  R@1 ${pct(m.r1)}  R@5 ${pct(m.r5)}  R@10 ${pct(m.r10)}  MRR@10 ${m.mrr10.toFixed(3)}`;
}

// Run alone (node dist/bench/stard.js --gold FILE [--corpus DIRS] [--cache DIR]): prints JSON.
if (process.argv[1]?.endsWith("stard.js") || process.argv[1]?.endsWith("stard.ts")) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const gold = arg("--gold") ?? "";
  const corpus = arg("--corpus");
  const cacheDir = arg("--cache");
  if (!existsSync(gold)) {
    console.log(JSON.stringify({ skipped: `${gold || "--gold"} not found` }));
  } else {
    measureStard(
      { ...(corpus ? { corpusDirs: corpus.split(",") } : {}), ...(cacheDir ? { cacheDir } : {}) },
      readGold(gold),
    )
      .then((r) => console.log(JSON.stringify(r)))
      .catch((e: unknown) => {
        console.error(e);
        process.exitCode = 1;
      });
  }
}
