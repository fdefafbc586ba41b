/**
 * Answer → Telegram messages: HTML parse mode, the direct answer first (bold), the quoted clause
 * (a blockquote), the citation; inline buttons for the related articles, the neighbouring
 * articles, the closest provisions ("您是不是想问") when the bot is unsure, the official source and
 * 👍/👎 to rate the answer. It lays out the Answer's fields, never re-reads its text. Everything that
 * comes from the law or the user is escaped, and a long answer is split into several messages at
 * sentence boundaries by the one splitter (answer/split-text.ts).
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { createTexts } from "../../conversation/texts.js";
import {
  type Answer,
  candidatesBlock,
  contactLine,
  cutText,
  elsewhereBlock,
  sourceLine,
  toChineseNumber,
  utf16Length,
} from "../../mod.js";
import { encodeButton, lawKeyOf } from "./buttons.js";

// The rating labels (they name no hotline).
const TEXTS = createTexts();

/** Telegram's limit on a message's text, counted after entity parsing (tags do not count). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
/**
 * What one message may hold, in UTF-16 code units of visible text (Telegram's own unit).
 * A little under the limit, so that a separator or an entity Telegram counts differently
 * can never push a full message over it.
 */
export const MESSAGE_BUDGET = 4000;

/** One message to send: HTML text and, on the last message of an answer, its buttons. */
export interface TelegramMessage {
  /** Telegram HTML (parse_mode "HTML"). */
  html: string;
  keyboard?: InlineKeyboardMarkup;
}

/** How a paragraph is shown. */
export type BlockStyle = "bold" | "italic" | "quote" | "plain";

/** A paragraph of plain (unescaped) text and its style. */
export interface Block {
  text: string;
  style: BlockStyle;
}

/** Options of {@link renderAnswer}. */
export interface RenderOptions {
  /** Whether an article exists, to offer 上一条 / 下一条 under a whole-article answer. */
  hasArticle?: (lawId: string, article: number) => boolean;
  /** Visible characters per message; default {@link MESSAGE_BUDGET}. */
  budget?: number;
  /** The answer's id: adds 👍/👎 buttons that rate it. */
  answerId?: string;
}

/** Escapes text for Telegram HTML: only `<`, `>` and `&` are special outside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes an attribute value (double-quoted). */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

/** The answer's paragraphs with their styles, laid out from its parts. */
export function answerBlocks(answer: Answer): Block[] {
  const blocks: Block[] = [{ text: answer.lead, style: answer.citations.length > 0 ? "bold" : "plain" }];
  if (answer.quote !== null) blocks.push({ text: answer.quote, style: "quote" });
  if (answer.source !== null) blocks.push({ text: sourceLine(answer.source, answer.lang), style: "italic" });
  for (const note of answer.notes) blocks.push({ text: note, style: "plain" });
  if (answer.candidates.length > 0)
    blocks.push({ text: candidatesBlock(answer.candidates, answer.lang), style: "plain" });
  for (const cite of answer.elsewhere)
    blocks.push({ text: elsewhereBlock(cite, answer.lang), style: "plain" });
  for (const c of answer.contacts) blocks.push({ text: contactLine(c, answer.lang), style: "plain" });
  // The core names the responsible body in the lead of responsibility answers only; for a topic
  // or a whole article, the bodies it names are worth a line of their own.
  const named = answer.intent !== "responsibility" && answer.facet !== "department";
  if (answer.answered && named && answer.departments.length > 0) {
    const label = answer.lang === "en" ? "Departments: " : "相关部门：";
    blocks.push({ text: `${label}${answer.departments.join("、")}`, style: "plain" });
  }
  return blocks.filter((b) => b.text.trim() !== "");
}

