/**
 * Which English words of a question are nouns, by compromise's lexicon and rules: an English word
 * the glossary does not know is a subject the law may lack when it is a noun ("dog", "salary",
 * "visa"), and the talk around the question when it is not ("actually", "kinda", "worried", "big").
 * The same idea as the topicality of Chinese words (word-weights.ts), for a language the learned
 * statistics do not cover.
 *
 * compromise takes about 0.3 s to load, so it is loaded on the first English question only.
 */
import { createRequire } from "node:module";

type Nlp = (text: string) => { json(): Array<{ terms: Array<{ normal: string; tags: string[] }> }> };

let nlp: Nlp | undefined;

function tagger(): Nlp {
  nlp ??= createRequire(import.meta.url)("compromise") as Nlp;
  return nlp;
}

/** The nouns of an English text, lower case, and its dates ("tomorrow"); not pronouns or numbers. */
export function englishNouns(text: string): Set<string> {
  const nouns = new Set<string>();
  for (const sentence of tagger()(text).json()) {
    for (const term of sentence.terms) {
      const tags = new Set(term.tags);
      if ((tags.has("Noun") && !tags.has("Pronoun") && !tags.has("Value")) || tags.has("Date"))
        nouns.add(term.normal);
    }
  }
  return nouns;
}
