/**
 * Helpers shared by the widget and the console. Everything that comes from a user or from the law
 * is inserted as text (Text nodes, textContent), never parsed as HTML.
 */

/**
 * Creates an element. `attrs` are set as attributes (strings) or, for `on*` keys, as event
 * listeners; `children` are nodes or strings (inserted as text).
 * @param {string} tag
 * @param {Record<string, string | boolean | ((e: Event) => void) | undefined>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/**
 * Text with highlighted ranges: a fragment of Text nodes and <mark> elements.
 * @param {string} text
 * @param {Array<{start: number, end: number}>} highlights sorted, not overlapping
 * @returns {DocumentFragment}
 */
export function highlighted(text, highlights) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const { start, end } of highlights) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) out.append(text.slice(at, start));
    out.append(el("mark", {}, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.append(text.slice(at));
  return out;
}

/**
 * Calls the API. Resolves to the status, the parsed JSON body (or null) and the headers; rejects
 * only when the network fails.
 * @param {string} path relative to the page, e.g. "api/ask"
 * @param {RequestInit} [init]
 * @returns {Promise<{ ok: boolean, status: number, body: any, headers: Headers }>}
 */
export async function callApi(path, init) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, ...init });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return { ok: response.ok, status: response.status, body, headers: response.headers };
}

/**
 * POSTs a question (text), or a typed request such as {kind: "article", lawId, article} — what a
 * button asks for, never a label to be read again as a question.
 * @param {string | {kind: string, [key: string]: unknown}} question
 * @param {string} [session]
 * @param {"widget" | "console"} [channel]
 */
export function ask(question, session, channel) {
  const body = typeof question === "string" ? { q: question } : { request: question };
  return callApi("api/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      ...body,
      ...(session ? { session } : {}),
      ...(channel && channel !== "widget" ? { channel } : {}),
    }),
  });
}

/**
 * Rates an answer by the id it came with (the X-Answer-Id header of api/ask); the response's
 * `message` is what to tell the resident, in `lang`.
 * @param {string} answerId
 * @param {"up" | "down"} rating
 * @param {"zh" | "en"} [lang]
 */
export function rate(answerId, rating, lang = "zh") {
  return callApi("api/feedback", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ answerId, rating, lang }),
  });
}

/** A short message for an API error, by its code and the interface language. */
const ERROR_TEXT = {
  zh: {
    RATE_LIMITED: "提问太频繁了，请稍等片刻再试。",
    QUESTION_TOO_LONG: "问题太长了（最多500字），请简要描述一件事。",
    NOT_READY: "系统正在启动，请稍后再试。",
    BODY_TOO_LARGE: "问题太长了，请简要描述一件事。",
    LAW_NOT_FOUND: "这条法规已不再提供，请重新提问。",
    network: "网络连接失败，请检查网络后再试。",
    other: (/** @type {number} */ status) => `出错了（${status}），请稍后再试。`,
  },
  en: {
    RATE_LIMITED: "Too many questions at once: please wait a moment.",
    QUESTION_TOO_LONG: "The question is too long (500 characters at most): please ask about one thing.",
    NOT_READY: "The service is starting: please try again shortly.",
    BODY_TOO_LARGE: "The question is too long: please ask about one thing.",
    LAW_NOT_FOUND: "That law is no longer available: please ask again.",
    network: "No connection: please check the network and try again.",
    other: (/** @type {number} */ status) => `Something went wrong (${status}): please try again later.`,
  },
};

/**
 * @param {{ status: number, body: any } | null} result null when the network failed
 * @param {"zh" | "en"} [lang]
 * @returns {string}
 */
export function errorText(result, lang = "zh") {
  const texts = ERROR_TEXT[lang];
  if (!result) return texts.network;
  const code = result.body?.error?.code;
  return (code && typeof texts[code] === "string" && texts[code]) || texts.other(result.status);
}

/** "第四章 智慧治理" etc.: 《law》第X条（chapter）, the citation line of the core. */
export function citationLine(c) {
  return `《${c.law}》${c.label}${c.chapter ? `（${c.chapter}）` : ""}`;
}

/**
 * A link to an official source, only for http(s) URLs.
 * @param {string | null} url
 */
export function safeUrl(url) {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The citation card: law, 第X条, chapter, the quoted clause, the official source.
 * @param {{law: string, label: string, chapter: string | null, quote: string, url: string | null}} c
 * @param {string[]} [departments]
 */
export function citationCard(c, departments = []) {
  const url = safeUrl(c.url);
  return el(
    "article",
    { class: "citation", "aria-label": `出处：${c.law}${c.label}` },
    el(
      "p",
      { class: "citation-head" },
      el("span", { class: "citation-law" }, `《${c.law}》`),
      el("span", { class: "citation-label" }, c.label),
      c.chapter ? el("span", { class: "citation-chapter" }, c.chapter) : null,
    ),
    el("blockquote", { class: "citation-quote" }, c.quote),
    departments.length > 0
      ? el("p", { class: "citation-departments" }, `涉及部门：${departments.join("、")}`)
      : null,
    url
      ? el(
          "a",
          { class: "citation-source", href: url, target: "_blank", rel: "noopener noreferrer" },
          "查看官方原文",
        )
      : null,
  );
}

/** A random id for one conversation (crypto.randomUUID needs a secure context; this does not). */
export function randomId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The session id kept for this tab, so follow-ups ("下一条") work across reloads; storage may be
 * blocked (third-party iframes), then the id lives as long as the page.
 * @param {string} key
 */
export function sessionId(key) {
  try {
    const kept = sessionStorage.getItem(key);
    if (kept) return kept;
    const id = randomId();
    sessionStorage.setItem(key, id);
    return id;
  } catch {
    return randomId();
  }
}
