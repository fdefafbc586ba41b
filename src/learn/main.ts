/**
 * `npm run learn [-- --corpus DIR] [--questions FILE] [--out DIR]`: learns the ranking tables from
 * the training questions and writes them under learned/ (see learned/README.md). The same input
 * gives the same bytes: folds come from question ids, every map is filled in input order, keys
 * are sorted and numbers rounded on output.
 */
import { mkdirSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../bot.js";
import { TABLE_FILES, writeLearnedTables } from "../search/learned/tables.js";
import { learn } from "./fit.js";
import { loadSetup } from "./setup.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string", multiple: true },
      questions: { type: "string" },
      out: { type: "string" },
    },
  });
  const resolve = (p: string) => (isAbsolute(p) ? p : join(PROJECT_ROOT, p));
  const corpusDirs = (values.corpus ?? ["../shared/corpus/lawtext-national"]).map(resolve);
  const questions = resolve(values.questions ?? "../shared/eval/stard-train.jsonl");
  const out = resolve(values.out ?? "learned");
  const started = Date.now();
  const setup = await loadSetup({ corpusDirs, questions, root: PROJECT_ROOT });
  console.log(
    `corpus: ${setup.corpus.docs.length} articles of ${setup.corpus.laws.length} laws (${setup.corpus.unreadable} files unreadable); ${setup.questions.length} questions`,
  );
  const { tables } = learn(setup.questions, setup.fields);
  mkdirSync(out, { recursive: true });
  writeLearnedTables(out, tables);
  for (const file of Object.values(TABLE_FILES)) {
    console.log(`${join(out, file)}: ${(statSync(join(out, file)).size / 1024).toFixed(0)} KiB`);
  }
  console.log(`weights: ${JSON.stringify(tables.ranker.weights)}`);
  console.log(`learned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
