/**
 * Text normalisation, applied before anything else looks at a question or an article:
 * full-width → half-width, traditional → simplified Chinese, case folding, one space for any run
 * of white space, control characters dropped. Questions and the index go through the same function,
 * so "食品安全監管", "食品安全监管" and "ＡＰＰ"/"app" meet.
 */
import * as OpenCC from "opencc-js/t2cn";

// Traditional (Taiwan, Hong Kong and generic) → mainland simplified. Built once: it holds the tables.
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

// C0/C1 controls, zero-width characters and bidi marks: invisible, never meaningful in a question.
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}]/gu;

/** Full-width ASCII (！–～) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

/**
 * Normalises text for matching (not for display): half-width, simplified, lower case,
 * single spaces, no control characters.
 */
export function normalize(text: string): string {
  const visible = text.replace(INVISIBLE, "");
  return (
    toSimplified(toHalfWidth(visible.normalize("NFC")))
      .toLowerCase()
      .replace(/\s+/g, " ")
      // Chinese is written without spaces: "食 品 安 全" is 食品安全.
      .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1")
      .trim()
  );
}
