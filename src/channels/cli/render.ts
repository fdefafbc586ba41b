/**
 * Renders an Answer for a terminal: the answer text, then the related articles to try next.
 */
import type { Answer } from "../../mod.js";

/** Plain text for a terminal. */
export function renderForTerminal(answer: Answer): string {
  const lines = [answer.text];
  if (answer.related.length > 0) {
    const title = answer.lang === "en" ? "Related:" : "相关条文：";
    lines.push("", `${title} ${answer.related.map((r) => `${r.label}（${r.gist}）`).join("；")}`);
  }
  return lines.join("\n");
}
