/**
 * Language rules about the law a question is asked of: words that only repeat the law's title,
 * what is left of a question after a pattern about the law itself, a question that is a chapter's
 * title, and the article that defines a term.
 */
import type { Law } from "../law/types.js";
import type { IndexedArticle } from "../search/entry.js";
import { normalize } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { escapeRegExp } from "./law-names.js";
import { type AnalyzedQuery, analyzeQuery, type QueryUnit } from "./query.js";
import type { Vocabulary } from "./vocabulary.js";
import type { WordWeights } from "./word-weights.js";

// What the law's title says is what every article is about: "在智慧城市里" narrows nothing in the
// 智慧城市促进条例. Such words count half, as long as the question has other words (0.5: the dev and
// paraphrase sets pass from 0.4 to 0.5).
const SCOPE_EMPHASIS = 0.5;

const scopeTitles = new WeakMap<Law, string>();

/** A law's title without its kind word, normalised once per law (it is asked for every question). */
function scopeTitle(law: Law): string {
  let title = scopeTitles.get(law);
  if (title === undefined) {
    title = normalize(law.title).replace(/(条例|办法|规定)$/, "");
    scopeTitles.set(law, title);
  }
  return title;
}

// The place a local law is named for: 大同市 of 大同市智慧城市促进条例.
const TITLE_PLACE = /^(\p{Script=Han}{2,8}?)(市|省|县|区|自治区|自治州)/u;
// National laws, regulations and interpretations, whatever place words their titles hold
// (中华人民共和国城市房地产管理法).
const NATIONAL_TITLE = /^(中华人民共和国|全国人民代表大会|国务院|最高人民法院|最高人民检察院)/u;

/** Whether a law is a local one: its title names the place it was issued for (大同市…条例). */
export function isLocalLaw(law: Law): boolean {
  return !NATIONAL_TITLE.test(law.title) && TITLE_PLACE.test(scopeTitle(law));
}

// A question's words that name the law's own place say where, not what: they count next to nothing.
const PLACE_EMPHASIS = 0.1;

/** What {@link withScope} knows of places beyond the laws' titles. */
export interface PlaceKnowledge {
  /** Tells a place name (灵丘县, 太原) from other words. */
  weights?: Pick<WordWeights, "isPlaceName">;
  /** Places within or around the laws' own place (the vocabulary's local_places). */
  localPlaces?: ReadonlySet<string>;
  /**
   * Whether the laws' text holds the word: a word they use (开发区, 智慧城市 — 市 ends it) is
   * theirs, whatever its shape.
   */
  inLaws?: (word: string) => boolean;
}

// A place name without its administrative suffix: 灵丘县 and 灵丘 are one place.
const PLACE_SUFFIX = /(省|市|县|区|自治区|自治州)$/u;

/**
 * Lowers the weight of question words that only repeat the title of the law being searched, and
 * more of those that name the law's own place or a local one ("which department is in charge of smart city in
 * Datong" asks about the smart city, in 大同). A place neither the law's own nor one of the local
 * places (太原 to a Datong ordinance) weighs in full: the question is about somewhere the law does
 * not govern, and an article that does not name it does not answer it.
 */
export function withScope(
  query: AnalyzedQuery,
  laws: readonly Law[],
  places: PlaceKnowledge = {},
): AnalyzedQuery {
  const titles = laws.map(scopeTitle);
  const own = laws.flatMap((l) => {
    const m = TITLE_PLACE.exec(scopeTitle(l));
    return m ? [m[0], m[1] as string] : [];
  });
  const inTitle = (text: string) => text.length >= 2 && titles.some((t) => t.includes(text));
  const foreign = (u: QueryUnit) => !inTitle(u.text) && isForeignPlace(u, own, places);
  // A local place (浑源 to a Datong ordinance) says where, as the law's own place does: resident set
  // G1 108 → 109 of 120, the other tuning sets unchanged.
  const weight = (text: string) =>
    own.includes(text) || isLocalPlace(text, places) ? PLACE_EMPHASIS : inTitle(text) ? SCOPE_EMPHASIS : 1;
  if (!query.units.some((u) => u.known && weight(u.text) === 1)) {
    // Only words of the title: the place still says less than the rest.
    if (!query.units.some((u) => u.known && !own.includes(u.text))) return query;
    return {
      ...query,
      units: query.units.map((u) =>
        own.includes(u.text) ? { ...u, emphasis: u.emphasis * PLACE_EMPHASIS } : u,
      ),
    };
  }
  return {
    ...query,
    units: query.units.map((u) =>
      foreign(u)
        ? { ...u, emphasis: 1 }
        : weight(u.text) < 1
          ? { ...u, emphasis: u.emphasis * weight(u.text) }
          : u,
    ),
  };
}

// The local places without their suffixes (灵丘 for 灵丘县), made once per vocabulary's list rather
// than for every word of every question.
const bareLocalPlaces = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

