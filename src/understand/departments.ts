/**
 * Who does what: the responsible bodies named in each article, and the duty directory built
 * from them (department → articles → duty sentence).
 *
 * Statutes name bodies in a few fixed shapes — "市、县（区）人民政府市场监督管理部门",
 * "市、县（区）公安机关", "开发区管委会", "本级人民代表大会常务委员会" — so a pattern over the
 * suffixes, trimmed of the verbs that precede a name, finds them without a list of departments.
 */
import type { Article, Law } from "../law/types.js";

/** One body named in an article. */
export interface DepartmentMention {
  /** As written, with its level: "市、县（区）人民政府市场监督管理部门". */
  name: string;
  /** Without the administrative level, the key of the directory: "市场监督管理部门". */
  canonical: string;
  /** "actor" when the body is the subject of a duty in the article; "mentioned" otherwise. */
  role: "actor" | "mentioned";
  /** The sentence of the article that names it. */
  duty: string;
}

// Administrative levels that prefix a body. Composite forms first, so "市、县（区）" is one level.
const LEVEL =
  "(?:县、区|区、县|县（市、区）|县级以上地方各级|县级以上各级|县级以上|设区的市|市、县（区）|市、县\\(区\\)|县（市、区）|区、县（自治县）|区县（自治县）|市、区（县）|区、县|市、区|市、县|省、市|各级|本级|上级|乡镇|省|市|县（区）|县|区|乡|镇)";
const SUFFIX =
  "(?:人民代表大会常务委员会|人民政府常务会议|主管部门|管理部门|行政部门|职能部门|相关部门|有关部门|部门|公安机关|司法机关|机关|管委会|管理委员会|常务委员会|常务会议|办公厅|办公室|工作机构|管理机构|人民代表大会|人民政府)";
// A government's own department first ("…人民政府市场监督管理部门"), so that it is not cut in two
// at "人民政府"; its name may not run through the verb that follows a government ("…人民政府应当…").
const OWN_NAME =
  "(?:(?!应当|应(?!急)|可以|负责|组织|会同|按照|依法|将|对|在|把|根据|统筹)[\\u4e00-\\u9fa5]){0,16}?";
const OWN_SUFFIX = SUFFIX.replace("人民代表大会常务委员会|人民政府常务会议|", "常务会议|").replace(
  "|人民代表大会|人民政府",
  "",
);
const MENTION = new RegExp(
  `${LEVEL}?人民政府${OWN_NAME}${OWN_SUFFIX}|${LEVEL}?[\\u4e00-\\u9fa5]{0,16}?${SUFFIX}`,
  "g",
);
const LEADING_LEVEL = new RegExp(`^${LEVEL}`);
const FALSE_LEVEL = /^(?:市场|市政|市容|市民|市级|区域|县域|乡村|镇村|省级)/;
// Verb phrases and quantifiers that end up before 部门 without naming a body ("叠加各部门", "跨部门").
const NOT_A_NAME =
  /^(?:叠加|完善|促进|整合|建立|推进|加强|实现|提高|统筹|协调|各|跨|全|本|两级|多)|两级|和跨/;
// Words that stand before a name but are not part of it. Single characters only count when a
// level follows ("报市智慧城市主管部门"), so that 经济、对外、为民 inside names survive.
const BOUNDARY = new RegExp(
  `(?:应当|可以|负责|会同|组织|按照|依照|配合|指导|督促|协调|依法|根据|支持|鼓励|引导|通过|提请|委托|授权|要求|协助|以及|或者|建立|推进|加强|做好|实行|设立|[由向经报对将并及与给受]|其他)(?=${LEVEL}|人民|其他|国家|有关|相关|政府|$)|(?:是指|承担|需要|属于|包括|涉及|应当|可以|负责|会同|组织|按照|依照|配合|指导|督促|协调|依法|根据|提请|委托|授权|协助|以及|或者)`,
  "g",
);
// What follows a body when it is the subject of a duty.
const DUTY_VERB =
  /^(?:应当|应|负责|可以|要|依法|按照|依照|会同|统筹|组织|建立|推进|加强|做好|制定|编制|指导|监督|履行|根据|在|对|将|采取|结合|鼓励|支持|引导)/;
// Generic words that are not bodies on their own.
const NOT_A_BODY =
  /^(?:部门|机关|有关部门|相关部门|职能部门|主管部门|管理部门|行政部门|人民代表大会|有关机关|相关机关|国家机关|行政机关|有关国家机关)$/;

/** Strips the level and the government prefix: "市、县（区）人民政府市场监督管理部门" → "市场监督管理部门". */
export function canonicalDepartment(name: string): string {
  const level = LEADING_LEVEL.exec(name)?.[0] ?? "";
  // 市场监督管理部门 starts with 市 but has no level: a one-character level that forms a word
  // with what follows is part of the name.
  const keepsLevel = level.length === 1 && FALSE_LEVEL.test(name);
  const bare = (keepsLevel ? name : name.slice(level.length)).replace(/^人民政府(?=.)/, "");
  // A government keeps its level: 市人民政府 and 县人民政府 are different bodies.
  if (bare === "人民政府" || bare === "" || /^(?:办公厅|办公室)$/.test(bare)) return name;
  // The police are one body whether a law writes 公安机关 or 公安部门.
  if (/^公安(?:部门|机关部门)$/.test(bare)) return "公安机关";
  return bare;
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。；;])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// "由公安机关", "并会同市公安部门", "向监管部门": a verb before a body. No body's name starts with
// 由 or 会同 (向阳区 is the one place name that starts with 向).
const VERB_BEFORE_BODY = /^(?:并?会同|提交|由|向(?!阳))(?=[\u4e00-\u9fa5]{3,})/;

