/**
 * Questions answered by searching the law: who is responsible, what it says about a topic, what a
 * term means, practical requests. The best article answers when it covers enough of the question;
 * otherwise the reply says the law does not cover it.
 */
import {
  notCovered,
  plainAnswer,
  relatedOf,
  responsibilityAnswer,
  topicAnswer,
  unsureAnswer,
  withElsewhere,
} from "../answer/builders.js";
import { roundConfidence } from "../answer/format.js";
import { structureAnswer } from "../answer/law-facts.js";
import { lawName, lawsName, reply } from "../answer/replies.js";
import type { AnswerParts, ConversationContext } from "../answer/types.js";
import type { Law } from "../law/types.js";
import type { SearchHit } from "../search/ranking.js";
import { asksForAmount, statesAmount } from "../understand/amounts.js";
import type { Classification } from "../understand/intent.js";
import { withLawTerms } from "../understand/law-terms.js";
import { analyzeQuery } from "../understand/query.js";
import { chapterNamed, findDefinition, isLocalLaw, withScope } from "../understand/scope.js";
import { composeContext, type Engine } from "./engine.js";

/**
 * At or above this coverage the best article answers the question. Measured on the resident sets
 * (bench/residents: A, C and D for tuning, B held out; the figures are pass rates): at 0.50 A 88.3%,
 * C 90.5%, D 76.5% (B 78.3%); at 0.45 A 91.6%, C 91.5%, D 78.2% (B 82.8%); at 0.40 A 93.5%, C 93.5%,
 * D 79.4% (B 84.7%), the answers still citing a right article in 93–97% of cases. Below 0.40 the
 * out-of-scope questions that share a topic word with the law start being answered. The dev and
 * paraphrase sets hold at 0.40 once practical requests (怎么交, the weather tomorrow) are recognised.
 * Re-measured with the later tuning sets E1 and F (951 questions over A, C, D, E1, F): 0.34 → 879
 * passed, 0.37 → 881, 0.40 → 879, 0.43 → 871 — flat from 0.34 to 0.40, so 0.40 stays (the set with
 * a third out of scope, F, is best from 0.40). With words' characters counting a little (units.ts
 * CHAR_CREDIT 0.2): 0.36 → 880, 0.38 → 881, 0.40 → 885, 0.42 → 883 — 0.40 again.
 */
export const MIN_CONFIDENCE = 0.4;

/**
 * From this coverage up to {@link MIN_CONFIDENCE} the bot is unsure: it says so and offers the
 * closest provisions ("您是不是想问…"). Below it, the law does not cover the question. On set A,
 * right articles start at 0.29 and every out-of-scope question but three (practical requests with a
 * topic word of the law) stays under 0.30.
 */
export const MIN_CANDIDATE = 0.3;

// A home answer below this coverage is at the low end: when another loaded law covers the question
// by ELSEWHERE_MARGIN more, the home law is taken not to cover it (公共数据授权运营: 0.41 from the
// seed's 数据 and 运营, against a data regulation that names it). 0.5 was the answer threshold
// before the resident sets lowered it to MIN_CONFIDENCE.
const FIRM_CONFIDENCE = 0.5;
// Another law's provision is offered from this coverage: 0.55, the threshold measured on the dev and
// paraphrase sets for whole-law coverage (other laws are not tuned on residents' words).
const ELSEWHERE_CONFIDENCE = 0.55;
const ELSEWHERE_MARGIN = 0.3;

// A related article covers at least this share of what the answer covers (and MIN_CANDIDATE): on the
// seed, 0.6 drops what food safety used to offer (安全生产, 警务, 网络安全: they share only 安全).
const RELATED_SHARE = 0.6;

// The closest provisions offered when unsure: few enough to read on a phone.
const MAX_CANDIDATES = 3;

