/**
 * `npx tsx bench/tune-boosts.ts`: how the field boosts of the home index change answer quality
 * on the evaluation sets (the shared dev set where it exists, and bench/paraphrases*.jsonl).
 * Prints one row per combination: questions whose first citation is right, refusals that are
 * right, and the total — the figures behind FIELD_BOOSTS.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createBot, PROJECT_ROOT } from "../src/bot.js";
import { FIELD_BOOSTS } from "../src/search/settings.js";

interface Gold {
  q: string;
  articles?: number[];
  answered?: boolean;
}

function goldQuestions(): Gold[] {
  const files = [join(PROJECT_ROOT, "..", "shared", "eval", "dev.jsonl")].filter(existsSync);
  for (const f of readdirSync(join(PROJECT_ROOT, "bench"))) {
    if (/^paraphrases.*\.jsonl$/.test(f)) files.push(join(PROJECT_ROOT, "bench", f));
  }
  return files.flatMap((f) =>
    readFileSync(f, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Gold),
  );
}

async function main(): Promise<void> {
  const gold = goldQuestions();
  const rows: Array<{ boosts: string; right: number }> = [];
  for (const departments of [0.6, 1.2, 2]) {
    for (const chapter of [0.3, 0.6, 1]) {
      for (const grams of [0.2, 0.4, 0.8]) {
        const bot = await createBot({ boosts: { text: 1, departments, chapter, grams } });
        let right = 0;
        for (const g of gold) {
          const a = bot.ask(g.q);
          const articleOk = !g.articles?.length || g.articles.includes(a.citations[0]?.article ?? -1);
          const answeredOk = g.answered === undefined || a.answered === g.answered;
          if (articleOk && answeredOk) right++;
        }
        rows.push({ boosts: `departments ${departments}, chapter ${chapter}, grams ${grams}`, right });
      }
    }
  }
  console.log(`${gold.length} questions; current: ${JSON.stringify(FIELD_BOOSTS)}`);
  for (const r of rows.sort((a, b) => b.right - a.right)) console.log(`${r.right}\t${r.boosts}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
