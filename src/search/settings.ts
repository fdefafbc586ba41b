/**
 * Every number of the search engine's retrieval in one place: the BM25 variant, the fields and
 * their boosts, how many candidates go on to the ranking stage, and when common words are left
 * out. (The ranking stage's own weights live with its features, in ranking.ts.)
 */

/** The fields each article is indexed under. */
export type FieldName = "text" | "grams" | "chapter" | "departments";

/** Every field, in the order the index stores them. */
export const FIELDS: readonly FieldName[] = ["text", "grams", "chapter", "departments"];

/** Fields that hold words (jieba search mode); question words are looked up in these. */
export const WORD_FIELDS: readonly FieldName[] = ["text", "chapter", "departments"];

/** Fields that hold character bigrams; the bigrams of words the index does not know go here. */
export const GRAM_FIELDS: readonly FieldName[] = ["grams"];

/**
 * BM25+ (Lv & Zhai 2011): BM25 plus `delta` for every matching term, so a long article that
 * contains a word still scores above one that does not. Length is the number of distinct terms of
 * the field. These are MiniSearch's defaults, with which the seed's ranking was tuned (dev and
 * paraphrase sets, 279 of 281); the engine keeps them so that ranking is unchanged.
 */
export const BM25 = { k1: 1.2, b: 0.7, delta: 0.5 } as const;

/** The BM25 parameters, for measuring others. */
export type Bm25Params = { readonly k1: number; readonly b: number; readonly delta: number };

/**
 * Field boosts. Measured with bench/tune-boosts.ts over the dev and paraphrase sets (281
 * questions): every combination of departments 0.6–2, chapter 0.3–1 and grams 0.2–0.8 answers the
 * same 279, because coverage, not BM25, decides the order; these are the middle of that range.
 */
export const FIELD_BOOSTS: Readonly<Record<FieldName, number>> = {
  text: 1,
  grams: 0.4,
  chapter: 0.6,
  departments: 1.2,
};

/**
 * Articles passed from retrieval to the ranking stage. Measured: on the 216 seed questions that
 * name an article (dev and paraphrase sets) the right one is at worst 3rd by BM25 alone, and on
 * STARD's training questions MRR@10 is 0.373, 0.373, 0.370, 0.370 with 10, 20, 40, 100 candidates.
 * 40 is margin for ranking features that move articles further (and costs 3 ms a question at
 * 55,000 articles, as 20 does).
 */
export const CANDIDATES = 40;

/**
 * When searching the other laws for "其他法规中的相关规定", words in more than this share of their
 * articles are left out when rarer ones are asked: they rank nothing there and cost most (建设 has
 * tens of thousands of postings at 55,000 articles).
 */
export const OTHERS_MAX_DOC_SHARE = 0.03;