/** The inline keyboard under an answer, or undefined when there is nothing to offer. */
export function answerKeyboard(
  answer: Answer,
  options: RenderOptions = {},
): InlineKeyboardMarkup | undefined {
  const en = answer.lang === "en";
  const rows: InlineKeyboardButton[][] = [];
  // "您是不是想问": the closest provisions, numbered as in the text above the buttons.
  for (const [i, c] of answer.candidates.entries()) {
    const data = encodeButton({ kind: "candidate", lawKey: lawKeyOf(c.lawId), article: c.article });
    if (data) rows.push([{ text: `${i + 1}. ${c.label} ${c.gist}`, callback_data: data }]);
  }
  for (const r of answer.related.slice(0, 3)) {
    const data = encodeButton({ kind: "article", lawKey: lawKeyOf(r.lawId), article: r.article });
    if (data)
      rows.push([{ text: `${en ? "Related" : "相关条文"} ${r.label} ${r.gist}`, callback_data: data }]);
  }
  const cite = answer.citations[0];
  if (cite && answer.related.length === 0 && options.hasArticle) {
    const nav: InlineKeyboardButton[] = [];
    for (const [step, arrow] of [
      [-1, "◀"],
      [1, "▶"],
    ] as const) {
      const n = cite.article + step;
      if (n < 1 || !options.hasArticle(cite.lawId, n)) continue;
      const data = encodeButton({ kind: "article", lawKey: lawKeyOf(cite.lawId), article: n });
      const label = `第${toChineseNumber(n)}条`;
      if (data) nav.push({ text: step < 0 ? `${arrow} ${label}` : `${label} ${arrow}`, callback_data: data });
    }
    if (nav.length > 0) rows.push(nav);
  }
  if (cite?.url && /^https?:\/\//.test(cite.url)) {
    rows.push([{ text: en ? "Official text" : "查看官方原文", url: cite.url }]);
  }
  if (options.answerId) {
    const rate: InlineKeyboardButton[] = [];
    for (const [rating, text] of [
      ["up", `👍 ${TEXTS.ratingLabel("up", answer.lang)}`],
      ["down", `👎 ${TEXTS.ratingLabel("down", answer.lang)}`],
    ] as const) {
      const data = encodeButton({ kind: "feedback", answerId: options.answerId, rating });
      if (data) rate.push({ text, callback_data: data });
    }
    if (rate.length > 0) rows.push(rate);
  }
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/** An answer as one or more Telegram messages; the buttons go under the last one. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): TelegramMessage[] {
  const messages: TelegramMessage[] = renderBlocks(answerBlocks(answer), options.budget).map((html) => ({
    html,
  }));
  const keyboard = answerKeyboard(answer, options);
  const last = messages.at(-1);
  if (last && keyboard) last.keyboard = keyboard;
  return messages;
}

/**
 * Lays blocks out as HTML messages of at most `budget` visible characters each. Paragraphs are
 * kept whole where they fit; a longer one is split at sentence ends (and only a sentence longer
 * than a whole message at a comma), and each part keeps its paragraph's style, so no tag is
 * ever left open across two messages.
 */
export function renderBlocks(blocks: Block[], budget = MESSAGE_BUDGET): string[] {
  interface Piece {
    text: string;
    paragraph: number;
  }
  const messages: Piece[][] = [];
  let current: Piece[] = [];
  let length = 0;
  const flush = () => {
    if (current.length > 0) messages.push(current);
    current = [];
    length = 0;
  };
  blocks.forEach((b, paragraph) => {
    let rest = b.text;
    while (rest !== "") {
      const previous = current.at(-1);
      const separator = previous === undefined || previous.paragraph === paragraph ? 0 : 2;
      const room = budget - length - separator;
      if (rest.length <= room) {
        current.push({ text: rest, paragraph });
        length += separator + rest.length;
        return;
      }
      // The one splitter, in Telegram's unit: fill the message up to its last sentence end (a
      // clause end, or a character, only when a sentence alone is too long).
      const cut = cutText(rest, room, utf16Length, { minFill: 0 });
      if (cut.head !== "" && current.length > 0 && !endsSentence(cut.head)) {
        // Only whole sentences join a message that already holds something.
        flush();
        continue;
      }
      if (cut.head !== "") {
        current.push({ text: cut.head, paragraph });
        length += separator + cut.head.length;
        rest = cut.rest;
      } else if (current.length === 0) {
        // A single character wider than the budget: alone.
        const ch = String.fromCodePoint(rest.codePointAt(0) as number);
        current.push({ text: ch, paragraph });
        rest = rest.slice(ch.length);
      }
      flush();
    }
  });
  flush();
  return messages
    .map((message) => {
      const paragraphs: string[] = [];
      let open: number | undefined;
      let text = "";
      const close = () => {
        const block = open === undefined ? undefined : blocks[open];
        if (block && text.trim() !== "") paragraphs.push(styled(text.trim(), block.style));
      };
      for (const piece of message) {
        if (piece.paragraph !== open) {
          close();
          open = piece.paragraph;
          text = "";
        }
        text += piece.text;
      }
      close();
      return paragraphs.join("\n\n");
    })
    .filter((html) => html !== "");
}

/** Whether a piece ends where a sentence (or a line) does. */
function endsSentence(piece: string): boolean {
  return /[。！？；!?;\n”]$|\.\s$/u.test(piece);
}

function styled(text: string, style: BlockStyle): string {
  const html = escapeHtml(text);
  switch (style) {
    case "bold":
      return `<b>${html}</b>`;
    case "italic":
      return `<i>${html}</i>`;
    case "quote":
      return `<blockquote>${html}</blockquote>`;
    case "plain":
      return html;
  }
}
