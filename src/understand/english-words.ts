/**
 * Which English words of a question are its subject: an English word the glossary does not know is
 * a subject the law may lack when it is a noun ("dog", "salary", "visa") or a date ("tomorrow"), and
 * the talk around the question when it is not ("actually", "kinda", "worried", "big", "going"). The
 * same idea as the topicality of Chinese words (word-weights.ts), for a language the learned
 * statistics do not cover.
 *
 * The parts of speech come from compromise's lexicon (24,000 English words), looked up word by word:
 * tagging whole sentences costs about 0.5 ms a question, a lookup nothing. compromise takes about
 * 0.3 s to load, so it is loaded on the first English question only.
 */
import { createRequire } from "node:module";

type Lexicon = Record<string, string | undefined>;

let lexicon: Lexicon | undefined;

function englishLexicon(): Lexicon {
  if (!lexicon) {
    const nlp = createRequire(import.meta.url)("compromise") as { model(): { one: { lexicon: Lexicon } } };
    lexicon = nlp.model().one.lexicon;
  }
  return lexicon;
}

// Tags of words that frame a question rather than name its subject.
const TALK = new Set([
  "Adjective",
  "Comparative",
  "Superlative",
  "Adverb",
  "Gerund",
  "Copula",
  "Modal",
  "Auxiliary",
  "PresentTense",
  "PastTense",
  "Participle",
  "Preposition",
  "Determiner",
  "Pronoun",
  "Possessive",
  "Conjunction",
  "QuestionWord",
  "Expression",
  "Negative",
  "Cardinal",
  "TextValue",
]);

/** Whether compromise's lexicon knows the word (then it is English as written, not a typo). */
export function isEnglishWord(word: string): boolean {
  return englishLexicon()[word] !== undefined;
}

/**
 * Whether an English word is the subject kind: a noun or a date by the lexicon, or a word it does not
 * know that does not look like an adverb (-ly) — unknown words are mostly names of things.
 */
export function isEnglishSubject(word: string): boolean {
  const tag = englishLexicon()[word] as string | string[] | undefined;
  if (tag === undefined) return !/ly$/.test(word);
  // A word with several tags (one: TextValue and Cardinal) is talk when any of them is.
  return Array.isArray(tag) ? !tag.some((t) => TALK.has(t)) : !TALK.has(tag);
}

// Possessive, plural, -ing, -ed and -al endings, with the spelling each leaves (ies → y, ing → e).
const ENDINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/'s$/, ""],
  [/ies$/, "y"],
  [/es$/, ""],
  [/s$/, ""],
  [/ing$/, ""],
  [/ing$/, "e"],
  [/ed$/, ""],
  [/ed$/, "e"],
  [/al$/, ""],
];

/**
 * The stems an English word may be an inflection of, in the order to try them ("ideas" → idea,
 * "applies" → apply, "reflected" → reflect, reflecte): each at least three letters.
 */
export function englishStems(word: string): string[] {
  const stems: string[] = [];
  for (const [ending, by] of ENDINGS) {
    const stem = word.replace(ending, by);
    if (stem !== word && stem.length > 2) stems.push(stem);
  }
  return stems;
}
