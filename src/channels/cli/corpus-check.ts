/**
 * `npm run corpus:check`: reads every law of the corpus folders and reports what was irregular,
 * as `path:line: problem` lines a deployer can follow to the spot. Exits 1 when a file could not
 * be read (so CI and deploy scripts stop on it), 2 on a usage error.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_SEEDS_DIR } from "../../bot.js";
import { loadConfig } from "../../config.js";
import { loadLaws, locateWarning, unreadable } from "../../law/load.js";

const USAGE = `usage: npm run corpus:check -- [--corpus DIR]… [--quiet] [--strict] [DIR…]

Reads every law (*.md, recursively) of the corpus folders — the --corpus or DIR arguments, else
CORPUS_DIRS, else seeds/ — and prints each law with its article and chapter counts, then every
warning and every file that could not be read, as path:line: problem.

  --corpus DIR  a corpus folder (repeatable, or comma-separated)
  --quiet       list only the laws that have warnings
  --strict      also exit 1 when a law has warnings
  -h, --help    this text

Exit status: 0 when every file was read, 1 when a file could not be read (or, with --strict, a
law has warnings), 2 on a usage error.`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        corpus: { type: "string", multiple: true },
        quiet: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    // node:util's own message suggests "--" tricks; what helps here is the list of options.
    const option = /option '([^']+)'/.exec((error as Error).message)?.[1];
    console.error(
      `corpus:check: ${option ? `unknown option ${option}` : (error as Error).message}\n\n${USAGE}`,
    );
    process.exit(2);
  }
}

function main(): void {
  const { values, positionals } = parse(process.argv.slice(2));
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const given = [...(values.corpus ?? []).flatMap((c) => c.split(",")), ...positionals].filter(Boolean);
  const configured = given.length > 0 ? [] : loadConfig().CORPUS_DIRS;
  const dirs = given.length > 0 ? given : configured.length > 0 ? configured : [DEFAULT_SEEDS_DIR];
  const started = performance.now();
  const { laws, problems, folders } = loadLaws(dirs);
  const seconds = (performance.now() - started) / 1000;
  let articles = 0;
  let warned = 0;
  let warnings = 0;
  laws.forEach((law, i) => {
    articles += law.articles.length;
    warnings += law.warnings.length;
    if (law.warnings.length > 0) warned++;
    if (values.quiet && law.warnings.length === 0) return;
    const how =
      law.numbering === "paragraphs"
        ? " (numbered paragraphs)"
        : law.numbering === "whole"
          ? " (one passage)"
          : "";
    console.log(
      `${law.file}\t${law.title}\t${law.articles.length} articles${how}\t${law.chapters.length} chapters\t${law.warnings.length} warnings`,
    );
    const path = join(dirs[folders[i] ?? 0] ?? "", law.file);
    for (const w of law.warnings) console.log(`  warning: ${locateWarning(path, w)}`);
  });
  const bad = unreadable(problems);
  for (const p of problems) console.log(`${p.kind === "skipped" ? "skipped" : "UNREADABLE"}: ${p.message}`);
  const skipped = problems.length - bad.length;
  console.log(
    `\n${laws.length} laws read (${articles} articles) from ${dirs.join(", ")} in ${seconds.toFixed(1)} s; ` +
      `${bad.length} files could not be read${skipped > 0 ? `, ${skipped} links skipped` : ""}; ` +
      `${warnings} warnings in ${warned} laws`,
  );
  if (bad.length > 0 || (values.strict && warned > 0)) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(`corpus:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
