/**
 * The words that are not from the law — greetings, help, refusals — come from the reply templates
 * in intents/intents.yaml, filled in here. Templates take {placeholders}; `{key}_en` is the English
 * form of `{key}`.
 */

/** What composing a reply may look at. */
export interface ComposeContext {
  lang: "zh" | "en";
  /** Reply templates by key, from the vocabulary. */
  replies: Record<string, string>;
  /** The hotline residents are sent to when the law does not answer. */
  hotline: string;
  /** Example questions for greeting and help. */
  examples: readonly string[];
}

/** Fills {placeholders} of a reply template; unknown ones stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/**
 * Example questions joined for a sentence: “谁负责食品安全监管？”“第三十条讲什么” in Chinese (quoted,
 * so a question mark is never followed by 、), "…" / "…" in English.
 */
export function joinExamples(examples: readonly string[], lang: "zh" | "en"): string {
  return lang === "en" ? examples.map((e) => `"${e}"`).join(" / ") : examples.map((e) => `“${e}”`).join("");
}

/** The reply `key` in the context's language, with the hotline and examples filled in. */
export function reply(
  key: string,
  ctx: ComposeContext,
  values: Record<string, string | number> = {},
): string {
  const template = ctx.replies[ctx.lang === "en" ? `${key}_en` : key] ?? ctx.replies[key] ?? "";
  return fill(template, { hotline: ctx.hotline, examples: joinExamples(ctx.examples, ctx.lang), ...values });
}

// Up to this many laws are named one by one in a reply; more are counted (a refusal must stay short
// with 1,648 national laws loaded as home laws).
const NAMED_LAWS = 3;

/** One law's name in a sentence: 《title》 in Chinese, the title alone in English. */
export function lawName(title: string, lang: "zh" | "en"): string {
  return lang === "en" ? title : `《${title}》`;
}

/** Several laws in a sentence: named when few, counted when many ("已收录的1648部法律法规"). */
export function lawsName(titles: readonly string[], lang: "zh" | "en"): string {
  if (titles.length > NAMED_LAWS) {
    return lang === "en"
      ? `the ${titles.length} laws and regulations loaded`
      : `已收录的${titles.length}部法律法规`;
  }
  return titles.map((t) => lawName(t, lang)).join(lang === "en" ? ", " : "、");
}
