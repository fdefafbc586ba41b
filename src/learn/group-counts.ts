/**
 * Counting for the group priors (src/search/learned/posterior.ts): which words the questions
 * citing each law, chapter or section use.
 */
import type { BackgroundCounts, GroupCountTable } from "../search/learned/posterior.js";

/** Counts each question's distinct words once per group it cites (each group once per question). */
export function countGroupWords(
  examples: ReadonlyArray<{ words: readonly string[]; groups: readonly string[] }>,
): GroupCountTable {
  const groups = new Map<string, { questions: number; total: number; words: Map<string, number> }>();
  for (const ex of examples) {
    const words = [...new Set(ex.words)];
    for (const group of new Set(ex.groups)) {
      let c = groups.get(group);
      if (!c) {
        c = { questions: 0, total: 0, words: new Map() };
        groups.set(group, c);
      }
      c.questions++;
      c.total += words.length;
      for (const w of words) c.words.set(w, (c.words.get(w) ?? 0) + 1);
    }
  }
  return { questions: examples.length, groups };
}

/** Word counts over all questions (each word once per question): the smoothing distribution. */
export function countBackground(questions: ReadonlyArray<readonly string[]>): BackgroundCounts {
  const words = new Map<string, number>();
  let total = 0;
  for (const q of questions) {
    const unique = new Set(q);
    for (const w of unique) words.set(w, (words.get(w) ?? 0) + 1);
    total += unique.size;
  }
  return { words, total };
}
