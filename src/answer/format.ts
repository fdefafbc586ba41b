/**
 * Small formatting of law facts that every answer and channel shares: citation lines, chapter
 * names, gists, Chinese dates, article ranges, the history sentence.
 */
import { toChineseNumber } from "../law/numerals.js";
import type { Article, Law } from "../law/types.js";

/** "第四章 智慧治理" (or just the label when the source gives no title). */
export function chapterName(article: Article): string | null {
  if (!article.chapter) return null;
  return article.chapter.title ? `${article.chapter.label} ${article.chapter.title}` : article.chapter.label;
}

/** 《大同市智慧城市促进条例》第三十条（第四章 智慧治理） */
export function citationLine(c: { law: string; label: string; chapter: string | null }): string {
  return `《${c.law}》${c.label}${c.chapter ? `（${c.chapter}）` : ""}`;
}

/** The first words of an article, for buttons and lists. */
export function gistOf(article: Article, max = 24): string {
  const first = article.text.split(/[，。；：\n]/)[0] ?? article.text;
  // "市、县（区）人民政府应当…" opens most articles and tells them apart not at all; a single
  // level ("市人民政府应当…", the only article where 市 alone acts) is kept.
  const clean = first.replace(/^[市县区省（）()]*、[市县区省、（）()]*人民政府(应当)?/, "").trim() || first;
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** 2018-05-01 → 2018年5月1日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The law's history in one sentence: 2017年10月31日…通过；2018年1月22日…批准；… */
export function historySentence(law: Law): string {
  if (law.history.length === 0) return "";
  return law.history
    .map((e) => `${chineseDate(e.date)}${e.body}${e.action === "其他" ? "" : e.action}`)
    .join("；");
}

/** "第三十三条至第四十二条" */
export function articleRange(numbers: number[]): string {
  if (numbers.length === 0) return "";
  const first = numbers[0] as number;
  const last = numbers.at(-1) as number;
  return first === last
    ? `第${toChineseNumber(first)}条`
    : `第${toChineseNumber(first)}条至第${toChineseNumber(last)}条`;
}

/** A confidence rounded to three places, as answers carry it. */
export function roundConfidence(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
