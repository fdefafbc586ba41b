/**
 * How an article becomes index terms, field by field (settings.ts): its words (jieba search
 * mode, without punctuation and stop words), its character bigrams, its chapter's words, its
 * departments' words, and the set of its Han characters (for the rarity of one-character words).
 * Questions are cut with the same `words`, so both sides meet.
 *
 * A long article is read in pieces cut after punctuation, so a 50 MB article costs counts of its
 * distinct terms, never one array of all its words.
 */
import { ByteBoundedMemo, bytesOfWords } from "../text/memo.js";
import { normalize } from "../text/normalize.js";
import { pieces, type Tokenizer } from "../text/tokenizer.js";
import type { Vocabulary } from "../understand/vocabulary.js";
import { bigrams, type IndexedArticle, indexWords } from "./entry.js";
import type { FieldName } from "./settings.js";

/** The terms of one article: counts per field, and its distinct Han characters. */
export interface ArticleTerms {
  fields: Record<FieldName, Map<string, number>>;
  chars: Set<string>;
}

/** Cuts text into the index's terms. */
export interface Analyzer {
  /** Index words of a text: what the word fields hold and what question words are cut into. */
  words(text: string): readonly string[];
  /** The terms of an article, by field. */
  articleTerms(entry: IndexedArticle): ArticleTerms;
}

// Pieces of this many characters keep each tokenizer call and its word array small.
const PIECE = 65_536;
const HAN = /\p{Script=Han}/gu;
// A question's units and their synonyms are cut for every question that has them, and the same
// few thousand words come back again and again: the index words of short texts are kept (frozen,
// shared), in a memo bounded in bytes as the tokenizer's. ~8% of a question's engine time went to
// cutting and filtering them again (CPU profile of bot.ask on the bench questions).
const MEMO_MAX_LENGTH = 16;
const MEMO_BYTES = 2 * 2 ** 20;

/** The analyzer of a tokenizer and vocabulary (stop words). */
export function createAnalyzer(tokenizer: Tokenizer, vocabulary: Vocabulary): Analyzer {
  const memo = new ByteBoundedMemo<readonly string[]>(MEMO_BYTES, bytesOfWords);
  const words = (text: string): readonly string[] => {
    if (text.length > MEMO_MAX_LENGTH)
      return indexWords(text, tokenizer.cutForSearch, vocabulary.stopwordsZh);
    let found = memo.get(text);
    if (!found) {
      found = Object.freeze(indexWords(text, tokenizer.cutForSearch, vocabulary.stopwordsZh));
      memo.set(text, found);
    }
    return found;
  };
  const articleTerms = (entry: IndexedArticle): ArticleTerms => {
    const text = new Map<string, number>();
    const grams = new Map<string, number>();
    const chars = new Set<string>();
    for (const piece of pieces(entry.normalized, PIECE)) {
      count(text, words(piece));
      count(grams, bigrams(piece));
      for (const c of piece.match(HAN) ?? []) chars.add(c);
    }
    const { chapter, section } = entry.article;
    const chapterWords = words(normalize(`${chapter?.title ?? ""} ${section?.title ?? ""}`));
    const departmentWords = words(normalize(entry.departments.map((d) => d.canonical).join(" ")));
    return {
      fields: {
        text,
        grams,
        chapter: count(new Map(), chapterWords),
        departments: count(new Map(), departmentWords),
      },
      chars,
    };
  };
  return { words, articleTerms };
}

function count(counts: Map<string, number>, terms: readonly string[]): Map<string, number> {
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
