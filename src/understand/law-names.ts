/**
 * Which law a question names: by its whole title ("上海市数据条例"), by a short form derived from
 * the title by rule ("民法典", "劳动合同法", "婚姻家庭编解释", "济南12345热线条例"), or by its
 * place ("大同的条例"). Never by an arbitrary piece of a title: a question about 行政… is not about
 * 《行政区划管理条例》. The name is then taken out of the question, so that a place name does not
 * count as a topic word ("北京到大同的高铁票" is not about the Datong ordinance).
 *
 * A question may also name a law that is not loaded ("劳动合同法第三十九条" with only a city's
 * ordinance): {@link detectUnloadedLaw} says which, so the answer can say it is not collected
 * rather than answer from another law.
 */
import type { Law } from "../law/types.js";
import { normalize } from "../text/normalize.js";

/** A law named in a question. */
export interface LawMention {
  law: Law;
  /** The words that named it. */
  matched: string;
  /** The question without them. */
  rest: string;
  /** "title" when a (short) title named it; "place" when only its city or province did. */
  by: "title" | "place";
}

/** The names a law can be called by. */
export interface LawNames {
  law: Law;
  /** The full title and its short forms, normalised, longest first. */
  titles: string[];
  /** Place names of a local law: "大同市", "大同" (empty for national laws). */
  places: string[];
  /** Two-character pieces of the title without place and kind: what a short name keeps. */
  coreBigrams: string[];
  /** For a numbered series ("…的解释（一）"): the number; a name shared by a series means its first. */
  ordinal?: number;
}

// Administrative suffixes of place names: 大同市 → 大同, 广东省 → 广东, 深圳经济特区 → 深圳.
const PLACE = /^([\u4e00-\u9fa5]{2,8}?)(?:经济特区|特别行政区|自治区|自治州|自治县|省|市|县|区)/;
const KIND = /(条例|办法|规定|规则|细则|决定)$/;
const PRC = "中华人民共和国";
// 最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）: the law, the part, the kind, the number.
const INTERPRETATION =
  /^(?:最高人民法院|最高人民检察院|最高人民法院、最高人民检察院)关于(?:适用)?《(?:中华人民共和国)?([^《》]+)》(.*?)(?:若干问题)?的(解释|规定)(?:\(([一二三四五六七八九十]+)\))?$/;
// 最高人民法院关于审理劳动争议案件适用法律问题的解释（一）.
const CASE_INTERPRETATION =
  /^最高人民法院关于审理(.+?)案件(?:具体)?适用法律(?:若干)?问题的解释(?:\(([一二三四五六七八九十]+)\))?$/;
const ORDINALS = "一二三四五六七八九十";
// A trailing note of the edition: (2018年修正文本), (2021), (试行).
const EDITION = /\((?:\d{4}[^()]*|试行|暂行)\)$/;
// A name ending in 法 runs on into a longer word here: 劳动法律, 民法典院… are not 劳动法, and 法规
// (regulations) is not 法 + 规定 (stipulates).
const RUNS_ON = /^(?:律|人|院|官|庭|学|制|治|理|规(?!定))/;

/**
 * The short forms residents use for a title, derived by rule: without 中华人民共和国; an
 * interpretation by its part and kind (婚姻家庭编解释, 民法典婚姻家庭编解释, 保险法司法解释(二)…);
 * a local law without its administrative suffix or filler words (大同智慧城市条例).
 */
export function shortForms(title: string, place?: RegExpExecArray | null): string[] {
  const names = new Set<string>();
  // 中华人民共和国宪法（2018年修正文本）, …规定（试行）: the edition is not part of the name.
  const plain = title.replace(EDITION, "");
  for (const t of new Set([title, plain])) {
    names.add(t);
    if (t.startsWith(PRC) && t.length > PRC.length + 1) names.add(t.slice(PRC.length));
    for (const n of interpretationNames(t)) names.add(n);
  }
  if (place) {
    const withoutPlace = title.slice(place[0].length);
    // 济南市12345市民服务热线条例 → 济南12345市民服务热线条例
    names.add(`${place[1]}${withoutPlace}`);
    // Filler words residents leave out: 促进, 管理, 市民服务 → 热线.
    const shorter = withoutPlace.replace(/(促进|管理|市民服务|服务)/g, "");
    if (shorter.length >= 4 && shorter !== withoutPlace) names.add(`${place[1]}${shorter}`);
    const core = withoutPlace.replace(KIND, "");
    if (core.length >= 4) names.add(`${place[1]}${core}`);
  }
  names.delete(title);
  return [...names];
}

