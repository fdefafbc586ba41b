/** Follow-ups about the article of the previous answer: 下一条, 上一条, 原文, 那由哪个部门负责？ */
import { articleAnswer, plainAnswer, responsibilityAnswer } from "../answer/builders.js";
import { lawName, reply } from "../answer/replies.js";
import type { AnswerParts, ConversationContext } from "../answer/types.js";
import { composeContext, type Engine } from "./engine.js";

/** The kinds of follow-up. */
export type FollowUpFacet = "next" | "previous" | "fulltext" | "department";

/** Answers a follow-up on `context` (the previous answer's article). */
export function followUpAnswer(
  engine: Engine,
  facet: FollowUpFacet,
  context: ConversationContext,
  lang: "zh" | "en",
  question = "",
): AnswerParts {
  const ctx = composeContext(engine, lang);
  const law = context.lawId ? engine.lawById.get(context.lawId) : undefined;
  if (!law || context.article === undefined) {
    return plainAnswer("followup", false, reply("no_context", ctx), ctx, context, facet);
  }
  const step = facet === "next" ? 1 : facet === "previous" ? -1 : 0;
  const entry = engine.entryOf(law, context.article + step);
  if (!entry) {
    const key = step < 0 ? "first_article" : step > 0 ? "last_article" : "no_context";
    const lead = reply(key, ctx, { law: lawName(law.title, lang), count: law.articles.length });
    return plainAnswer("followup", false, lead, ctx, context, facet);
  }
  if (facet === "department") {
    return {
      ...responsibilityAnswer({ entry, matched: [], coverage: 1 }, question, ctx, []),
      intent: "followup",
      facet: "department",
    };
  }
  return articleAnswer(entry, ctx, "followup", facet);
}
