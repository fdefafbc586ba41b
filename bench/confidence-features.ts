/**
 * Features of the best article for each question of a question set, with whether it is right:
 * the data for choosing how the bot decides between answering, offering candidates and refusing.
 *
 *   npx tsx bench/confidence-features.ts bench/residents/residents-a.jsonl … > features.jsonl
 */
import { readFileSync } from "node:fs";
import { createBot } from "../src/bot.js";
import { createUnitScorer } from "../src/search/units.js";
import { normalize } from "../src/text/normalize.js";
import { classify } from "../src/understand/intent.js";
import { analyzeQuery } from "../src/understand/query.js";
import { createAboutTheLaw, withScope } from "../src/understand/scope.js";
import { loadWordWeights } from "../src/understand/word-weights.js";

const bot = await createBot();
const weights = loadWordWeights();
const aboutTheLaw = createAboutTheLaw(bot.tokenizer, bot.vocabulary, weights);
const home = bot.searchEngine.segments[0];
if (!home) throw new Error("no home segment");
const scorer = createUnitScorer({ df: (t) => home.segment.documentFrequency(t), total: home.segment.size });
const homeIds = new Set(bot.homeLaws.map((l) => l.id));

for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const g = JSON.parse(line) as {
      id: string;
      q: string;
      articles?: number[];
      answered?: boolean;
      kind?: string;
    };
    const answer = bot.ask(g.q);
    if (!["topic", "responsibility"].includes(answer.intent) || answer.facet) continue;
    const c = classify(normalize(g.q), bot.vocabulary, aboutTheLaw);
    if (c.slots.article !== undefined) continue;
    const query = withScope(
      analyzeQuery(c.rest, bot.tokenizer, bot.vocabulary, { weights, bodies: bot.homeBodies }),
      bot.homeLaws,
    );
    const hits = bot.searchEngine.search(query, { lawIds: homeIds, limit: 6 });
    const best = hits[0];
    const units = query.units.filter((u) => u.text.length > 1 || u.expansions.length > 0);
    const w = units.map((u) => scorer.unitWeight(u));
    const total = w.reduce((a, b) => a + b, 0) || 1;
    const matchedShare = units.map(
      (u, k) => (best ? scorer.unitScore(u, best.entry.hay) : 0) * (w[k] as number),
    );
    const unmatched = units.map((_u, k) => ((matchedShare[k] ?? 0) === 0 ? (w[k] as number) / total : 0));
    console.log(
      JSON.stringify({
        id: g.id,
        answerable: g.answered !== false,
        right: best ? (g.articles ?? []).includes(best.entry.article.number) : false,
        coverage: best?.coverage ?? 0,
        second: hits[1]?.coverage ?? 0,
        mass: matchedShare.reduce((a, b) => a + b, 0),
        total,
        units: units.length,
        matched: matchedShare.filter((x) => x > 0).length,
        maxUnmatched: Math.max(0, ...unmatched),
      }),
    );
  }
}
