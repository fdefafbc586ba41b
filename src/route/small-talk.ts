/** Greetings, thanks and help: replies about the bot, not from the law. */
import { plainAnswer } from "../answer/builders.js";
import { reply } from "../answer/replies.js";
import type { AnswerParts, ConversationContext } from "../answer/types.js";
import { composeContext, type Engine, homeName } from "./engine.js";

/** The greeting (or, when the resident says thanks, the reply to thanks). */
export function greetingAnswer(
  engine: Engine,
  lang: "zh" | "en",
  thanks = false,
  context: ConversationContext = {},
): AnswerParts {
  const ctx = composeContext(engine, lang);
  return plainAnswer(
    "greeting",
    true,
    reply(thanks ? "thanks" : "greeting", ctx, { law: homeName(engine, lang) }),
    ctx,
    context,
  );
}

/** What the bot can do, with examples. */
export function helpAnswer(
  engine: Engine,
  lang: "zh" | "en",
  context: ConversationContext = {},
): AnswerParts {
  const ctx = composeContext(engine, lang);
  const lead = reply("help", ctx, {
    law: homeName(engine, lang),
    example_responsibility: ctx.examples[0] as string,
    example_article: ctx.examples[1] as string,
    example_metadata: ctx.examples[2] as string,
  });
  return plainAnswer("help", true, lead, ctx, context);
}
