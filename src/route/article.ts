/** Questions that name their article: 第三十条, article 30, 第三十条由谁负责. */
import { articleAnswer, plainAnswer, responsibilityAnswer } from "../answer/builders.js";
import { lawName, reply } from "../answer/replies.js";
import type { AnswerParts, ConversationContext, IntentName } from "../answer/types.js";
import { toChineseNumber } from "../law/numerals.js";
import type { Law } from "../law/types.js";
import { composeContext, type Engine } from "./engine.js";

/** What an article request names. */
export interface ArticleRequest {
  law: Law;
  article: number;
  /** 第N条之`sub`. */
  sub?: number;
  intent?: IntentName;
  /** The question, for ranking the departments of a responsibility request. */
  question?: string;
}

/** The article asked for, quoted whole (or its department), or "the law has no such article". */
export function articleRequestAnswer(
  engine: Engine,
  request: ArticleRequest,
  lang: "zh" | "en",
  context: ConversationContext = {},
): AnswerParts {
  const ctx = composeContext(engine, lang);
  const { law, article: n, sub } = request;
  const entry = engine.entryOf(law, n, sub);
  const intent = request.intent ?? "article_lookup";
  if (!entry) {
    const asked = `${n <= 9999 && lang !== "en" ? toChineseNumber(n) : n}${sub ? `条之${toChineseNumber(Math.min(sub, 9999))}` : ""}`;
    const lead = reply("no_article", ctx, {
      law: lawName(law.title, lang),
      count: law.articles.length,
      n: asked,
    });
    return plainAnswer(intent, false, lead, ctx, context);
  }
  if (intent === "responsibility")
    return responsibilityAnswer({ entry, matched: [], coverage: 1 }, request.question ?? "", ctx, []);
  return articleAnswer(entry, ctx);
}
