/**
 * The Chinese words of the law an English word can stand for: read from learned/en-zh.tsv (CC-CEDICT
 * senses kept where legal text uses them; `npm run learn:english`). They say whether an English word
 * the glossary does not know is the law's kind of word: "visa" (签证), "wages" (工资) and "dog" (犬)
 * are, and keep a question about them out of an ordinance that never says them; "winter", "apartment"
 * and "curious" have no counterpart in law and are the talk around a question, as 冬天 is in Chinese.
 * (Matching articles through the dictionary's words as well was measured and left out: on the English
 * questions of the tuning sets it answered out-of-scope ones through loose senses — "plan" of a phone
 * tariff → 规划 — and lost more than it gained.)
 *
 * The table (25,000 words, 300 KB) is read on the first English question only.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { englishStems } from "./english-words.js";

/** The table the bot reads. */
export const DEFAULT_ENGLISH_CHINESE = join(PROJECT_ROOT, "learned", "en-zh.tsv");

let table: Map<string, string[]> | undefined;

/** Parses the table: `english<TAB>zh zh …` per line. */
export function parseEnglishChinese(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab <= 0) continue;
    const targets = line.slice(tab + 1).trim();
    map.set(line.slice(0, tab), targets === "" ? [] : targets.split(" "));
  }
  return map;
}

function loaded(): Map<string, string[]> {
  // A checkout without the learned table still answers: English words then go by the glossary alone.
  table ??= existsSync(DEFAULT_ENGLISH_CHINESE)
    ? parseEnglishChinese(readFileSync(DEFAULT_ENGLISH_CHINESE, "utf8"))
    : new Map();
  return table;
}

/**
 * The legal Chinese words for an English word (lower case): a list, empty when the dictionary knows
 * the word but none of its senses is the law's, or undefined when the dictionary does not know it.
 */
export function chineseFor(word: string): readonly string[] | undefined {
  const map = loaded();
  const own = map.get(word);
  if (own) return own;
  // Plurals and verb forms fall back to their stem: "ideas" → idea, "applies" → apply.
  for (const stem of englishStems(word)) {
    const found = map.get(stem);
    if (found) return found;
  }
  return undefined;
}
