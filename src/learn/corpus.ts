/**
 * The national corpus as the learner sees it: the laws, read with the project's own loader, and
 * each article's law, type, key, chapter and section (src/search/learned/groups.ts), so the
 * learner and the engine agree on what an article is.
 */
import { loadLaws } from "../law/load.js";
import type { Law } from "../law/types.js";
import { rankerDocs } from "../search/learned/groups.js";
import type { RankerDoc } from "../search/learned/ranker.js";

export { type LawType, lawTypeOf } from "../search/learned/groups.js";

/** The loaded corpus. */
export interface LearnCorpus {
  /** The laws in load order (the loader's sorted order): document ids follow it. */
  laws: Law[];
  /** Every article of every law, in document order. */
  docs: RankerDoc[];
  /** Files that could not be read (the loader reports; the learner measures on what loads). */
  unreadable: number;
}

/** Loads the laws under the folders. */
export function loadCorpus(dirs: string[]): LearnCorpus {
  const loaded = loadLaws(dirs);
  return { laws: loaded.laws, docs: rankerDocs(loaded.laws), unreadable: loaded.problems.length };
}