/** Short forms of a judicial interpretation's title (none for other titles). */
function interpretationNames(title: string): string[] {
  const bases: string[] = [];
  let ordinal: string | undefined;
  const m = INTERPRETATION.exec(title);
  if (m) {
    const [, law, rawPart, kind] = m as unknown as [string, string, string, string];
    ordinal = m[4];
    const part = rawPart.replace(/^有关/, "");
    const kinds = kind === "解释" ? ["解释", "司法解释"] : ["司法解释"];
    for (const k of kinds) {
      bases.push(`${law}${part}${k}`);
      // The part alone names it only when it says something (婚姻家庭编, 担保制度), not 时间效力 in general.
      if (part.length >= 3) bases.push(`${part}${k}`);
    }
  }
  const c = CASE_INTERPRETATION.exec(title);
  if (c) {
    ordinal = c[2];
    bases.push(`${c[1]}司法解释`, `${c[1]}解释`, `${c[1]}案件司法解释`);
  }
  if (!ordinal) return bases;
  return bases.flatMap((b) => [b, `${b}(${ordinal})`, `${b}${ordinal}`]);
}

/** The names a law can be called by. */
export function namesOf(law: Law): LawNames {
  const title = normalize(law.title);
  const found = PLACE.exec(title);
  const place = found && issuedThere(law, found) ? found : null;
  const titles = [title, ...shortForms(title, place)].sort((a, b) => b.length - a.length);
  const places = place ? [place[0], place[1] as string] : [];
  const withoutPlace = place ? title.slice(place[0].length) : title;
  const core = withoutPlace.replace(KIND, "");
  const coreBigrams: string[] = [];
  for (let i = 0; i + 1 < core.length; i++) coreBigrams.push(core.slice(i, i + 2));
  const n = /\(([一二三四五六七八九十])\)$/.exec(title)?.[1];
  return { law, titles, places, coreBigrams, ...(n ? { ordinal: ORDINALS.indexOf(n) + 1 } : {}) };
}

/**
 * A title starts with a place only when the law was made there: its issuing body (or, without
 * one, its history) names the place. 行政区划管理条例 (国务院) does not start with a place.
 */
function issuedThere(law: Law, place: RegExpExecArray): boolean {
  const short = place[1] as string;
  if (law.author) return normalize(law.author).startsWith(short);
  return law.historyText.some((t) => normalize(t).includes(short));
}

/** Every name of every law, by its first two characters, for a scan of the question. */
interface NameIndex {
  names: LawNames[];
  byStart: Map<string, Array<{ name: string; owners: LawNames[] }>>;
}

const indexes = new WeakMap<readonly Law[], NameIndex>();

function nameIndex(laws: readonly Law[]): NameIndex {
  let index = indexes.get(laws);
  if (!index) {
    const names = laws.map(namesOf);
    const owners = new Map<string, LawNames[]>();
    for (const n of names) for (const t of n.titles) owners.set(t, [...(owners.get(t) ?? []), n]);
    const byStart = new Map<string, Array<{ name: string; owners: LawNames[] }>>();
    for (const [name, o] of owners) {
      const key = name.slice(0, 2);
      byStart.set(key, [...(byStart.get(key) ?? []), { name, owners: o }]);
    }
    index = { names, byStart };
    indexes.set(laws, index);
  }
  return index;
}

/** The law a name stands for when several share it: a preferred one, else the first of a series. */
function settle(owners: readonly LawNames[], preferred?: readonly Law[]): Law | undefined {
  if (owners.length === 1) return owners[0]?.law;
  const home = owners.filter((o) => preferred?.includes(o.law));
  if (home.length === 1) return home[0]?.law;
  // 婚姻家庭编解释 means the first of 婚姻家庭编的解释（一）、（二）.
  if (owners.every((o) => o.ordinal !== undefined)) return owners.find((o) => o.ordinal === 1)?.law;
  // The same law loaded twice (two folders, two versions): the first, as the corpus orders them.
  const title = owners[0]?.titles[0];
  return owners.every((o) => o.titles[0] === title) ? owners[0]?.law : undefined;
}

