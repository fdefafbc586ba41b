/** Reading an article number that a person or a button gives: "30", "三十", "第三十条", "第 30 条". */
import { parseChineseNumber } from "../law/numerals.js";

/** "30", "三十", "第三十条" → 30; undefined for anything that is not one positive article number. */
export function parseArticleNumber(raw: string): number | undefined {
  const m = /^第?\s*([^\s第条]+)\s*条?$/u.exec(raw.trim());
  const n = m ? parseChineseNumber(m[1] as string) : undefined;
  return n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
