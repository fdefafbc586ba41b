/**
 * `npm run corpus:check [-- DIR …] [--quiet] [--strict]`: reads every ordinance of the corpus
 * folders (CORPUS_DIRS, else seeds/) and lists each law with its article and chapter counts and
 * what was irregular in its text, then the files that could not be read at all.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SEEDS_DIR } from "../../bot.js";
import { loadConfig } from "../../config.js";
import { loadLaws } from "../../law/load.js";

function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      quiet: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
    },
  });
  const config = loadConfig();
  const dirs =
    positionals.length > 0
      ? positionals
      : config.CORPUS_DIRS.length > 0
        ? config.CORPUS_DIRS
        : [DEFAULT_SEEDS_DIR];
  const { laws, problems } = loadLaws(dirs);
  let articles = 0;
  let warned = 0;
  for (const law of laws) {
    articles += law.articles.length;
    if (law.warnings.length > 0) warned++;
    if (values.quiet && law.warnings.length === 0) continue;
    console.log(
      `${law.file}\t${law.title}\t${law.articles.length} articles\t${law.chapters.length} chapters\t${law.warnings.length} warnings`,
    );
    for (const w of law.warnings) console.log(`  warning: ${w}`);
  }
  for (const p of problems) console.log(`UNREADABLE ${p.message}`);
  console.log(
    `\n${laws.length} laws, ${articles} articles read from ${dirs.join(", ")}; ${warned} with warnings; ${problems.length} files could not be read`,
  );
  if (values.strict && problems.length > 0) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(`corpus:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