/** The longest law name in the question that stands for one law (and does not run on into a word). */
function titleMention(
  normalized: string,
  index: NameIndex,
  preferred?: readonly Law[],
): LawMention | undefined {
  let best: { law: Law; name: string } | undefined;
  for (let i = 0; i + 1 < normalized.length; i++) {
    for (const { name, owners } of index.byStart.get(normalized.slice(i, i + 2)) ?? []) {
      if (best && name.length <= best.name.length) continue;
      if (!normalized.startsWith(name, i)) continue;
      if (name.endsWith("法") && RUNS_ON.test(normalized.slice(i + name.length))) continue;
      const law = settle(owners, preferred);
      if (law) best = { law, name };
    }
  }
  return best ? mention(normalized, best.law, best.name, "title") : undefined;
}

/**
 * Finds the law a normalised question names, preferring the longest name, then a place that only
 * one law (or one of `preferred`) belongs to.
 */
export function detectLawMention(
  normalized: string,
  laws: readonly Law[],
  preferred?: readonly Law[],
): LawMention | undefined {
  const index = nameIndex(laws);
  return (
    titleMention(normalized, index, preferred) ??
    shortNameMention(normalized, index.names, preferred) ??
    placeMention(normalized, index.names, preferred)
  );
}

/** "大同的条例": a place that one law (or one of the preferred laws) belongs to. */
function placeMention(
  normalized: string,
  names: readonly LawNames[],
  preferred?: readonly Law[],
): LawMention | undefined {
  for (const n of names) {
    for (const p of n.places) {
      if (!normalized.includes(p)) continue;
      const sharing = names.filter((o) => o.places.includes(p));
      const law = sharing.length === 1 ? n.law : sharing.find((o) => preferred?.includes(o.law))?.law;
      if (law) {
        // "大同的条例" / "大同条例": the place and the word for "law" that goes with it.
        const withKind = new RegExp(`${escapeRegExp(p)}(?:的)?(?:这部|那部)?(?:地方性)?(?:条例|法规)?`);
        const matched = withKind.exec(normalized)?.[0] ?? p;
        return mention(normalized, law, matched, "place");
      }
    }
  }
  return undefined;
}

// Of the two-character pieces between the place and 条例, at least this share must be the title's.
const SHORT_NAME_SHARE = 0.5;

// "济南热线条例": a place, some words of the title, and the word for a law right after them.
const SHORT_NAME = /(?:的)?([\u4e00-\u9fa5a-z0-9]{1,14}?)(条例|办法|规定|细则)/;

/**
 * A short name: the place of a law, then words of its title, then 条例/办法/规定 — "济南热线条例",
 * "上海数据条例". The law whose title shares most two-character pieces with those words wins.
 */
function shortNameMention(
  normalized: string,
  names: readonly LawNames[],
  preferred?: readonly Law[],
): LawMention | undefined {
  let best: { law: Law; matched: string; score: number; home: boolean } | undefined;
  for (const n of names) {
    for (const p of n.places) {
      const at = normalized.indexOf(p);
      if (at < 0) continue;
      const m = SHORT_NAME.exec(normalized.slice(at + p.length));
      if (m?.index !== 0) continue;
      const words = (m as RegExpExecArray)[1] as string;
      const score = n.coreBigrams.filter((b) => words.includes(b)).length;
      // Mostly words of the title: "大同做智慧城市项目也得按这个条例" names no law, it asks whether
      // projects in 大同 must follow "this" one (3 of its 12 pieces are the title's).
      if (score === 0 || score < SHORT_NAME_SHARE * Math.max(words.length - 1, 1)) continue;
      const home = preferred?.includes(n.law) ?? false;
      if (!best || score > best.score || (score === best.score && home && !best.home)) {
        best = { law: n.law, matched: `${p}${(m as RegExpExecArray)[0]}`, score, home };
      }
    }
  }
  return best ? mention(normalized, best.law, best.matched, "title") : undefined;
}

