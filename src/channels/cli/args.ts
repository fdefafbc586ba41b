/**
 * Command-line options shared by `ask`, `chat` and the benchmark.
 */

import { parseArgs } from "node:util";
import type { Config } from "../../config.js";
import type { BotOptions, TokenizerBackend } from "../../mod.js";

/** Parsed command line: bot options, flags and the remaining words. */
export interface CliArgs {
  bot: BotOptions;
  json: boolean;
  help: boolean;
  words: string[];
}

/**
 * Reads --json, --corpus DIR (repeatable or comma-separated), --tokenizer NAME, --home LAW,
 * --cache DIR and --no-cache. Flags win over the configuration (CORPUS_DIRS, HOME_LAWS,
 * TOKENIZER, HOTLINE, CACHE_DIR), which wins over the embedded defaults.
 */
export function parseCliArgs(argv: string[], config?: Config): CliArgs {
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
  const cacheDir = values.cache ?? config?.CACHE_DIR;
  const bot: BotOptions = values["no-cache"] || !cacheDir ? {} : { cacheDir };
  const corpus = (values.corpus ?? []).flatMap((c) => c.split(",")).filter(Boolean);
  if (corpus.length > 0) bot.corpusDirs = corpus;
  else if (config && config.CORPUS_DIRS.length > 0) bot.corpusDirs = config.CORPUS_DIRS;
  const tokenizer = values.tokenizer ?? config?.TOKENIZER;
  if (tokenizer) {
    if (tokenizer !== "node-rs" && tokenizer !== "nodejieba") {
      throw new Error(`--tokenizer takes "node-rs" or "nodejieba", not "${tokenizer}"`);
    }
    bot.tokenizer = tokenizer as TokenizerBackend;
  }
  const home = (values.home ?? []).flatMap((h) => h.split(",")).filter(Boolean);
  if (home.length > 0) bot.homeLaws = home;
  else if (config && config.HOME_LAWS.length > 0) bot.homeLaws = config.HOME_LAWS;
  if (config) bot.hotline = config.HOTLINE;
  return { bot, json: values.json ?? false, help: values.help ?? false, words: positionals };
}
