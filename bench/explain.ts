/**
 * Why the bot answers a question the way it does: the intent, the question's units with their
 * weights, the top hits with their coverage. A tool for tuning, not part of the bot.
 *
 *   npx tsx bench/explain.ts "市民卡到底能不能坐公交" …   (or questions on stdin, one per line)
 */
import { readFileSync } from "node:fs";
import { createBot } from "../src/bot.js";
import { normalize } from "../src/text/normalize.js";
import { classify } from "../src/understand/intent.js";
import { analyzeQuery } from "../src/understand/query.js";
import { createAboutTheLaw, withScope } from "../src/understand/scope.js";
import { loadWordWeights } from "../src/understand/word-weights.js";

const bot = await createBot();
const weights = loadWordWeights();
const aboutTheLaw = createAboutTheLaw(bot.tokenizer, bot.vocabulary, weights);
const args = process.argv.slice(2);
const questions = args.length > 0 ? args : readFileSync(0, "utf8").split("\n").filter(Boolean);
for (const q of questions) {
  const n = normalize(q);
  const c = classify(n, bot.vocabulary, aboutTheLaw);
  const query = withScope(
    analyzeQuery(c.rest, bot.tokenizer, bot.vocabulary, { weights, bodies: bot.homeBodies }),
    bot.homeLaws,
  );
  const units = query.units.map((u) => `${u.text}×${u.emphasis.toFixed(2)}`).join(" ");
  const hits = bot.index.search(query, { limit: 3 });
  const a = bot.ask(q);
  console.log(`${q}\n  intent ${c.intent}/${c.facet ?? ""}  units ${units}`);
  console.log(
    `  hits ${hits.map((h) => `${h.entry.article.number}:${h.coverage.toFixed(2)}[${h.matched.join(",")}]`).join("  ")}`,
  );
  console.log(
    `  → ${a.answered ? "ANSWER" : "refuse"} ${a.citations[0]?.article ?? "-"} ${a.lead.slice(0, 60)}`,
  );
}
