/**
 * Answers about the law itself: when it takes effect, who passed and approved it, its purpose,
 * whether it is in force, its amendments, its chapters. The text of the law is the first source;
 * front matter and the history note are named as such where they say something else.
 */
import { toChineseNumber } from "../law/numerals.js";
import type { Article, Law } from "../law/types.js";
import type { IndexedArticle } from "../search/entry.js";
import { citationOf, plainAnswer } from "./builders.js";
import { articleRange, chineseDate, citationLine, gistOf, historySentence } from "./format.js";
import type { ComposeContext } from "./replies.js";
import type { AnswerParts, Citation } from "./types.js";

type EntryOf = (law: Law, article: number) => IndexedArticle | undefined;

/** The article that says when the law takes effect (本条例自…起施行). */
export function effectiveArticle(law: Law): Article | undefined {
  return [...law.articles].reverse().find((a) => /自.{2,40}?(起)?(施行|生效)|施行/.test(a.text));
}

function withCitations(base: AnswerParts, lead: string, citations: Citation[], extra = ""): AnswerParts {
  const first = citations[0];
  return {
    ...base,
    lead,
    citations,
    quote: first ? first.quote : null,
    source: first ? citationLine(first) : null,
    notes: extra ? [extra] : [],
    ...(first ? { context: { lawId: first.lawId, article: first.article } } : {}),
  };
}

/** A fact answer: the lead and, where there is one, a note under it. */
function withNote(base: AnswerParts, lead: string, note = ""): AnswerParts {
  return { ...base, lead, notes: note ? [note] : [] };
}

function amendmentNote(law: Law, lang: "zh" | "en"): string {
  const amended = law.history.filter((e) => e.action === "修正" || e.action === "修订");
  if (amended.length === 0) return "";
  if (lang === "en") {
    return `Note: the law was later amended (${amended.map((e) => e.date).join(", ")})${law.dates.effective ? `; the national database gives ${law.dates.effective} as the effective date of the current text` : ""}. History: ${historySentence(law)}.`;
  }
  const dates = amended.map((e) => `${chineseDate(e.date)}${e.action}`).join("、");
  const eff = law.dates.effective
    ? `，国家法律法规数据库记载的现行文本生效日期为${chineseDate(law.dates.effective)}`
    : "";
  return `说明：条例此后经过${dates}${eff}；条文中的施行日期是条例最初的施行日期。立法沿革：${historySentence(law)}。`;
}

// A session of a body: its term (第十五届) and its meeting (第八次会议) are not part of the body's name.
const TERM = /第[一二三四五六七八九十百零〇\d]+届/g;
const MEETING = /第[一二三四五六七八九十百零〇\d]+次(?:全体)?会议$|(?:常务|全体)?会议$/;

/**
 * The body that held a session: "大同市第十五届人民代表大会常务委员会第八次会议" →
 * "大同市人民代表大会常务委员会"; "市人民政府常务会议" → "市人民政府". A name without a session stays.
 */
export function bodyOf(session: string): string {
  const body = session.replace(MEETING, "").replace(TERM, "");
  return body.length >= 2 ? body : session;
}

/** When the law takes effect: its own article first, else the database's date. */
function effectiveAnswer(
  law: Law,
  base: AnswerParts,
  ctx: ComposeContext,
  entryOf: EntryOf,
): AnswerParts | undefined {
  const en = ctx.lang === "en";
  const art = effectiveArticle(law);
  const entry = art ? entryOf(law, art.number) : undefined;
  if (entry && art) {
    const sentence = art.text.split(/(?<=。)/).find((s) => /施行|生效/.test(s)) ?? art.text;
    const cite = citationOf(entry, sentence);
    const date = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(sentence);
    const isoDate = date
      ? `${date[1]}-${(date[2] as string).padStart(2, "0")}-${(date[3] as string).padStart(2, "0")}`
      : "";
    const lead = en
      ? `${art.label} (article ${art.number}) of ${law.title} says it takes effect${date ? ` on ${isoDate} (${date[0]})` : ""}.`
      : `${citationLine(cite)}规定：${sentence}`;
    return withCitations(base, lead, [cite], amendmentNote(law, ctx.lang));
  }
  if (law.dates.effective) {
    const lead = en
      ? `The text has no article on when it takes effect; the national database gives ${law.dates.effective}.`
      : `条文中没有施行日期条款；法规数据库记载的生效日期为${chineseDate(law.dates.effective)}。`;
    return withNote(base, lead);
  }
  return undefined;
}

