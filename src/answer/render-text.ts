/**
 * The one plain-text rendering of an Answer: lead, quoted clause, source, notes, the closest
 * provisions when unsure, provisions of other laws, contacts. `answer.text` is this; channels
 * that lay out the parts themselves (Telegram, the widget) use the fields instead.
 */
import { citationLine } from "./format.js";
import type { AnswerParts, Citation, Contact, RelatedArticle } from "./types.js";

/** Options of {@link renderText}. */
export interface RenderTextOptions {
  /** Add the related articles as a "相关条文：…" line (for channels without buttons). */
  related?: boolean;
}

/** "出处：《…》第三十条（第四章 智慧治理）" */
export function sourceLine(source: string, lang: "zh" | "en"): string {
  return lang === "en" ? `Source: ${source}` : `出处：${source}`;
}

/** The closest provisions as a numbered list under "您是不是想问：". */
export function candidatesBlock(candidates: readonly RelatedArticle[], lang: "zh" | "en"): string {
  const head = lang === "en" ? "Did you mean:" : "您是不是想问：";
  const lines = candidates.map((c, i) =>
    lang === "en"
      ? `${i + 1}. ${c.label} (article ${c.article}) of ${c.law}: ${c.gist}`
      : `${i + 1}. 《${c.law}》${c.label}：${c.gist}`,
  );
  return [head, ...lines].join("\n");
}

/** A provision of another law, marked as not the local rule. */
export function elsewhereBlock(cite: Citation, lang: "zh" | "en"): string {
  return lang === "en"
    ? `Related provision in another law (it does not apply here; for reference only): ${citationLine(cite)}: “${cite.quote}”`
    : `其他法规中的相关规定（不适用于本地，仅供参考）：${citationLine(cite)}：“${cite.quote}”`;
}

/** One office of the contact directory on one line. */
export function contactLine(c: Contact, lang: "zh" | "en"): string {
  const en = lang === "en";
  const parts = [
    c.office,
    c.phone ? `${en ? "phone" : "电话"} ${c.phone}` : "",
    c.address ? `${en ? "address" : "地址"} ${c.address}` : "",
    c.hours ? `${en ? "hours" : "办公时间"} ${c.hours}` : "",
    c.web ?? "",
  ].filter(Boolean);
  return `${en ? "Contact" : "联系"}（${c.department}）：${parts.join(en ? ", " : "，")}`;
}

/** The related articles on one line. */
export function relatedLine(related: readonly RelatedArticle[], lang: "zh" | "en"): string {
  const title = lang === "en" ? "Related: " : "相关条文：";
  return `${title}${related.map((r) => `${r.label}（${r.gist}）`).join(lang === "en" ? "; " : "；")}`;
}

/** The answer as plain text, paragraphs separated by a blank line. */
export function renderText(answer: AnswerParts, options: RenderTextOptions = {}): string {
  const { lang } = answer;
  const parts = [answer.lead];
  if (answer.quote !== null) parts.push(`“${answer.quote}”`);
  if (answer.source !== null) parts.push(sourceLine(answer.source, lang));
  parts.push(...answer.notes);
  if (answer.candidates.length > 0) parts.push(candidatesBlock(answer.candidates, lang));
  for (const cite of answer.elsewhere) parts.push(elsewhereBlock(cite, lang));
  for (const c of answer.contacts) parts.push(contactLine(c, lang));
  if (options.related && answer.related.length > 0) parts.push(relatedLine(answer.related, lang));
  return parts.filter((p) => p !== "").join("\n\n");
}