/**
 * What the best hits of a search allow: answer (`firm` unless at the low end of coverage), or
 * offer the closest provisions (none: the law does not cover the question). Hits of the learned
 * ranking (the national laws, search/learned/) carry a confidence calibrated on real questions
 * from the public and its own levels; the others are judged by coverage, with levels measured on
 * the seed.
 */
interface Grade {
  answers: boolean;
  firm: boolean;
  closest: SearchHit[];
}

function gradeOf(hits: readonly SearchHit[]): Grade {
  const best = hits[0];
  const learned = best?.confidence;
  if (learned) {
    return {
      answers: learned.p >= learned.answerAt,
      firm: true,
      closest: learned.p >= learned.closestAt ? hits.slice(0, MAX_CANDIDATES) : [],
    };
  }
  return {
    answers: best !== undefined && best.coverage >= MIN_CONFIDENCE,
    firm: best !== undefined && best.coverage >= FIRM_CONFIDENCE,
    closest: hits.filter((h) => h.coverage >= MIN_CANDIDATE).slice(0, MAX_CANDIDATES),
  };
}

/**
 * The provision of another law worth offering beside a refusal, from the other laws' best hits:
 * the first, when it covers enough of the question. When the learned ranking ranked them, it has
 * chosen where to look (which law, which chapter: 拖欠工资 → the labour laws, not a coal-mine
 * regulation that also says 工资) and the one of its closest provisions that covers most of the
 * question is offered. Its confidence alone does not decide: it is calibrated on legal questions
 * from the public, and on a city's questions (opening hours, noodles, the weather) it is not
 * lower than on those it ranks right (seed sets with the national laws beside them).
 */
function offering(others: readonly SearchHit[]): SearchHit | undefined {
  const learned = others[0]?.confidence;
  let pick = others[0];
  if (learned) {
    if (learned.p < learned.closestAt) return undefined;
    for (const h of others) if (h.coverage > (pick?.coverage ?? 0)) pick = h;
  }
  return pick && pick.coverage >= ELSEWHERE_CONFIDENCE ? pick : undefined;
}

/** Where a search question is asked: the law it names, or the home laws. */
export interface SearchScope {
  law: Law;
  /** True when the question named the law (search only it). */
  named: boolean;
}

