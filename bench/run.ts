/**
 * `npm run bench [-- --corpus DIR] [--http-seconds N] [--soak-seconds N]`: prints speed and
 * memory figures (0 seconds skips a section).
 * Each core measurement runs in a fresh Node process on the compiled code (dist/), so start-up
 * counts module loading as a deployment would see it, and one measurement cannot warm up the next.
 *
 * Sections: the core on the seed; with --corpus, the same on the seed plus that corpus, from a
 * cold start (no cache) and a warm one (from the cache the cold start wrote); the HTTP server;
 * a soak of two instances on one Redis.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/bot.js";
import { type CoreFigures, printCore } from "./core.js";
import { runHttpBench } from "./http.js";
import { runSoak } from "./soak.js";

function build(): void {
  const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("tsc build failed");
}

function coreInChild(args: string[] = []): CoreFigures {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, "dist", "bench", "core.js"), ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`core bench failed: ${r.stderr}`);
  const line = r.stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as CoreFigures;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const corpus = arg("--corpus");
  const httpSeconds = Number(arg("--http-seconds") ?? 10);
  console.log(`# tiaowen benchmark — node ${process.version}, ${new Date().toISOString()}`);
  build();
  const cache = mkdtempSync(join(tmpdir(), "tiaowen-bench-cache-"));
  try {
    const seedCold = coreInChild(["--cache", cache]);
    printCore("core: seed, cold (no cache)", seedCold);
    printCore("core: seed, warm (from cache)", coreInChild(["--cache", cache]));
    console.log("aims on the seed: ready < 400 ms, p99 < 1 ms");
    if (corpus) {
      const dirs = `${join(PROJECT_ROOT, "seeds")},${corpus}`;
      const cold = coreInChild(["--corpus", dirs, "--cache", cache]);
      printCore(`core: seed + ${corpus}, cold (no cache)`, cold);
      const warm = coreInChild(["--corpus", dirs, "--cache", cache]);
      printCore(`core: seed + ${corpus}, warm (from cache)`, warm);
      console.log("aims at 1,911 laws: warm start < 1 s, p99 < 5 ms");
      console.log(
        `growth against the seed: ${(cold.articles / seedCold.articles).toFixed(0)}× the articles, ` +
          `${(cold.rssMb / seedCold.rssMb).toFixed(1)}× the RSS (cold), ${(warm.rssMb / seedCold.rssMb).toFixed(1)}× (warm)`,
      );
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
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
