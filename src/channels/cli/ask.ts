/**
 * `npm run --silent ask -- [--json] [question…]`
 *
 * With a question: prints the reply (or, with --json, the Answer object). Without one: reads
 * questions from stdin, one per "\n"-terminated line (a trailing "\r" dropped, a bare "\r" kept),
 * and prints one reply per line in order — with --json one JSON Answer per line, the contract the
 * scorer relies on.
 */
import { loadConfig } from "../../config.js";
import { createBot } from "../../mod.js";
import { parseCliArgs } from "./args.js";
import { readLines } from "./lines.js";
import { renderForTerminal } from "./render.js";

const USAGE = `usage: npm run --silent ask -- [--json] [--corpus DIR] [--tokenizer node-rs|nodejieba] [question]
  with no question, reads one question per line from stdin`;

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), loadConfig());
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const bot = await createBot(args.bot);
  const print = (q: string) => {
    const answer = bot.ask(q);
    process.stdout.write(args.json ? `${JSON.stringify(answer)}\n` : `${renderForTerminal(answer)}\n\n`);
  };
  if (args.words.length > 0) {
    print(args.words.join(" "));
    return;
  }
  for await (const line of readLines(process.stdin)) print(line);
}

main().catch((error: unknown) => {
  console.error(`ask: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