/** Whether a word names one of the local places (灵丘 or 灵丘县 for 灵丘县). */
function isLocalPlace(text: string, places: PlaceKnowledge): boolean {
  const list = places.localPlaces;
  const bare = text.replace(PLACE_SUFFIX, "");
  if (!list || bare.length < 2) return false;
  let names = bareLocalPlaces.get(list);
  if (!names) {
    names = new Set([...list].map((p) => p.replace(PLACE_SUFFIX, "")));
    bareLocalPlaces.set(list, names);
  }
  return names.has(bare);
}

/** Whether a unit names a place other than the laws' own and the local places. */
function isForeignPlace(u: QueryUnit, own: readonly string[], places: PlaceKnowledge): boolean {
  if (u.from !== "zh" || !places.weights || u.text.length < 2) return false;
  if (!places.weights.isPlaceName(u.text)) return false;
  const bare = u.text.replace(PLACE_SUFFIX, "");
  if (own.some((p) => p.replace(PLACE_SUFFIX, "") === bare) || isLocalPlace(u.text, places)) return false;
  return !(places.inLaws?.(u.text) ?? false);
}

// A leftover word at least this topical is a subject of its own ("发展规划由谁审议通过" asks about a
// plan); below it, the talk around a question (这个, 到底, 看到): 0.5 is the middle of the range that
// keeps every metadata, structure and follow-up question of the dev and paraphrase sets.
const CONTENT_TOPICALITY = 0.5;

// Kinds of area rather than named places: where a question about the law's reach asks about
// ("县里也归这个条例管吗，还是光管市区", "我住乡下"), as a place name would be.
const AREA =
  /^(?:(?:县|区|市|省|乡|镇|村|城)(?:里|内|外|里头|里面|上)|市区|城区|郊区|县城|乡下|农村|乡村|山区|城乡|全市|全县|全省|本地|当地|外地)$/u;

/**
 * A test of whether a leftover question part says nothing beyond "the law" itself: what is left of
 * "条例由谁批准" after its pattern is 条例; of "这个条例到底改过没有", talk; of "发展规划由谁审议通过",
 * 发展规划 — a real subject.
 */
export function createAboutTheLaw(
  tokenizer: Tokenizer,
  vocabulary: Vocabulary,
  weights?: WordWeights,
): (residual: string) => boolean {
  return (residual) =>
    analyzeQuery(residual, tokenizer, vocabulary, { ...(weights ? { weights } : {}) }).units.filter(
      (u) =>
        // An English word the glossary does not know says nothing we could check ("in total").
        (u.from === "zh" || u.known) &&
        u.text.length > 1 &&
        !vocabulary.lawWords.has(u.text) &&
        !(weights?.isPlace(u.text) ?? false) &&
        !AREA.test(u.text) &&
        // A word with synonyms is as topical as the law's word for it (警察 → 公安).
        Math.max(...[u.text, ...u.expansions].map((t) => weights?.topicality(t) ?? 1)) >= CONTENT_TOPICALITY,
    ).length === 0;
}

// Each law's chapter titles, normalised once: normalising them for every topic question (opencc
// on each title) was 4% of the engine's time on the bench questions.
const chapterTitles = new WeakMap<Law, ReadonlyMap<string, number>>();

function chapterTitlesOf(law: Law): ReadonlyMap<string, number> {
  let titles = chapterTitles.get(law);
  if (!titles) {
    const map = new Map<string, number>();
    for (const c of law.chapters) {
      const title = c.title === "" ? "" : normalize(c.title);
      // The first chapter of a title wins, as a search from the start would find it.
      if (title !== "" && !map.has(title)) map.set(title, c.number);
    }
    titles = map;
    chapterTitles.set(law, titles);
  }
  return titles;
}

/** A topic question that is just a chapter's title ("附则", "智慧民生") asks for that chapter. */
export function chapterNamed(query: AnalyzedQuery, law: Law): number | undefined {
  const words = query.units
    .map((u) => u.text)
    .filter((w) => !/^(章|部分|一章|这一章)$/.test(w))
    .join("");
  if (!words) return undefined;
  return chapterTitlesOf(law).get(words);
}

/**
 * The article that defines a term: "本条例所称X，是指…", "X，是指…", "X是指…" in one of the laws.
 * `containing` (the search engine's) gives the articles that contain the term at all, so that a
 * question does not read every article of 55,000; without it every article is tested.
 */
export function findDefinition(
  term: string,
  laws: readonly Law[],
  entryOf: (law: Law, n: number, sub?: number) => IndexedArticle | undefined,
  containing?: (text: string, laws: readonly Law[]) => readonly IndexedArticle[],
): IndexedArticle | undefined {
  const t = escapeRegExp(term);
  const pattern = new RegExp(`所称(的)?${t}|(^|[，。；、\n（()）])${t}[，,]?(是指|指的是|系指)`);
  if (containing) return containing(term, laws).find((entry) => pattern.test(entry.normalized));
  for (const law of laws) {
    for (const a of law.articles) {
      // The entry's normalised text is computed once and kept, not again for every question.
      const entry = entryOf(law, a.number, a.sub);
      if (entry && pattern.test(entry.normalized)) return entry;
    }
  }
  return undefined;
}