function trimName(raw: string): string {
  let cut = 0;
  for (const m of raw.matchAll(BOUNDARY)) cut = Math.max(cut, m.index + m[0].length);
  let name = raw.slice(cut);
  // 经/由/向/在/为 before a name only when a level follows: 经济和信息化部门 keeps its 经.
  name = name
    .replace(/^(?:的|和|等|及|或)+/, "")
    .replace(VERB_BEFORE_BODY, "")
    .replace(new RegExp(`^(?:经|由|向|在|为)(?=${LEVEL}|人民|本级)`), "");
  return name;
}

/**
 * Finds the bodies an article names, actors (subjects of a duty) first.
 * Where an article names no specific department, the people's government at its start is the actor.
 */
export function extractDepartments(article: Article): DepartmentMention[] {
  const found = new Map<string, DepartmentMention>();
  for (const sentence of splitSentences(article.text)) {
    for (const m of sentence.matchAll(MENTION)) {
      let name = trimName(m[0]);
      const end = m.index + m[0].length;
      // "发展改革、规划和自然资源、公安等部门": each listed body is a department of its own.
      const listed = /^(.*?)等(部门|单位|机关)$/.exec(name);
      const names: string[] = [];
      if (listed) {
        const head = sentence.slice(0, m.index + m[0].length - name.length);
        const items = `${head}${listed[1]}`.split(/[、，,]/).reverse();
        const collected: string[] = [];
        for (const [k, item] of items.entries()) {
          const clean = k === items.length - 1 || /[。；：，]/.test(item) ? trimName(item) : item;
          if (!/^[\u4e00-\u9fa5]{2,12}$/.test(clean)) {
            const tail = trimName(clean.replace(/.*?(组织|会同|协调)/, ""));
            if (/^[\u4e00-\u9fa5]{2,12}$/.test(tail)) collected.push(tail);
            break;
          }
          collected.push(clean);
          if (k > 0 && item !== clean) break;
        }
        names.push(...collected.reverse().map((n) => `${n.replace(VERB_BEFORE_BODY, "")}${listed[2]}`));
        name = "";
      } else {
        names.push(name);
      }
      for (const written of names) {
        // A meeting (常务会议) is where a body decides, not a body with duties: name the body.
        const n = written.replace(/(?<=人民政府)常务会议$/, "");
        const start = sentence.indexOf(n);
        if (
          n.length < 3 ||
          /会议$/.test(n) ||
          NOT_A_BODY.test(canonicalDepartment(n)) ||
          NOT_A_NAME.test(canonicalDepartment(n))
        )
          continue;
        if (/^(?:间|之间)/.test(sentence.slice(start + n.length))) continue;
        const before = sentence.slice(0, start);
        const after = sentence.slice(start + n.length);
        const isSubject =
          !listed &&
          (before === "" || /[，,：:]$/.test(before)) &&
          DUTY_VERB.test(after.replace(/^(?:和|、)/, ""));
        const role: DepartmentMention["role"] = isSubject ? "actor" : "mentioned";
        const key = canonicalDepartment(n);
        const previous = found.get(key);
        if (!previous) found.set(key, { name: n, canonical: key, role, duty: sentence });
        else if (role === "actor" && previous.role !== "actor")
          found.set(key, { ...previous, role, duty: sentence });
      }
      void end;
    }
  }
  const all = [...found.values()];
  // Drop a bare government when a specific department of it is named in the same article
  // ("市、县（区）人民政府市场监督管理部门" already says whose department it is).
  const specific = all.filter((d) => !(d.canonical.endsWith("人民政府") && d.role === "mentioned"));
  const result = specific.length > 0 ? specific : all;
  return result.sort((a, b) => (a.role === b.role ? 0 : a.role === "actor" ? -1 : 1));
}

/** One duty of a department: where it is written and what it says. */
export interface Duty {
  lawId: string;
  lawTitle: string;
  article: number;
  label: string;
  /** The sentence that names the department. */
  duty: string;
  role: DepartmentMention["role"];
}

/** A department and everything the loaded laws make it do. */
export interface DirectoryEntry {
  department: string;
  /** The names as written in the laws (with levels). */
  names: string[];
  duties: Duty[];
}

/**
 * Builds the duty directory of the given laws: one entry per department (canonical name),
 * most duties first. `mentionsOf` supplies each article's departments (already extracted).
 */
export function buildDirectory(
  laws: Law[],
  mentionsOf: (law: Law, article: Article) => DepartmentMention[],
): DirectoryEntry[] {
  const byName = new Map<string, DirectoryEntry>();
  for (const law of laws) {
    for (const article of law.articles) {
      for (const d of mentionsOf(law, article)) {
        let entry = byName.get(d.canonical);
        if (!entry) {
          entry = { department: d.canonical, names: [], duties: [] };
          byName.set(d.canonical, entry);
        }
        if (!entry.names.includes(d.name)) entry.names.push(d.name);
        entry.duties.push({
          lawId: law.id,
          lawTitle: law.title,
          article: article.number,
          label: article.label,
          duty: d.duty,
          role: d.role,
        });
      }
    }
  }
  return [...byName.values()].sort(
    (a, b) => b.duties.length - a.duties.length || a.department.localeCompare(b.department, "zh"),
  );
}
