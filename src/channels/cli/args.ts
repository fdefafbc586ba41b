/**
 * Command-line options shared by `ask`, `chat` and the benchmark.
 */

import { join } from "node:path";
import { parseArgs } from "node:util";
import { type BotOptions, PROJECT_ROOT } from "../../bot.js";
import type { TokenizerBackend } from "../../text/tokenizer.js";

/** Parsed command line: bot options, flags and the remaining words. */
export interface CliArgs {
  bot: BotOptions;
  json: boolean;
  help: boolean;
  words: string[];
}

/**
 * Reads --json, --corpus DIR (repeatable or comma-separated), --tokenizer NAME, --home LAW,
 * --cache DIR and --no-cache.
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      corpus: { type: "string", multiple: true },
      tokenizer: { type: "string" },
      home: { type: "string", multiple: true },
      cache: { type: "string" },
      "no-cache": { type: "boolean", default: false },
    },
  });
  // The index cache makes the next start fast on a large corpus; --no-cache builds afresh.
  const bot: BotOptions = values["no-cache"]
    ? {}
    : { cacheDir: values.cache ?? join(PROJECT_ROOT, ".cache") };
  const corpus = (values.corpus ?? []).flatMap((c) => c.split(",")).filter(Boolean);
  if (corpus.length > 0) bot.corpusDirs = corpus;
  if (values.tokenizer) {
    if (values.tokenizer !== "node-rs" && values.tokenizer !== "nodejieba") {
      throw new Error(`--tokenizer takes "node-rs" or "nodejieba", not "${values.tokenizer}"`);
    }
    bot.tokenizer = values.tokenizer as TokenizerBackend;
  }
  const home = (values.home ?? []).flatMap((h) => h.split(",")).filter(Boolean);
  if (home.length > 0) bot.homeLaws = home;
  return { bot, json: values.json ?? false, help: values.help ?? false, words: positionals };
}
