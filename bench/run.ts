/**
 * `npm run bench [-- --corpus DIR] [--http-seconds N] [--soak-seconds N]`: prints speed, memory and
 * ranking figures (0 seconds skips a section).
 * Each core measurement runs in a fresh Node process on the compiled code (dist/), so start-up
 * counts module loading as a deployment would see it, and one measurement cannot warm up the next.
 *
 * Sections: the core on the seed (cold, then warm from the cache); with --corpus, that corpus as
 * the home laws (cold build, warm start, RSS after load and after 1,000 questions, p50/p99), its
 * ranking of STARD's questions next to a plain BM25 in the same run (skipped with a note when
 * ../shared/eval/stard-train.jsonl is absent), and the seed with that corpus beside it (the
 * Datong deployment); then the HTTP server and a soak of two instances on one Redis.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/bot.js";
import { type CoreFigures, printCore } from "./core.js";
import { runHttpBench } from "./http.js";
import { runSoak } from "./soak.js";
import { metricsLine, type RankingMetrics } from "./stard.js";

const STARD = join(PROJECT_ROOT, "..", "shared", "eval", "stard-train.jsonl");

function build(): void {
  const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("tsc build failed");
}

/** Runs a compiled bench script in a fresh process; its last stdout line is JSON. */
function inChild<T>(script: string, args: string[]): T {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, "dist", "bench", script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as T;
}

const coreInChild = (args: string[] = []) => inChild<CoreFigures>("core.js", args);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The seed alone: cold, then warm three times (start-up varies with what else the machine does). */
function seedSection(cache: string): void {
  printCore("core: seed, cold (no cache)", coreInChild(["--cache", cache]));
  const warm = [1, 2, 3].map(() => coreInChild(["--cache", cache]));
  printCore("core: seed, warm (from cache)", warm[0] as CoreFigures);
  console.log(
    `warm starts: ${warm.map((w) => `${w.readyMs.toFixed(0)} ms`).join(", ")}; p99 ${warm.map((w) => `${w.p99us.toFixed(0)} µs`).join(", ")}`,
  );
  console.log("targets on the seed: ready ≤ 300 ms from a warm cache, p99 ≤ 1 ms");
}

/** A corpus as the home laws: cold build, warm start, memory over 1,000 questions, STARD ranking. */
function corpusSection(corpus: string, cache: string): void {
  const questions = existsSync(STARD)
    ? ["--questions", STARD, "--count", "1000", "--rounds", "3"]
    : ["--rounds", "4"];
  const cold = coreInChild(["--corpus", corpus, "--cache", cache, ...questions]);
  printCore(`core: ${corpus} as the home laws, cold (no cache)`, cold);
  const warm = coreInChild(["--corpus", corpus, "--cache", cache, ...questions]);
  printCore(`core: ${corpus} as the home laws, warm (from cache)`, warm);
  console.log(
    "targets with the national laws as home: warm start ≤ 1.5 s, cold build ≤ 30 s, RSS ≤ 500 MB after load and flat, p99 ≤ 20 ms",
  );
  console.log(`\n## STARD training questions, ${corpus} as the home laws`);
  if (!existsSync(STARD)) {
    console.log(`skipped: ${STARD} not found`);
    return;
  }
  const r = inChild<{
    engine: RankingMetrics;
    baseline: RankingMetrics;
    engineMsPerQuestion: number;
    baselineMsPerQuestion: number;
    baselineBuildMs: number;
  }>("stard.js", ["--gold", STARD, "--corpus", corpus, "--cache", cache]);
  console.log(`${r.engine.questions} questions`);
  console.log(metricsLine(`engine (${r.engineMsPerQuestion.toFixed(1)} ms/question)`, r.engine));
  console.log(metricsLine(`plain BM25 (${r.baselineMsPerQuestion.toFixed(1)} ms/question)`, r.baseline));
  // The learned tables (learned/) were fitted on these very questions.
  console.log(
    "the engine's figure is a training figure: its learned tables saw these questions; `npx tsx bench/learn-eval.ts` gives the cross-validated one",
  );
}

/** The seed as home with the corpus beside it (a city's deployment that also offers national law). */
function besideSection(corpus: string, cache: string): void {
  const dirs = `${join(PROJECT_ROOT, "seeds")},${corpus}`;
  printCore(
    `core: seed + ${corpus} beside it, cold (no cache)`,
    coreInChild(["--corpus", dirs, "--cache", cache]),
  );
  printCore(
    `core: seed + ${corpus} beside it, warm (from cache)`,
    coreInChild(["--corpus", dirs, "--cache", cache]),
  );
}

async function main(): Promise<void> {
  const corpus = arg("--corpus");
  const httpSeconds = Number(arg("--http-seconds") ?? 10);
  console.log(`# tiaowen benchmark — node ${process.version}, ${new Date().toISOString()}`);
  build();
  const caches: string[] = [];
  const cache = () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-bench-cache-"));
    caches.push(dir);
    return dir;
  };
  try {
    seedSection(cache());
    if (corpus) {
      corpusSection(corpus, cache());
      besideSection(corpus, cache());
    }
  } finally {
    for (const dir of caches) rmSync(dir, { recursive: true, force: true });
  }
  if (httpSeconds > 0) {
    console.log("\n## HTTP: POST /api/ask against GET /healthz on the same server");
    await runHttpBench({ seconds: httpSeconds });
  }
  const soakSeconds = Number(arg("--soak-seconds") ?? 60);
  if (soakSeconds > 0) {
    console.log("\n## Soak: two instances on one Redis, mixed questions");
    await runSoak({ seconds: soakSeconds }); // says "skipped" without redis-server
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
