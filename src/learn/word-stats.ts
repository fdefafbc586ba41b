/**
 * Builds learned/word-stats.tsv: how often each word occurs in legal text (the national and local
 * corpora) and in general Chinese (jieba's dictionary frequencies). The ratio of the two says
 * whether a question word is the law's kind of word — 食品安全, 工资, 签证 — or the talk around a
 * question — 到底, 有没有, 咱们, 听说 — without a stop-word list (understand/word-weights.ts).
 *
 *   npm run learn:words -- [--corpus DIR …] [--out learned/word-stats.tsv]
 *
 * Deterministic: the same corpora and dictionary give the same bytes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { loadLaws } from "../law/load.js";
import { DEFAULT_INTENTS_DIR, PROJECT_ROOT } from "../paths.js";
import { normalize } from "../text/normalize.js";
import { createTokenizer } from "../text/tokenizer.js";
import { loadVocabulary } from "../understand/vocabulary.js";

/** Where the table lives, relative to the project. */
export const WORD_STATS_FILE = join(PROJECT_ROOT, "learned", "word-stats.tsv");

const DEFAULT_CORPORA = ["../shared/corpus/lawtext-national", "../shared/corpus/lawrefbook-local"];
// Words of general Chinese below this dictionary frequency that never occur in law are left out:
// they are rare everywhere, and a rare word is weighed as a topic word anyway.
const MIN_GENERAL_FREQ = 100;
// Legal words seen once are mostly segmentation accidents of one text.
const MIN_LEGAL_TF = 2;

const HAN = /^\p{Script=Han}+$/u;

interface Counts {
  df: number;
  tf: number;
}

/** Article frequency and token count of every Chinese word of the laws in `dirs`. */
async function countLegalWords(
  dirs: string[],
): Promise<{ words: Map<string, Counts>; articles: number; tokens: number }> {
  const { laws } = loadLaws(dirs);
  const vocabulary = loadVocabulary(DEFAULT_INTENTS_DIR);
  const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  const words = new Map<string, Counts>();
  let articles = 0;
  let tokens = 0;
  for (const law of laws) {
    for (const article of law.articles) {
      articles++;
      const cut = tokenizer.cut(normalize(article.text)).filter((w) => HAN.test(w));
      tokens += cut.length;
      for (const w of cut) {
        const c = words.get(w) ?? { df: 0, tf: 0 };
        c.tf++;
        words.set(w, c);
      }
      for (const w of new Set(cut)) (words.get(w) as Counts).df++;
    }
  }
  return { words, articles, tokens };
}

/** jieba's dictionary: word → frequency in its general corpus, and its part of speech. */
function generalFrequencies(): { freq: Map<string, number>; tags: Map<string, string>; total: number } {
  const require = createRequire(import.meta.url);
  const path = require.resolve("@node-rs/jieba/dict.txt");
  const freq = new Map<string, number>();
  const tags = new Map<string, string>();
  let total = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const [word, f, tag] = line.split(" ");
    if (!word || !f) continue;
    const n = Number(f);
    total += n;
    if (!HAN.test(word)) continue;
    const key = normalize(word);
    // Traditional and simplified forms fold into one word; the more frequent form's tag wins.
    if (tag && n > (freq.get(key) ?? 0) - n) tags.set(key, tag);
    freq.set(key, (freq.get(key) ?? 0) + n);
  }
  return { freq, tags, total };
}

/** The table's text: a header with the totals, then `word df tf general tag` per line, sorted. */
export function formatWordStats(
  legal: { words: Map<string, Counts>; articles: number; tokens: number },
  general: { freq: Map<string, number>; tags: Map<string, string>; total: number },
): string {
  const rows: string[] = [];
  const keys = new Set([...legal.words.keys(), ...general.freq.keys()]);
  for (const w of [...keys].sort()) {
    const c = legal.words.get(w);
    const g = general.freq.get(w) ?? 0;
    const keep = (c && c.tf >= MIN_LEGAL_TF) || (!c && g >= MIN_GENERAL_FREQ) || (c && g >= MIN_GENERAL_FREQ);
    if (keep) rows.push(`${w}\t${c?.df ?? 0}\t${c?.tf ?? 0}\t${g}\t${general.tags.get(w) ?? ""}`);
  }
  const header = `#word-stats\tarticles=${legal.articles}\tlegalTokens=${legal.tokens}\tgeneralTokens=${general.total}`;
  return `${header}\n${rows.join("\n")}\n`;
}

async function main(argv: string[]): Promise<void> {
  const dirs: string[] = [];
  let out = WORD_STATS_FILE;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--corpus") dirs.push(argv[++i] ?? "");
    else if (argv[i] === "--out") out = argv[++i] ?? out;
    else throw new Error(`unknown argument ${argv[i]}: use --corpus DIR (repeatable) and --out FILE`);
  }
  const started = performance.now();
  const legal = await countLegalWords(dirs.length > 0 ? dirs : DEFAULT_CORPORA);
  const text = formatWordStats(legal, generalFrequencies());
  writeFileSync(out, text);
  const lines = text.split("\n").length - 2;
  console.log(
    `${out}: ${lines} words from ${legal.articles} articles (${legal.tokens} tokens) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
