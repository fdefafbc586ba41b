/**
 * The Answer's shape as a zod schema: the one source of both the TypeScript type (answer/types.ts
 * derives it with `z.infer`) and the API's JSON Schema (channels/http/openapi.ts generates it with
 * `z.toJSONSchema`), so the two cannot drift apart.
 *
 * The core imports this module for its types only (`import type`): zod itself is loaded by the
 * HTTP channel, which serves the schema, not on the engine's start path.
 */
import { z } from "zod";
import { INTENT_NAMES } from "./intents.js";

/** Where an answer comes from: one article of one law. */
export const CitationSchema = z
  .object({
    law: z.string().meta({ description: "The law's title.", examples: ["大同市智慧城市促进条例"] }),
    lawId: z.string(),
    article: z.number().int(),
    label: z.string().meta({ examples: ["第三十条"] }),
    chapter: z
      .string()
      .nullable()
      .meta({ examples: ["第四章 智慧治理"] }),
    quote: z
      .string()
      .meta({ description: "The clause quoted as the answer (a sentence of the article, or all of it)." }),
    url: z.string().nullable().meta({ description: "The official source of the law, where known." }),
  })
  .meta({ id: "Citation" });

/** Another article worth offering: related articles, and the closest provisions when unsure. */
export const RelatedArticleSchema = z
  .object({
    law: z.string(),
    lawId: z.string(),
    article: z.number().int(),
    label: z.string(),
    gist: z.string().meta({ description: "The beginning of the article, to show on a button." }),
  })
  .meta({ id: "RelatedArticle" });

/** An office of the deployment that carries out a duty the law gives a department. */
export const ContactSchema = z
  .object({
    department: z.string().meta({ description: "The department as the law names it." }),
    office: z.string().meta({ description: "The real office of this city." }),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    web: z.string().nullable(),
    hours: z.string().nullable(),
  })
  .meta({ id: "Contact" });

/** What a follow-up question ("下一条", "那由哪个部门负责？") can refer to. */
export const ConversationContextSchema = z
  .object({
    lawId: z.string().optional(),
    article: z.number().int().optional(),
  })
  .meta({ id: "ConversationContext" });

/** A reply to one question. */
export const AnswerSchema = z
  .object({
    intent: z.enum(INTENT_NAMES),
    facet: z
      .string()
      .optional()
      .meta({ description: "Narrower kind: effective, approval, count_chapters, next, practical…" }),
    answered: z
      .boolean()
      .meta({ description: "False when the law does not cover the question (or the input was unusable)." }),
    lang: z.enum(["zh", "en"]),
    text: z.string().meta({ description: "The whole reply as plain text, rendered from the parts below." }),
    lead: z.string().meta({ description: "The direct answer." }),
    quote: z.string().nullable().meta({ description: "The clause quoted as the answer, or null." }),
    source: z
      .string()
      .nullable()
      .meta({ description: "Where the quote is from: 《law》第X条（chapter）, or null." }),
    notes: z
      .array(z.string())
      .meta({ description: "Further paragraphs: amendments, history, the list of a chapter." }),
    citations: z
      .array(CitationSchema)
      .meta({ description: "Best first; empty when nothing in the law answers." }),
    departments: z
      .array(z.string())
      .meta({ description: "The responsible bodies named by the answer, as written in the law." }),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: "How much of the question the cited article covers (1 for exact lookups)." }),
    related: z
      .array(RelatedArticleSchema)
      .meta({ description: "Other articles worth offering next to an answer." }),
    candidates: z
      .array(RelatedArticleSchema)
      .meta({ description: "When unsure: the closest provisions, to offer as “您是不是想问…” buttons." }),
    elsewhere: z.array(CitationSchema).meta({
      description:
        "Provisions of other loaded laws, offered when the home law does not cover the question: information, never the local rule.",
    }),
    contacts: z
      .array(ContactSchema)
      .meta({ description: "The city's offices for the departments named (from the contact directory)." }),
    context: ConversationContextSchema,
  })
  .meta({ id: "Answer" });
