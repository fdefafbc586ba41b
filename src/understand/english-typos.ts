/**
 * Typos of English words (goverment, polution, ctiy): a word the glossary and the stop words do not
 * know is read as the one word of theirs it is a single edit from — a letter left out, added,
 * changed or two letters swapped — when exactly one such word exists. The dictionary is the
 * vocabulary's own English, never a list of typos. Lookups go through the words' one-letter
 * deletions (the symmetric-delete method), so a question costs a few map lookups per word.
 */

// Shorter words have too many neighbours one edit away ("bus" / "but" / "buy").
const MIN_LENGTH = 4;

/** Finds the dictionary word an English typo stands for. */
export interface EnglishSpeller {
  /** The one dictionary word `word` is a single edit from, or undefined. */
  correct(word: string): string | undefined;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau–Levenshtein distance of at most one (optimal string alignment). */
function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    // Two neighbouring letters swapped: ctiy / city.
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A speller over the given words (lower case, single words). `isWord` says which words are English as
 * written ("official" is not a typo of "officials").
 */
export function createEnglishSpeller(
  words: Iterable<string>,
  isWord: (word: string) => boolean = () => false,
): EnglishSpeller {
  const known = new Set<string>();
  const byDeletion = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = byDeletion.get(key);
    if (!list) byDeletion.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of words) {
    if (word.length < MIN_LENGTH - 1 || !/^[a-z]+$/.test(word) || known.has(word)) continue;
    known.add(word);
    add(word, word);
    for (const d of deletions(word)) add(d, word);
  }
  return {
    correct(word) {
      if (word.length < MIN_LENGTH || known.has(word) || !/^[a-z]+$/.test(word) || isWord(word))
        return undefined;
      const found = new Set<string>();
      for (const key of [word, ...deletions(word)]) {
        for (const candidate of byDeletion.get(key) ?? []) if (oneEdit(word, candidate)) found.add(candidate);
      }
      return found.size === 1 ? [...found][0] : undefined;
    },
  };
}
