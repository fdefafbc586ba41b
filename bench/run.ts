/**
 * `npm run bench [-- --corpus DIR]`: prints speed and memory figures. Each measurement runs in
 * a fresh Node process on the compiled code (dist/), so start-up counts module loading as a
 * deployment would see it, and one measurement cannot warm up the next.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/bot.js";
import { type CoreFigures, printCore } from "./core.js";

function build(): void {
  const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("tsc build failed");
}

function coreInChild(corpus?: string): CoreFigures {
  const args = [join(PROJECT_ROOT, "dist", "bench", "core.js"), ...(corpus ? ["--corpus", corpus] : [])];
  const r = spawnSync(process.execPath, args, {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`core bench failed: ${r.stderr}`);
  const line = r.stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as CoreFigures;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--corpus");
  const corpus = i >= 0 ? process.argv[i + 1] : undefined;
  console.log(`# tiaowen benchmark — node ${process.version}, ${new Date().toISOString()}`);
  build();
  printCore("core: seed", coreInChild());
  if (corpus)
    printCore(`core: ${corpus} (with the seed)`, coreInChild(`${join(PROJECT_ROOT, "seeds")},${corpus}`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