/** Answers a responsibility or topic question by searching. */
export function searchAnswer(
  engine: Engine,
  c: Classification,
  scope: SearchScope,
  text: string,
  lang: "zh" | "en",
  context: ConversationContext,
): AnswerParts {
  const ctx = composeContext(engine, lang);
  const scopeLaws = scope.named ? [scope.law] : engine.homeLaws;
  const lawTitles = lawsName(
    scopeLaws.map((l) => l.title),
    lang,
  );
  // "上海市数据条例里公共数据是什么": the law's name is gone, its 里 is not part of the term.
  const term = c.term?.replace(/^(里|中|的|里面|当中|关于|对)+/, "");
  const definition = c.facet === "definition" && term !== undefined && term !== "";
  if (definition) {
    const defined = findDefinition(term, scopeLaws, engine.entryOf, engine.containing);
    if (defined) return topicAnswer({ entry: defined, score: 1, coverage: 1, matched: [term] }, ctx, []);
  }
  const inLaws = (word: string) =>
    engine.containing
      ? engine.containing(word, scopeLaws).length > 0
      : scopeLaws.some((l) => l.articles.some((a) => a.text.includes(word)));
  const scoped = withScope(
    analyzeQuery(definition ? term : c.rest, engine.tokenizer, engine.vocabulary, engine.queryOptions),
    scopeLaws,
    { weights: engine.weights, localPlaces: engine.vocabulary.localPlaces, inLaws },
  );
  const query = withLawTerms(scoped, inLaws);
  const chapter = c.intent === "topic" && !definition ? chapterNamed(query, scope.law) : undefined;
  if (chapter !== undefined) return structureAnswer(scope.law, "chapter", chapter, ctx, engine.entryOf);
  const preferActors = c.intent === "responsibility";
  const hits = scope.named
    ? engine.searchLaw(query, scope.law, { limit: 6, preferActors })
    : engine.searchHome(query, { limit: 6, preferActors });
  const best = hits[0];
  if (c.facet === "task") {
    return plainAnswer("topic", false, reply("task", ctx, { law: lawTitles }), ctx, context, "task");
  }
  // Where, how, how much: the law names duties, not counters and fees. Say so, and offer the
  // article that touches the subject.
  const turnAway = (key: "practical" | "no_amount"): AnswerParts => ({
    ...plainAnswer("topic", false, reply(key, ctx, { law: lawTitles }), ctx, context, "practical"),
    related: best && best.coverage >= MIN_CANDIDATE ? relatedOf(hits, -1) : [],
  });
  // Local ordinances set duties, not counters and fees; national laws do answer how to apply for a
  // licence or what a late fee may be (10 of STARD's 1,222 training questions were turned away
  // as practical with the national laws as home).
  if (c.facet === "practical" && scopeLaws.every(isLocalLaw)) return turnAway("practical");
  // Another loaded law, as information: looked for when the home law does not answer, or answers
  // only at the low end, where a law that covers the question far better means the home law does not.
  const grade = gradeOf(hits);
  const lowAnswer = grade.answers && !grade.firm;
  const elsewhere =
    !scope.named && (!grade.answers || lowAnswer)
      ? offering(engine.searchOthers(query, { limit: MAX_CANDIDATES, preferActors }))
      : undefined;
  // "违反条例会罚款吗" asks about this ordinance: another law's better match does not outdo it.
  const asksThisLaw = /条例|这部法|本法|this (law|ordinance|regulation|rule)/.test(text);
  const outdone =
    lowAnswer &&
    !asksThisLaw &&
    elsewhere !== undefined &&
    elsewhere.coverage >= (best?.coverage ?? 0) + ELSEWHERE_MARGIN;
  if (!best || !grade.answers || outdone) {
    const closest = grade.closest;
    const refusal =
      closest.length > 0
        ? withLearnedConfidence(closest[0], unsureAnswer(ctx, lawTitles, closest, c.intent, context))
        : notCovered(ctx, lawTitles, c.intent, context);
    // Not in the home law: say what other loaded laws provide, as other laws — never as
    // the rule of the resident's own city.
    return elsewhere ? withElsewhere(refusal, elsewhere) : refusal;
  }
  // "视频能保存多久", "补贴多少钱": the article on the subject sets no number, so the law does not
  // answer; say so and offer that article. National laws are left to their ranking: their articles
  // do set amounts, and one without may be ranked above one with.
  if (asksForAmount(text) && !statesAmount(best.entry.article.text) && scopeLaws.every(isLocalLaw)) {
    return turnAway("no_amount");
  }
  // Related articles must come near the answer: food safety should not offer 安全生产 or 警务.
  const near = Math.max(MIN_CANDIDATE, RELATED_SHARE * best.coverage);
  const related = relatedOf(
    hits.slice(1).filter((h) => h.coverage >= near),
    best.entry.article.number,
  );
  if (c.intent === "responsibility") {
    const previous = engine.entryOf(best.entry.law, best.entry.article.number - 1);
    return withLearnedConfidence(best, responsibilityAnswer(best, text, ctx, related, previous));
  }
  if (!definition) return withLearnedConfidence(best, topicAnswer(best, ctx, related));
  // Asked what a term means, and the law does not define it: say so before quoting.
  const prefix = reply("undefined_term", ctx, { law: lawName(best.entry.law.title, lang), term });
  return { ...withLearnedConfidence(best, topicAnswer(best, ctx, related, prefix)), facet: "definition" };
}

/** An answer from a learned ranking states that ranking's confidence, not the coverage. */
function withLearnedConfidence(hit: SearchHit | undefined, parts: AnswerParts): AnswerParts {
  return hit?.confidence ? { ...parts, confidence: roundConfidence(hit.confidence.p) } : parts;
}
