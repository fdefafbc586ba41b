/**
 * Question routing: a resident's text → normalised, the law it names, its intent → the route
 * that answers it. Plain functions of the {@link Engine}.
 */
import { plainAnswer } from "../answer/builders.js";
import { metadataAnswer, structureAnswer } from "../answer/law-facts.js";
import { lawName, reply } from "../answer/replies.js";
import type { AnswerParts, ConversationContext } from "../answer/types.js";
import type { Law } from "../law/types.js";
import { normalize } from "../text/normalize.js";
import { classify, type Slots } from "../understand/intent.js";
import { detectLawMention, detectUnloadedLaw } from "../understand/law-names.js";
import { detectLanguage } from "../understand/query.js";
import type { Correction } from "../understand/typos.js";
import { articleRequestAnswer } from "./article.js";
import { composeContext, type Engine, homeName } from "./engine.js";
import { type FollowUpFacet, followUpAnswer } from "./follow-up.js";
import { searchAnswer } from "./search.js";
import { greetingAnswer, helpAnswer } from "./small-talk.js";

/** Longest question accepted; longer input gets a "please be brief" reply, not a search. */
export const MAX_QUESTION_CHARS = 500;

/** Answers one question; `context` is what the conversation said before (for follow-ups). */
export function answerQuestion(
  engine: Engine,
  question: unknown,
  context: ConversationContext = {},
): AnswerParts {
  const raw = typeof question === "string" ? question : "";
  if (raw.length > MAX_QUESTION_CHARS) {
    const ctx = composeContext(engine, detectLanguage(normalize(raw.slice(0, 200))));
    return plainAnswer("topic", false, reply("too_long", ctx, { max: MAX_QUESTION_CHARS }), ctx, context);
  }
  const { text, corrections } = engine.correctTypos(normalize(raw));
  const parts = routeQuestion(engine, text, context);
  return corrections.length > 0 && parts.answered ? withReading(parts, corrections) : parts;
}

/** Says how a question with typos was read, so that a wrong reading is noticed. */
function withReading(parts: AnswerParts, corrections: Correction[]): AnswerParts {
  const en = parts.lang === "en";
  const read = corrections.map((c) => (en ? `"${c.from}" as "${c.to}"` : `“${c.from}”理解为“${c.to}”`));
  const note = en ? `(I read ${read.join(", ")}.)` : `（已将${read.join("、")}。）`;
  return { ...parts, notes: [note, ...parts.notes] };
}

/** Routes a normalised question to the answer of its kind. */
function routeQuestion(engine: Engine, normalized: string, context: ConversationContext): AnswerParts {
  const lang = detectLanguage(normalized);
  const home = engine.homeLaws[0] as Law;
  if (!/[\p{L}\p{N}]/u.test(normalized)) {
    const ctx = composeContext(engine, lang);
    return plainAnswer("topic", false, reply("empty", ctx, { law: lawName(home.title, lang) }), ctx, context);
  }

  const mention = detectLawMention(normalized, engine.laws, engine.homeLaws);
  const unloaded = mention ? undefined : detectUnloadedLaw(normalized, engine.laws);
  if (unloaded !== undefined) {
    // A law the question names that is not loaded: say so, never answer from another law.
    const ctx = composeContext(engine, lang);
    const lead = reply("not_loaded", ctx, { name: lawName(unloaded, lang), law: homeName(engine, lang) });
    return plainAnswer("topic", false, lead, ctx, context, "not_loaded");
  }
  const text = mention ? mention.rest : normalized;
  const contextLaw = context.lawId ? engine.lawById.get(context.lawId) : undefined;
  const c = classify(text, engine.vocabulary, engine.aboutTheLaw);
  // A follow-up stays with the law of the conversation; anything else goes to the law the
  // question names, else the home law.
  const law = mention?.law ?? (c.intent === "followup" ? contextLaw : undefined) ?? home;

  switch (c.intent) {
    case "greeting":
      return greetingAnswer(engine, lang, /谢|thank/.test(normalized), context);
    case "help":
      return helpAnswer(engine, lang, context);
    case "followup":
      return followUpAnswer(engine, (c.facet ?? "fulltext") as FollowUpFacet, context, lang, text);
    case "metadata":
      return metadataAnswer(law, c.facet ?? "effective", composeContext(engine, lang), engine.entryOf);
    case "structure":
      return structureAnswer(
        law,
        c.facet ?? "outline",
        chapterNumberOf(c.slots, law),
        composeContext(engine, lang),
        engine.entryOf,
      );
    case "article_lookup":
    case "responsibility":
    case "topic":
      if (c.slots.article !== undefined || c.slots.fromEnd !== undefined) {
        const article = articleNumberOf(c.slots, law);
        const request = { law, article, intent: c.intent, question: text };
        return articleRequestAnswer(
          engine,
          c.slots.sub ? { ...request, sub: c.slots.sub } : request,
          lang,
          context,
        );
      }
      return searchAnswer(engine, c, { law, named: mention !== undefined }, text, lang, context);
  }
}

/**
 * The article a question's slots point to in `law`: 第三十条 → 30; 最后一条, 倒数第二条 → counted from
 * the end (of the chapter when one is named); 第二章第一条 → the first article of chapter 2 when
 * article 1 is not in chapter 2 (laws number articles through, but people also count per chapter).
 */
export function articleNumberOf(slots: Slots, law: Law): number {
  const chapter =
    chapterNumberOf(slots, law) !== undefined
      ? law.chapters.find((c) => c.number === chapterNumberOf(slots, law))
      : undefined;
  const numbers = chapter ? chapter.articles : [...new Set(law.articles.map((a) => a.number))];
  if (slots.fromEnd !== undefined) {
    // Past the first article: asked for more than the law has; 0 makes "no such article".
    return numbers[numbers.length - slots.fromEnd] ?? 0;
  }
  const n = slots.article ?? 0;
  if (chapter && !chapter.articles.includes(n)) return chapter.articles[n - 1] ?? n;
  return n;
}

/** The chapter a question's slots point to: 第五章 → 5; 最后一章, 倒数第二章 → counted from the end. */
export function chapterNumberOf(slots: Slots, law: Law): number | undefined {
  if (slots.chapterFromEnd === undefined) return slots.chapter;
  return law.chapters[law.chapters.length - slots.chapterFromEnd]?.number ?? 0;
}
