/**
 * What a resident can ask for besides typing a question: the typed requests that buttons,
 * commands and numbered replies carry. A button names its law and article; nothing travels as
 * Chinese text to be parsed again.
 */
import type { FollowUpFacet } from "../mod.js";

/** A request a channel passes to the conversation service. */
export type ConversationRequest =
  /** Free text, as typed. */
  | { kind: "question"; text: string }
  /** One article of one law (an article button, /article 30). */
  | { kind: "article"; lawId: string; article: number; sub?: number }
  /** A "您是不是想问" button: the resident picked one of the closest provisions. */
  | { kind: "candidate"; lawId: string; article: number }
  /** "回复2": the second of the provisions the last answer offered (WeChat). */
  | { kind: "choice"; number: number }
  /** What the bot can do. */
  | { kind: "help" }
  /** The greeting (/start, a new follower). */
  | { kind: "greet" }
  /** 下一条 / 上一条 / 原文 / its department, about the previous answer's article. */
  | { kind: "followUp"; facet: FollowUpFacet };

/** The kinds of follow-up a request may name. */
export const FOLLOW_UP_FACETS: readonly FollowUpFacet[] = ["next", "previous", "fulltext", "department"];

const FOLLOW_UP_WORDS: Record<FollowUpFacet, string> = {
  next: "下一条",
  previous: "上一条",
  fulltext: "原文",
  department: "由哪个部门负责",
};

/**
 * How a request is written in the feedback log and the answer's log line: the question itself,
 * or what the button said ("第三十条", "下一条"), so that staff read it as a resident would.
 */
export function describeRequest(request: ConversationRequest): string {
  switch (request.kind) {
    case "question":
      return request.text;
    case "article":
    case "candidate":
      return `第${request.article}条${"sub" in request && request.sub ? `之${request.sub}` : ""}`;
    case "choice":
      return String(request.number);
    case "help":
      return "帮助";
    case "greet":
      return "你好";
    case "followUp":
      return FOLLOW_UP_WORDS[request.facet];
  }
}

/**
 * Reads a typed request from untrusted JSON (the HTTP API): the request, or a message that says
 * what is wrong with it.
 */
export function readRequest(value: unknown): ConversationRequest | string {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return '"request" must be an object such as {"kind": "article", "lawId": "…", "article": 30}';
  const r = value as Record<string, unknown>;
  const article = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 99_999;
  switch (r.kind) {
    case "article":
    case "candidate": {
      if (typeof r.lawId !== "string" || r.lawId === "" || !article(r.article))
        return `a "${r.kind}" request needs "lawId" (GET /api/laws lists them) and "article" (a whole number from 1)`;
      if (r.kind === "candidate") return { kind: "candidate", lawId: r.lawId, article: r.article as number };
      if (r.sub !== undefined && !article(r.sub)) return '"sub" (第N条之sub) must be a whole number from 1';
      const base = { kind: "article" as const, lawId: r.lawId, article: r.article as number };
      return r.sub === undefined ? base : { ...base, sub: r.sub as number };
    }
    case "choice":
      return article(r.number) ? { kind: "choice", number: r.number as number } : '"number" must be 1, 2, 3…';
    case "help":
    case "greet":
      return { kind: r.kind };
    case "followUp":
      return FOLLOW_UP_FACETS.includes(r.facet as FollowUpFacet)
        ? { kind: "followUp", facet: r.facet as FollowUpFacet }
        : `"facet" must be one of ${FOLLOW_UP_FACETS.join(", ")}`;
    default:
      return '"kind" must be one of article, candidate, choice, help, greet, followUp';
  }
}