function mention(normalized: string, law: Law, matched: string, by: LawMention["by"]): LawMention {
  const rest = normalized.replace(matched, " ").replace(/\s+/g, " ").trim();
  return { law, matched, rest, by };
}

// 《…》 names a law or document outright.
const QUOTED = /《([^《》]{2,60})》/g;
// 中华人民共和国…法: a national law, named in full.
const PRC_NAME = /中华人民共和国([\u4e00-\u9fa5]{1,20}?(?:法典|法))(?![律人院官庭学制治理]|规(?!定))/g;
// A name that ends in a law's kind and is cited with an article: 劳动合同法第三十九条, 刑法第20条.
const CITED_NAME =
  /([\u4e00-\u9fa5]{2,20}?(?:法典|法|条例|办法|规定|细则|解释))(?=第[一二三四五六七八九十百千零〇两\d]+条)/g;
// A law named by its short form alone, in running text: 网络安全法里…, 数据安全法什么时候施行. Only
// names of at least two characters before 法, and not the everyday words that end in 法 (方法, 说法…).
const BARE_LAW = /([\u4e00-\u9fa5]{2,16}?(?:法典|法))(?=[里中的第，,。？?\s是有对规怎什吗呢啥哪]|$)/g;
const NOT_A_LAW =
  /(?:方法|做法|说法|想法|看法|用法|手法|写法|算法|疗法|玩法|打法|违法|合法|非法|依法|守法|执法|犯法|不法|办法|立法|司法|语法|书法|魔法|兵法|无法|设法|没法|有法)$|什么|怎么|哪|啥/;
// "这个条例", "本法": the law of the conversation, not a name.
const GENERIC =
  /^(?:这个|这部|那个|那部|这|那|该|本|此|上述|相关|有关|其他|各)?(?:法律|法规|条例|办法|规定|细则|解释|法典|法)$/;
// Words that open a question but are not part of a name: 请问劳动合同法第三十九条.
const LEADING_FRAME =
  /^(?:请问|我想问|想问|问一下|一下|请|问|根据|依据|按照|依照|关于|对于|按|依|看|查|在|我|的)+/;

/**
 * The name of a law the question cites that is not loaded, if any — "劳动合同法" in
 * "劳动合同法第三十九条怎么理解" when only a city's ordinance is loaded — so the answer can say
 * that law is not collected instead of answering from another. Conservative by design: only a
 * name in 《》, a name starting 中华人民共和国, a name ending in a law's kind followed by 第N条, or a
 * short name ending in 法 (网络安全法) that is not an everyday word.
 */
export function detectUnloadedLaw(normalized: string, laws: readonly Law[]): string | undefined {
  const index = nameIndex(laws);
  const known = (name: string) => {
    const plain = name.startsWith(PRC) ? name.slice(PRC.length) : name;
    // A local law cited without its place (智慧城市促进条例 for 大同市智慧城市促进条例) is loaded.
    return index.names.some(
      (n) => n.titles.includes(name) || n.titles.includes(plain) || (n.titles[0] ?? "").endsWith(plain),
    );
  };
  // Each pattern needs a character most questions lack (《, 法, 第): without it, it is not run.
  const all = (pattern: RegExp, needs: boolean) => (needs ? [...normalized.matchAll(pattern)] : []);
  const hasLaw = normalized.includes("法");
  const candidates = [
    ...all(QUOTED, normalized.includes("《")).map((m) => m[1] as string),
    ...all(PRC_NAME, hasLaw).map((m) => m[1] as string),
    ...all(CITED_NAME, normalized.includes("第")).map((m) => (m[1] as string).replace(LEADING_FRAME, "")),
    ...all(BARE_LAW, hasLaw)
      .map((m) => (m[1] as string).replace(LEADING_FRAME, ""))
      .filter((name) => !NOT_A_LAW.test(name) && name.length >= 3),
  ];
  return candidates.find((c) => c.length >= 2 && !GENERIC.test(c) && !known(c) && !detectLawMention(c, laws));
}

/** Escapes the characters that have a meaning in a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
