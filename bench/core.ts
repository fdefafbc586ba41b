/**
 * Core benchmark: start-up (process start → ready), per-question latency and RSS, on a corpus
 * (the seed by default). Prints figures; asserts nothing.
 *
 * Questions are asked once ("first pass": laws read from the cache are parsed as questions reach
 * them, the code is not yet optimised), RSS is taken, then `rounds` more times, timed for p50/p99,
 * and RSS is taken again: a memory that grows with traffic shows as a gap between the two.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type BotOptions, createBot, PROJECT_ROOT } from "../src/bot.js";

/** Questions of a JSON-lines file (each row's `q`). */
export function questionsOf(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
}

/** Questions to time on the seed: the shared dev set where it exists, and the paraphrase sets in bench/. */
export function benchQuestions(): string[] {
  const candidates = [
    join(PROJECT_ROOT, "..", "shared", "eval", "dev.jsonl"),
    join(PROJECT_ROOT, "bench", "paraphrases.jsonl"),
    join(PROJECT_ROOT, "bench", "paraphrases-2.jsonl"),
  ];
  return candidates.filter(existsSync).flatMap(questionsOf);
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
  /** CPU time of the process at ready (start-up work without waiting for a core). */
  readyCpuMs: number;
  timings: Record<string, number>;
  rssAfterLoadMb: number;
  /** Questions of the first pass, and the RSS after them. */
  firstPass: number;
  firstP99us: number;
  rssAfterFirstPassMb: number;
  p50us: number;
  p99us: number;
  /** The same percentiles in CPU time. */
  cpuP50us: number;
  cpuP99us: number;
  /** Timed asks after the first pass. */
  questions: number;
  rssMb: number;
}

const mb = () => process.memoryUsage().rss / 2 ** 20;

/** Wall-clock and CPU microseconds of each ask. */
interface Samples {
  wall: number[];
  cpu: number[];
}

/**
 * Times `ask` over the questions. CPU time is kept beside wall time: on a machine shared with
 * other work, wall time includes waiting for a core, CPU time only this process's work.
 */
function timeAsks(ask: (q: string) => unknown, questions: readonly string[], into: Samples): void {
  for (const q of questions) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    ask(q);
    into.wall.push(Number(process.hrtime.bigint() - t) / 1000);
    const used = process.cpuUsage(c);
    into.cpu.push(used.user + used.system);
  }
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * Measures in this process: call it first thing in a fresh process so that "ready" counts
 * module loading too (performance.now() is measured from process start).
 */
export async function measureCore(
  options: BotOptions = {},
  questions: readonly string[] = benchQuestions(),
  rounds = 20,
): Promise<CoreFigures> {
  const bot = await createBot(options);
  const readyMs = performance.now();
  const cpu = process.cpuUsage();
  const rssAfterLoadMb = mb();
  const first: Samples = { wall: [], cpu: [] };
  timeAsks(bot.ask, questions, first);
  const rssAfterFirstPassMb = mb();
  const samples: Samples = { wall: [], cpu: [] };
  for (let r = 0; r < rounds; r++) timeAsks(bot.ask, questions, samples);
  const wall = sorted(samples.wall);
  const cpuTimes = sorted(samples.cpu);
  return {
    laws: bot.laws.length,
    articles: bot.articleCount,
    cache: bot.cache,
    readyMs,
    readyCpuMs: (cpu.user + cpu.system) / 1000,
    timings: bot.timings,
    rssAfterLoadMb,
    firstPass: first.wall.length,
    firstP99us: percentile(sorted(first.wall), 99),
    rssAfterFirstPassMb,
    p50us: percentile(wall, 50),
    p99us: percentile(wall, 99),
    cpuP50us: percentile(cpuTimes, 50),
    cpuP99us: percentile(cpuTimes, 99),
    questions: wall.length,
    rssMb: mb(),
  };
}

/** One line per figure, for people. */
export function printCore(title: string, f: CoreFigures): void {
  console.log(`\n## ${title}`);
  console.log(`laws ${f.laws}, articles ${f.articles}, index cache: ${f.cache}`);
  console.log(`process start → ready   ${f.readyMs.toFixed(0)} ms (CPU ${f.readyCpuMs.toFixed(0)} ms)`);
  console.log(
    `  of which: ${Object.entries(f.timings)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(", ")}`,
  );
  console.log(`RSS after load          ${f.rssAfterLoadMb.toFixed(0)} MB`);
  console.log(
    `first pass              ${f.firstPass} questions, p99 ${f.firstP99us.toFixed(0)} µs; RSS after ${f.rssAfterFirstPassMb.toFixed(0)} MB`,
  );
  console.log(
    `per question            p50 ${f.p50us.toFixed(0)} µs, p99 ${f.p99us.toFixed(0)} µs over ${f.questions} more asks (CPU p50 ${f.cpuP50us.toFixed(0)} µs, p99 ${f.cpuP99us.toFixed(0)} µs)`,
  );
  console.log(`RSS at the end          ${f.rssMb.toFixed(0)} MB`);
}

// Run alone (node dist/bench/core.js [--corpus DIRS] [--home LAWS] [--cache DIR] [--questions FILE]
// [--count N] [--rounds R]): prints the figures as JSON.
if (process.argv[1]?.endsWith("core.js") || process.argv[1]?.endsWith("core.ts")) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const corpus = arg("--corpus");
  const home = arg("--home");
  const cacheDir = arg("--cache");
  const file = arg("--questions");
  const count = Number(arg("--count") ?? Number.POSITIVE_INFINITY);
  const questions = (file ? questionsOf(file) : benchQuestions()).slice(0, count);
  const options: BotOptions = {
    ...(corpus ? { corpusDirs: corpus.split(",") } : {}),
    ...(home ? { homeLaws: home.split(",") } : {}),
    ...(cacheDir ? { cacheDir } : {}),
  };
  measureCore(options, questions, Number(arg("--rounds") ?? 20))
    .then((f) => console.log(JSON.stringify(f)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