/** Answers a metadata question (facet: effective, approval, basis, validity, history, scope). */
export function metadataAnswer(law: Law, facet: string, ctx: ComposeContext, entryOf: EntryOf): AnswerParts {
  const en = ctx.lang === "en";
  const base = plainAnswer("metadata", true, "", ctx, {}, facet);
  switch (facet) {
    case "effective": {
      const answer = effectiveAnswer(law, base, ctx, entryOf);
      if (answer) return answer;
      break;
    }
    case "approval": {
      const passed = law.history.find((e) => e.action === "通过");
      const approved = law.history.filter((e) => e.action === "批准");
      if (passed || approved.length > 0 || law.author) {
        const parts: string[] = [];
        if (passed) parts.push(`${chineseDate(passed.date)}由${passed.body}通过`);
        if (approved[0]) parts.push(`${chineseDate(approved[0].date)}经${approved[0].body}批准`);
        let lead =
          parts.length > 0
            ? `《${law.title}》${parts.join("，")}。`
            : `《${law.title}》的制定机关是${law.author}。`;
        if (law.author && parts.length > 0) lead += `制定机关：${law.author}。`;
        if (en) {
          lead = `${law.title} was ${passed ? `passed on ${passed.date} by ${passed.body}` : `made by ${law.author}`}${approved[0] ? ` and approved on ${approved[0].date} by ${approved[0].body}` : ""}.`;
        }
        const note =
          law.history.length > 2
            ? en
              ? `History: ${historySentence(law)}.`
              : `立法沿革：${historySentence(law)}。`
            : "";
        return {
          ...withNote(base, lead, note),
          // The bodies, not their sessions: "第十五届…第八次会议" passed it, the standing committee is who.
          departments: [
            ...new Set([passed?.body, approved[0]?.body].filter((x): x is string => !!x).map(bodyOf)),
          ],
        };
      }
      break;
    }
    case "basis":
    case "scope": {
      const pattern =
        facet === "basis" ? /制定本条例|制定本办法|制定本规定/ : /适用本条例|适用本办法|适用本规定/;
      const art = law.articles.find((a) => pattern.test(a.text));
      const entry = art ? entryOf(law, art.number) : undefined;
      if (art && entry) {
        const cite = citationOf(entry);
        const lead = en
          ? `${art.label} (article ${art.number}) of ${law.title} states its ${facet === "basis" ? "purpose and legal basis" : "scope"}:`
          : `${citationLine(cite)}规定了条例的${facet === "basis" ? "立法目的和制定依据" : "适用范围"}：`;
        return withCitations(base, lead, [cite]);
      }
      break;
    }
    case "validity": {
      const status = law.status;
      const lead = en
        ? status
          ? `The national law database lists ${law.title} as: ${status}.`
          : `The source does not record whether ${law.title} is still in force; please check with the 12345 hotline.`
        : status
          ? `国家法律法规数据库中《${law.title}》的时效性为：${status}。`
          : `数据来源没有记载《${law.title}》目前是否有效，请以官方公布为准，或拨打${ctx.hotline}咨询。`;
      const history = historySentence(law);
      const note = history ? (en ? `History: ${history}.` : `立法沿革：${history}。`) : "";
      return { ...withNote(base, lead, note), answered: status !== null, confidence: status ? 1 : 0 };
    }
    case "source": {
      if (law.sourceUrl) {
        const lead = en
          ? `The official text of ${law.title} is in the national database of laws and regulations: ${law.sourceUrl}`
          : `《${law.title}》的官方文本可在国家法律法规数据库查阅：${law.sourceUrl}。您也可以回复“第X条”在这里看某一条的全文。`;
        return withNote(base, lead);
      }
      break;
    }
    case "history": {
      const note = historySentence(law);
      if (note) {
        const lead = en ? `History of ${law.title}: ${note}.` : `《${law.title}》的立法沿革：${note}。`;
        return withNote(base, lead);
      }
      break;
    }
  }
  const lead = en
    ? `The source of ${law.title} does not record this.`
    : `《${law.title}》的资料中没有记载这一信息。`;
  return { ...withNote(base, lead), answered: false, confidence: 0 };
}

function chapterLine(c: Law["chapters"][number]): string {
  return `${c.label}${c.title ? ` ${c.title}` : ""}（${articleRange(c.articles)}）`;
}

/** Answers a structure question (facet: count_chapters, count_articles, outline, chapter). */
export function structureAnswer(
  law: Law,
  facet: string,
  chapterNumber: number | undefined,
  ctx: ComposeContext,
  entryOf: EntryOf,
): AnswerParts {
  const en = ctx.lang === "en";
  const base = plainAnswer("structure", true, "", ctx, {}, facet);
  const chapters = law.chapters;
  if (facet === "chapter" && chapterNumber !== undefined && chapters.length === 0) {
    const lead = en
      ? `${law.title} is not divided into chapters; it has ${law.articles.length} articles.`
      : `《${law.title}》不分章，共${law.articles.length}条。`;
    return { ...withNote(base, lead), answered: false, confidence: 0, context: { lawId: law.id } };
  }
  if (facet === "chapter" && chapterNumber !== undefined) {
    const chapter = chapters.find((c) => c.number === chapterNumber);
    if (!chapter) {
      const lead = en
        ? `${law.title} has ${chapters.length} chapters; there is no chapter ${chapterNumber}.`
        : `《${law.title}》共${chapters.length}章，没有第${toChineseNumber(chapterNumber)}章。`;
      return { ...withNote(base, lead), answered: false, confidence: 0 };
    }
    const entries = chapter.articles.map((n) => entryOf(law, n)).filter((e): e is IndexedArticle => !!e);
    const lead = en
      ? `Chapter ${chapter.number} of ${law.title} (${chapter.title ? `${chapter.label} ${chapter.title}` : chapter.label}) has ${entries.length} articles (${articleRange(chapter.articles)}).`
      : `《${law.title}》${chapter.label}${chapter.title ? `“${chapter.title}”` : ""}共${entries.length}条（${articleRange(chapter.articles)}）：`;
    const list = entries.map((e) => `${e.article.label}　${gistOf(e.article, 40)}`).join("\n");
    const citations = entries.map((e) => citationOf(e, gistOf(e.article, 60)));
    return { ...withNote(base, lead, list), citations, context: { lawId: law.id } };
  }
  const outline = chapters.map(chapterLine).join("\n");
  const count = law.articles.length;
  let lead: string;
  if (en) {
    lead = `${law.title} has ${chapters.length} chapters and ${count} articles.`;
  } else if (chapters.length > 0) {
    lead = `《${law.title}》共${chapters.length}章${count}条。`;
  } else {
    lead = `《${law.title}》共${count}条，不分章。`;
  }
  return { ...withNote(base, lead, outline), context: { lawId: law.id } };
}
