/**
 * What the inline buttons carry. Telegram gives a button at most 64 bytes of `callback_data`
 * and hands them back verbatim, possibly days later and after a restart, so the data names
 * things by stable keys (a hash of the law id, an article number, a page) rather than by
 * positions in this process's memory.
 */
import { createHash } from "node:crypto";

/** Telegram's limit on `callback_data`, in bytes of UTF-8. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** What a pressed button asks for. */
export type ButtonAction =
  /** Show one article of a law. */
  | { kind: "article"; lawKey: string; article: number }
  /** A "您是不是想问" candidate: the resident picked this provision. */
  | { kind: "candidate"; lawKey: string; article: number }
  /** Show a page of the duty directory (0-based). */
  | { kind: "directory"; page: number }
  /** Ask an example question, as if typed. */
  | { kind: "ask"; question: string }
  /** Rate an answer (👍 up, 👎 down) by its id. */
  | { kind: "feedback"; answerId: string; rating: "up" | "down" };

/**
 * A short, stable key of a law id: law ids derived from Chinese file names can be far longer
 * than 64 bytes. 10 base64url characters are 60 bits: no collision among a few thousand laws.
 */
export function lawKeyOf(lawId: string): string {
  return createHash("sha256").update(lawId).digest("base64url").slice(0, 10);
}

/** The `callback_data` of an action, or undefined when it would not fit in 64 bytes. */
export function encodeButton(action: ButtonAction): string | undefined {
  let data: string;
  switch (action.kind) {
    case "article":
      data = `art:${action.lawKey}:${action.article}`;
      break;
    case "candidate":
      data = `cand:${action.lawKey}:${action.article}`;
      break;
    case "directory":
      data = `dir:${action.page}`;
      break;
    case "ask":
      data = `ask:${action.question}`;
      break;
    case "feedback":
      data = `fb:${action.answerId}:${action.rating === "up" ? "u" : "d"}`;
      break;
  }
  return Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_MAX_BYTES ? data : undefined;
}

/** Reads `callback_data` back; undefined for data this bot did not make (or an older format). */
export function decodeButton(data: string): ButtonAction | undefined {
  const article = /^art:([\w-]{1,32}):(\d{1,5})$/.exec(data);
  if (article) return { kind: "article", lawKey: article[1] as string, article: Number(article[2]) };
  const candidate = /^cand:([\w-]{1,32}):(\d{1,5})$/.exec(data);
  if (candidate) return { kind: "candidate", lawKey: candidate[1] as string, article: Number(candidate[2]) };
  const page = /^dir:(\d{1,4})$/.exec(data);
  if (page) return { kind: "directory", page: Number(page[1]) };
  const feedback = /^fb:([A-Za-z0-9_-]{12}):([ud])$/.exec(data);
  if (feedback) {
    return { kind: "feedback", answerId: feedback[1] as string, rating: feedback[2] === "u" ? "up" : "down" };
  }
  const ask = /^ask:([\s\S]+)$/.exec(data);
  if (ask) return { kind: "ask", question: ask[1] as string };
  return undefined;
}
