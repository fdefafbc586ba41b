/**
 * Words a question asks as the law writes them. jieba cuts 智能租车 into 智能 and 租车, and 租车 is an
 * everyday word (little topicality: it is common in general Chinese and rare in law); but the two
 * together are a term of the ordinance (第二十条: 智能租车), and a resident who writes the law's term
 * asks about it. Neighbouring words whose joined text the laws contain weigh at least as a noun does.
 */
import type { AnalyzedQuery, QueryUnit } from "./query.js";

/** The least a word of a law term written out in the question weighs (word-weights.ts' noun floor). */
export const LAW_TERM_EMPHASIS = 0.7;

/**
 * Raises the weight of neighbouring Chinese words that together are a term of the laws: `inLaws`
 * tells whether the laws' text holds a string. Only pairs of words of two characters or more, so
 * that a verb and its object (建/平台) do not count as a term.
 */
export function withLawTerms(query: AnalyzedQuery, inLaws: (text: string) => boolean): AnalyzedQuery {
  const units = query.units;
  let raised: QueryUnit[] | undefined;
  for (let k = 0; k + 1 < units.length; k++) {
    const a = units[k] as QueryUnit;
    const b = units[k + 1] as QueryUnit;
    if (a.from !== "zh" || b.from !== "zh" || a.text.length < 2 || b.text.length < 2) continue;
    if (a.emphasis >= LAW_TERM_EMPHASIS && b.emphasis >= LAW_TERM_EMPHASIS) continue;
    if (!inLaws(a.text + b.text)) continue;
    raised ??= [...units];
    for (const i of [k, k + 1]) {
      const u = raised[i] as QueryUnit;
      if (u.emphasis < LAW_TERM_EMPHASIS) raised[i] = { ...u, emphasis: LAW_TERM_EMPHASIS };
    }
  }
  return raised ? { ...query, units: raised } : query;
}
