/** What the answer tests share: the seed law, its index, and the reply settings. */
import type { ComposeContext } from "../../src/answer/replies.js";
import type { Law } from "../../src/law/types.js";
import {
  type ArticleIndex,
  createArticleIndex,
  type IndexedArticle,
} from "../../src/search/article-index.js";
import { normalize } from "../../src/text/normalize.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { extractDepartments } from "../../src/understand/departments.js";
import { analyzeQuery } from "../../src/understand/query.js";
import { loadVocabulary, type Vocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR, seedLaw } from "./fixtures.js";

/** The seed indexed as the answer tests need it. */
export interface AnswerFixture {
  law: Law;
  index: ArticleIndex;
  vocabulary: Vocabulary;
  tokenizer: Tokenizer;
  ctx(lang?: "zh" | "en"): ComposeContext;
  entry(n: number): IndexedArticle;
  hits(question: string): ReturnType<ArticleIndex["search"]>;
}

/** Loads the seed, its vocabulary and index (once per test file, in beforeAll). */
export async function answerFixture(): Promise<AnswerFixture> {
  const law = seedLaw();
  const vocabulary = loadVocabulary(INTENTS_DIR);
  const tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  const index = createArticleIndex({
    laws: [law],
    tokenizer,
    vocabulary,
    departmentsOf: (_l, a) => extractDepartments(a),
  });
  return {
    law,
    index,
    vocabulary,
    tokenizer,
    ctx: (lang = "zh") => ({
      lang,
      replies: vocabulary.replies,
      hotline: "12345",
      examples: ["谁负责食品安全监管？", "第三十条讲什么"],
    }),
    entry: (n) => index.get(law.id, n) as IndexedArticle,
    hits: (question) => index.search(analyzeQuery(normalize(question), tokenizer, vocabulary)),
  };
}

/** The citation line of the seed's 第三十条. */
export const CITE_30 = "《大同市智慧城市促进条例》第三十条（第四章 智慧治理）";
