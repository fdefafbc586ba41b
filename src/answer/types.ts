/**
 * The Answer: one structured object for every channel. Its parts (lead, quote, source, notes,
 * candidates, elsewhere …) are fields; `text` is rendered from them once, by answer/render-text.ts.
 * Channels lay out the parts in their own medium and never compute answers themselves.
 *
 * The types are derived from the zod schemas in answer/schema.ts (type-only: zod is not loaded here).
 */
import type { z } from "zod";
import type {
  AnswerSchema,
  CitationSchema,
  ContactSchema,
  ConversationContextSchema,
  RelatedArticleSchema,
} from "./schema.js";

export type { IntentName } from "./intents.js";

/** Where an answer comes from: one article of one law. */
export type Citation = z.infer<typeof CitationSchema>;
/** Another article worth offering next to the answer (buttons, "see also", candidates). */
export type RelatedArticle = z.infer<typeof RelatedArticleSchema>;
/** A real office of the deployment for a department the law names. */
export type Contact = z.infer<typeof ContactSchema>;
/** What a follow-up question ("下一条", "那由哪个部门负责？") can refer to. */
export type ConversationContext = z.infer<typeof ConversationContextSchema>;
/** A reply to one question. */
export type Answer = z.infer<typeof AnswerSchema>;
/** An Answer before its text is rendered: what the builders produce. */
export type AnswerParts = Omit<Answer, "text">;
