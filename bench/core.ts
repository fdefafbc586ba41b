/**
 * Core benchmark: start-up (process start → ready), index build, per-question latency and RSS,
 * on a corpus (the seed by default). Prints figures; asserts nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type BotOptions, createBot, PROJECT_ROOT } from "../src/bot.js";

/** Questions to time: the shared dev set where it exists, else the paraphrase sets in bench/. */
export function benchQuestions(): string[] {
  const candidates = [
    join(PROJECT_ROOT, "..", "shared", "eval", "dev.jsonl"),
    join(PROJECT_ROOT, "bench", "paraphrases.jsonl"),
    join(PROJECT_ROOT, "bench", "paraphrases-2.jsonl"),
  ];
  const questions: string[] = [];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim()) questions.push((JSON.parse(line) as { q: string }).q);
    }
  }
  return questions;
}

/** Percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k] as number;
}

/** Figures of one run. */
export interface CoreFigures {
  laws: number;
  articles: number;
  /** Whether the index came from the on-disk cache. */
  cache: string;
  readyMs: number;
  timings: Record<string, number>;
  p50us: number;
  p99us: number;
  questions: number;
  rssMb: number;
}

/**
 * Measures in this process: call it first thing in a fresh process so that "ready" counts
 * module loading too (performance.now() is measured from process start).
 */
export async function measureCore(options: BotOptions = {}, rounds = 20): Promise<CoreFigures> {
  const bot = await createBot(options);
  const readyMs = performance.now();
  const questions = benchQuestions();
  // Warm-up: the first calls pay for JIT compilation, which a long-running server pays once.
  for (const q of questions) bot.ask(q);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = process.hrtime.bigint();
      bot.ask(q);
      samples.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    laws: bot.laws.length,
    articles: bot.articleCount,
    cache: bot.cache,
    readyMs,
    timings: bot.timings,
    p50us: percentile(samples, 50),
    p99us: percentile(samples, 99),
    questions: samples.length,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

/** One line per figure, for people. */
export function printCore(title: string, f: CoreFigures): void {
  console.log(`\n## ${title}`);
  console.log(`laws ${f.laws}, articles ${f.articles}, index cache: ${f.cache}`);
  console.log(`process start → ready   ${f.readyMs.toFixed(0)} ms`);
  console.log(
    `  of which: ${Object.entries(f.timings)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(", ")}`,
  );
  const build = ["parse", "departments", "home index", "corpus index"].reduce(
    (n, k) => n + (f.timings[k] ?? 0),
    0,
  );
  console.log(`index build             ${build.toFixed(0)} ms (parse, departments, home and corpus index)`);
  console.log(
    `per question            p50 ${f.p50us.toFixed(0)} µs, p99 ${f.p99us.toFixed(0)} µs over ${f.questions} asks`,
  );
  console.log(`RSS                     ${f.rssMb.toFixed(0)} MB`);
}

// Run alone (node dist/bench/core.js [--corpus DIR] [--cache DIR]): prints the figures as JSON.
if (process.argv[1]?.endsWith("core.js") || process.argv[1]?.endsWith("core.ts")) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const corpus = arg("--corpus");
  const cacheDir = arg("--cache");
  measureCore({ ...(corpus ? { corpusDirs: corpus.split(",") } : {}), ...(cacheDir ? { cacheDir } : {}) })
    .then((f) => console.log(JSON.stringify(f)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
