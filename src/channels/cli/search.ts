/**
 * `npm run --silent search -- [--json] [--limit K] [--law ID] [question…]`
 *
 * Ranks articles for each question, the measure of the search engine alone (no answer
 * composition): `node ../shared/eval/score.mjs GOLD.jsonl --search` runs it. Without a question it
 * reads questions from stdin, one per "\n"-terminated line, and prints one result per line in
 * order — with --json `{"hits":[{"law","lawId","article","label","score"}, …]}`, best first. The
 * corpus comes from CORPUS_DIRS / HOME_LAWS (or --corpus / --home), as for `ask`.
 */
import { type Bot, createBot } from "../../bot.js";
import { loadConfig } from "../../config.js";
import type { SearchHit } from "../../search/ranking.js";
import { parseCliArgs } from "./args.js";
import { readLines } from "./lines.js";

const USAGE = `usage: npm run --silent search -- [--json] [--limit K] [--law LAW_ID] [--corpus DIR] [question]
  with no question, reads one question per line from stdin and prints one result per line`;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

/** One hit as the search command prints it. */
interface SearchLine {
  law: string;
  lawId: string;
  article: number;
  label: string;
  score: number;
}

/** The hits of one question in the printed form. */
function toSearchLines(hits: readonly SearchHit[]): SearchLine[] {
  return hits.map((h) => ({
    law: h.entry.law.title,
    lawId: h.entry.law.id,
    article: h.entry.article.number,
    label: h.entry.article.label,
    score: Math.round(h.score * 10_000) / 10_000,
  }));
}

/** Readable lines for a terminal: rank, law, article, score and the start of the text. */
function renderHits(question: string, hits: readonly SearchHit[]): string {
  const lines = [`? ${question}`];
  if (hits.length === 0) lines.push("  (nothing found)");
  hits.forEach((h, i) => {
    const text = h.entry.article.text.replace(/\s+/g, " ");
    const gist = text.length > 50 ? `${text.slice(0, 50)}…` : text;
    lines.push(
      `${String(i + 1).padStart(3)}. 《${h.entry.law.title}》${h.entry.article.label}  ${h.score.toFixed(3)}  ${gist}`,
    );
  });
  return lines.join("\n");
}

/** Splits --limit K and --law ID off the arguments `parseCliArgs` knows. */
function takeOwnFlags(argv: string[]): { rest: string[]; limit: number; lawId?: string } {
  const rest: string[] = [];
  let limit = DEFAULT_LIMIT;
  let lawId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [name, inline] = a.startsWith("--") && a.includes("=") ? a.split(/=(.*)/s) : [a, undefined];
    if (name !== "--limit" && name !== "--law") {
      rest.push(a);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === "--law") lawId = value;
    else {
      limit = Number(value);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        throw new Error(`--limit takes a whole number from 1 to ${MAX_LIMIT}, not "${value}"`);
    }
  }
  return lawId === undefined ? { rest, limit } : { rest, limit, lawId };
}

function searchOne(bot: Bot, question: string, limit: number, lawId?: string): SearchHit[] {
  return bot.search(question, lawId === undefined ? { limit } : { limit, lawId });
}

async function main(): Promise<void> {
  const own = takeOwnFlags(process.argv.slice(2));
  const args = parseCliArgs(own.rest, loadConfig());
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const bot = await createBot(args.bot);
  const print = (q: string) => {
    const hits = searchOne(bot, q, own.limit, own.lawId);
    process.stdout.write(
      args.json ? `${JSON.stringify({ hits: toSearchLines(hits) })}\n` : `${renderHits(q, hits)}\n\n`,
    );
  };
  if (args.words.length > 0) {
    print(args.words.join(" "));
    return;
  }
  for await (const line of readLines(process.stdin)) print(line);
}

main().catch((error: unknown) => {
  console.error(`search: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
