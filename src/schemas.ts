/**
 * The JSON Schemas of the public types, generated from the same zod schemas the types are derived
 * from (answer/schema.ts), for documents such as the HTTP API's OpenAPI. A second entry beside
 * mod.ts because it loads zod, which the engine itself never needs.
 */
import { z } from "zod";
import {
  AnswerSchema,
  CitationSchema,
  ContactSchema,
  ConversationContextSchema,
  RelatedArticleSchema,
} from "./answer/schema.js";

/** JSON Schema (2020-12) of each public type, by name, referring to one another as `${prefix}${name}`. */
export function answerJsonSchemas(prefix = "#/components/schemas/"): Record<string, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of [
    [CitationSchema, "Citation"],
    [RelatedArticleSchema, "RelatedArticle"],
    [ContactSchema, "Contact"],
    [ConversationContextSchema, "ConversationContext"],
    [AnswerSchema, "Answer"],
  ] as const) {
    registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `${prefix}${id}` });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // Inside an OpenAPI document a component is identified by where it is, not by $id.
    const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
    out[id] = rest;
  }
  return out;
}
