/**
 * Which law a question names: by full title ("上海市数据条例"), short name ("济南12345热线条例",
 * "数据条例") or place ("大同的条例"). The name is then taken out of the question, so that a place
 * name does not count as a topic word ("北京到大同的高铁票" is not about the Datong ordinance).
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

// Administrative suffixes of place names: 大同市 → 大同, 广东省 → 广东, 深圳经济特区 → 深圳.
const PLACE = /^([\u4e00-\u9fa5]{2,8}?)(?:经济特区|特别行政区|自治区|自治州|自治县|省|市|县|区)/;
// Titles that start with these words do not start with a place: 关于市人民政府…的决定.
const NOT_A_PLACE = /^(关于|中华|全国|国家|本市|本省|各级|县级|市级|省级|地方|实施|若干|促进)/;
const KIND = /(条例|办法|规定|规则|细则|决定)$/;

interface LawNames {
  law: Law;
  /** Full and shortened titles, normalised, longest first. */
  titles: string[];
  /** Place names: "大同市", "大同". */
  places: string[];
  /** Two-character pieces of the title without place and kind: what a short name keeps. */
  coreBigrams: string[];
}

const cache = new WeakMap<readonly Law[], LawNames[]>();

/** The names a law can be called by. */
export function namesOf(law: Law): LawNames {
  const title = normalize(law.title);
  const titles = new Set<string>([title]);
  const found = PLACE.exec(title);
  const place = found && !NOT_A_PLACE.test(found[1] as string) ? found : null;
  const withoutPlace = place ? title.slice(place[0].length) : title;
  const core = withoutPlace.replace(KIND, "");
  if (place) {
    // 济南市12345市民服务热线条例 → 济南12345市民服务热线条例
    titles.add(`${place[1]}${withoutPlace}`);
  }
  // Drop filler words residents leave out: 促进, 管理, 市民服务 → 热线.
  const shorter = withoutPlace.replace(/(促进|管理|市民服务|服务)/g, "");
  if (shorter.length >= 4 && shorter !== withoutPlace) {
    if (place) titles.add(`${place[1]}${shorter}`);
  }
  if (core.length >= 4 && place) titles.add(`${place[1]}${core}`);
  const places: string[] = [];
  if (place) places.push(place[0], place[1] as string);
  const coreBigrams: string[] = [];
  for (let i = 0; i + 1 < core.length; i++) coreBigrams.push(core.slice(i, i + 2));
  return { law, titles: [...titles].sort((a, b) => b.length - a.length), places, coreBigrams };
}

/**
 * Finds the law a normalised question names, preferring the longest title, then a place that only
 * one law (or one of `preferred`) belongs to.
 */
export function detectLawMention(
  normalized: string,
  laws: readonly Law[],
  preferred?: readonly Law[],
): LawMention | undefined {
  let names = cache.get(laws);
  if (!names) {
    names = laws.map(namesOf);
    cache.set(laws, names);
  }
  let best: { names: LawNames; matched: string } | undefined;
  for (const n of names) {
    for (const t of n.titles) {
      if (normalized.includes(t) && (!best || t.length > best.matched.length))
        best = { names: n, matched: t };
    }
  }
  if (best) return mention(normalized, best.names.law, best.matched, "title");
  const short = shortNameMention(normalized, names, preferred);
  if (short) return short;
  for (const n of names) {
    for (const p of n.places) {
      if (!normalized.includes(p)) continue;
      const sharing = names.filter((o) => o.places.includes(p));
      const law =
        sharing.length === 1
          ? n.law
          : (sharing.find((o) => preferred?.includes(o.law))?.law ??
            (sharing.length > 0 ? undefined : n.law));
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
      if (score === 0) continue;
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

/** Escapes the characters that have a meaning in a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
