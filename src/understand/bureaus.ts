/**
 * Everyday names of government bodies: residents say 城管局, 卫健委, 市监局, 公安局, 网信办 where the
 * law says 城市管理相关部门, 卫生健康主管部门, 市场监督管理部门, 公安机关. One rule for all of them,
 * not one entry per bureau: a word ending in 局/委/办/厅 names a body by a short form of its field;
 * the body the law names is the one whose name holds that short form's characters in order, from
 * its first character (市监 → 市场监督管理部门, 城管 → 城市管理…), or holds one of its synonyms
 * (环保 → 生态环境主管部门).
 */

/** A bureau name and what it may stand for. */
export interface BureauReading {
  /** The short form of the field: 城管 of 城管局. */
  stem: string;
  /** The bodies of the law it stands for (canonical names); empty when the law names none. */
  bodies: string[];
}

// 城管局, 卫健委, 网信办, 教育厅, 住建委员会, 大数据中心 is not one (中心 is a place, not a body).
const BUREAU = /^(\p{Script=Han}{1,6}?)(局|委员会|委|办公室|办|厅)$/u;
const BUREAU_ENDS = "局会委室办厅";
// Words ending in these characters that are not bodies.
const NOT_A_BUREAU =
  /^(?:结局|格局|布局|大局|全局|当局|邮局|开办|举办|兴办|创办|承办|主办|代办|包办|督办|申办|查办|停办|筹办|批办|难办|好办|怎么办|咋办|委|办)$/u;

/** True when `stem` reads as a short form of `name`: its characters in order, the first at the start. */
export function abbreviates(stem: string, name: string): boolean {
  if (name.includes(stem)) return true;
  if (stem[0] !== name[0]) return false;
  let at = 0;
  for (const ch of stem) {
    const found = name.indexOf(ch, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}

/**
 * Reads a word as a bureau name: its stem and the bodies of `bodies` (canonical department names
 * of the law) it stands for, via the stem itself or one of `synonymsOf(stem)`.
 */
export function readBureau(
  word: string,
  bodies: readonly string[],
  synonymsOf: (term: string) => readonly string[] = () => [],
): BureauReading | undefined {
  // Every name ends in one of these: most words are ruled out before the regexp.
  if (!BUREAU_ENDS.includes(word.at(-1) ?? "")) return undefined;
  const m = BUREAU.exec(word);
  if (!m || NOT_A_BUREAU.test(word)) return undefined;
  const stem = m[1] as string;
  if (stem.length < 2 && !/^[市县区省]$/.test(stem)) {
    // 一个字的简称 (税局?) is too short to tell a body apart.
    return { stem, bodies: [] };
  }
  const forms = [stem, ...synonymsOf(stem)];
  const found = bodies.filter((b) => forms.some((f) => f.length >= 2 && abbreviates(f, b)));
  return { stem, bodies: found };
}
