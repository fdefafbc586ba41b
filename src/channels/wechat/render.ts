/**
 * Renders an Answer as a WeChat text reply: plain text (WeChat shows no markup), the direct
 * answer, the quoted clause and the citation, within the 2048-byte limit of a passive text reply.
 * A longer answer is cut at a sentence and ends with "回复“全文”查看完整条文"; the part that did not
 * fit is returned as `rest`, for the router to keep and send when the resident asks for it.
 */

import type { Answer } from "../../mod.js";
import { cutText, renderText, utf8Length } from "../../mod.js";

/**
 * WeChat's limit for the Content of a passive text reply, in UTF-8 bytes (a Chinese character is
 * 3). Longer replies are not truncated by WeChat but rejected, and the user sees an error.
 */
export const WECHAT_TEXT_MAX_BYTES = 2048;

/** Below this a reply cannot hold a sentence plus the "reply 全文" hint; refused as a setting. */
export const WECHAT_TEXT_MIN_BYTES = 256;

/** A reply that fits, and what did not fit (to send when the resident asks for more). */
export interface WechatText {
  text: string;
  rest?: string;
}

const MORE_HINT = { zh: "\n\n回复“全文”查看完整条文", en: "\n\nReply “more” to read the rest." } as const;
const CONTINUED = { zh: "（续）", en: "(continued) " } as const;
const ELLIPSIS = "……";

/** UTF-8 length of a string, which is what WeChat counts (the splitter's `utf8Length`). */
export const byteLength = utf8Length;

/** The Answer as WeChat text, cut to `maxBytes` (default 2048) with the rest kept apart. */
export function renderForWechat(answer: Answer, maxBytes: number = WECHAT_TEXT_MAX_BYTES): WechatText {
  checkLimit(maxBytes);
  const withRelated = renderText(answer, { related: true });
  if (byteLength(withRelated) <= maxBytes) return { text: withRelated };
  if (byteLength(answer.text) <= maxBytes) return { text: answer.text };

  // A quoted article (lead, “quote”, 出处): cut the quote rather than the text, so the first
  // message keeps the direct answer and names its source.
  const lang = answer.lang;
  const quote = answer.quote;
  if (quote !== null) {
    const frame = (lead: string, q: string) => renderText({ ...answer, lead, quote: q });
    const room = maxBytes - byteLength(frame(answer.lead, ELLIPSIS) + MORE_HINT[lang]);
    if (room >= maxBytes / 4) {
      const { head, rest } = cutAtSentence(quote, room);
      if (head.trim() !== "" && rest.trim() !== "") {
        return {
          text: frame(answer.lead, head.trimEnd() + ELLIPSIS) + MORE_HINT[lang],
          rest: frame(CONTINUED[lang].trim(), ELLIPSIS + rest.trimStart()),
        };
      }
    }
  }
  return fitWechatText(answer.text, lang, maxBytes);
}

/**
 * Any text cut to `maxBytes` at a sentence: the part that fits with the "reply 全文" hint, and
 * the rest marked as a continuation. A quotation open at the cut is closed and reopened, so
 * each part reads on its own.
 */
export function fitWechatText(
  text: string,
  lang: "zh" | "en",
  maxBytes: number = WECHAT_TEXT_MAX_BYTES,
): WechatText {
  checkLimit(maxBytes);
  if (byteLength(text) <= maxBytes) return { text };
  const close = `${ELLIPSIS}”`;
  const { head, rest } = cutAtSentence(text, maxBytes - byteLength(close + MORE_HINT[lang]));
  const shown = head.trimEnd();
  if (rest.trim() === "") return { text: shown };
  const open = countOf(shown, "“") > countOf(shown, "”");
  return {
    text: `${shown}${open ? close : ""}${MORE_HINT[lang]}`,
    rest: `${CONTINUED[lang]}${open ? `“${ELLIPSIS}` : ""}${rest.trimStart()}`,
  };
}

/**
 * Splits `text` so that `head` holds at most `maxBytes` UTF-8 bytes and ends at a sentence (or a
 * clause, or the last whole character): the one splitter of answer/split-text.ts in WeChat's unit.
 */
export function cutAtSentence(text: string, maxBytes: number): { head: string; rest: string } {
  return cutText(text, maxBytes, utf8Length);
}

function countOf(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

function checkLimit(maxBytes: number): void {
  if (!Number.isInteger(maxBytes) || maxBytes < WECHAT_TEXT_MIN_BYTES) {
    throw new RangeError(
      `a WeChat reply limit must be an integer of at least ${WECHAT_TEXT_MIN_BYTES} bytes`,
    );
  }
}
