/**
 * tiaowen's public surface: everything a channel (CLI, HTTP, Telegram, WeChat) may use of the
 * core. Channels import from here, never from the modules behind it, so the core can change
 * inside without touching them (in the manner of grammY's mod.ts).
 */
export { citationOf, relatedArticle } from "./answer/builders.js";
export { chapterName, chineseDate, citationLine, gistOf } from "./answer/format.js";
export { INTENT_NAMES } from "./answer/intents.js";
export {
  candidatesBlock,
  contactLine,
  elsewhereBlock,
  type RenderTextOptions,
  relatedLine,
  renderText,
  sourceLine,
} from "./answer/render-text.js";
export {
  type CutOptions,
  cutText,
  type Measure,
  splitText,
  utf8Length,
  utf16Length,
} from "./answer/split-text.js";
export type {
  Answer,
  AnswerParts,
  Citation,
  Contact,
  ConversationContext,
  IntentName,
  RelatedArticle,
} from "./answer/types.js";
export {
  type Bot,
  type BotOptions,
  createBot,
  DEFAULT_INTENTS_DIR,
  DEFAULT_SEEDS_DIR,
  EXAMPLE_QUESTIONS,
  EXAMPLE_QUESTIONS_EN,
  type FollowUpFacet,
  MAX_QUESTION_CHARS,
  MIN_CONFIDENCE,
  PROJECT_ROOT,
} from "./bot.js";
export type { CacheStatus } from "./corpus/cache.js";
export { LawParseError, TiaowenError, VocabularyError } from "./errors.js";
export type { LoadProblem } from "./law/load.js";
export { toChineseNumber } from "./law/numerals.js";
export type { Article, Law } from "./law/types.js";
export type { IndexedArticle } from "./search/entry.js";
export type { SearchHit } from "./search/ranking.js";
export type { Suggestion } from "./search/suggest.js";
export { normalize } from "./text/normalize.js";
export type { TokenizerBackend } from "./text/tokenizer.js";
export { parseArticleNumber } from "./understand/article-ref.js";
export type { DepartmentMention, DirectoryEntry, Duty } from "./understand/departments.js";
