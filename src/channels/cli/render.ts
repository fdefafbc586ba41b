/**
 * Renders an Answer for a terminal: the answer text with the related articles to try next — the
 * core's one plain-text rendering (renderText), as WeChat shows it.
 */
import { type Answer, renderText } from "../../mod.js";

/** Plain text for a terminal. */
export function renderForTerminal(answer: Answer): string {
  return renderText(answer, { related: true });
}
