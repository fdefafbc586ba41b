/**
 * The chat widget: sends each question to POST api/ask with this tab's session id and shows the
 * answer from its fields — the lead, the citation card, notes, provisions of other laws, the
 * city's contacts, the hotline when the law does not cover it. Buttons send typed requests (an
 * article of a named law, a "您是不是想问" candidate), never a label to be read as a question.
 * Answers worth rating get 👍/👎 (POST api/feedback). The transcript is kept for the tab's session,
 * so a reload shows the conversation the server still remembers. Large text, dark mode (the
 * system's) and a Chinese/English interface. Works at / , in an iframe (/widget) and through
 * /embed.js, which Escape asks to close.
 */
import { ask, callApi, citationCard, el, errorText, rate, safeUrl, sessionId } from "./dom.js";

/** The interface in both languages (answers come in the language of the question). */
const LABELS = {
  zh: {
    title: "条文 · 市民法规问答",
    lawLine: (/** @type {string} */ t) => `依据《${t}》`,
    lawDefault: "依据地方性法规原文作答",
    large: "大字",
    switch: "English",
    welcome:
      "您好！我可以根据条例原文回答：哪个部门负责什么、某一条讲什么、条例何时施行等。您可以直接提问，或点击下面的问题：",
    starters: "常见问题",
    input: "输入您的问题",
    placeholder: "请输入您的问题",
    send: "发送",
    hint: "按回车发送，Shift+回车换行，最多500字。",
    note: "答复摘自法规原文，仅供参考。办事咨询请拨打",
    hotline: "市民服务热线",
    log: "对话记录",
    pending: "正在查找相关条文…",
    related: "相关条文",
    candidates: "您是不是想问：",
    elsewhere: "其他法规中的相关规定（不适用于本地，仅供参考）",
    contact: "联系",
    phone: "电话",
    address: "地址",
    hours: "办公时间",
    ratePrompt: "这条答复有帮助吗？",
    rateGroup: "评价这条答复",
    up: "有帮助",
    down: "没帮助",
    rateGone: "这条答复已无法评价。",
    rateFailed: "反馈没有发送成功，请稍后再试。",
  },
  en: {
    title: "Tiaowen · Ask the ordinance",
    lawLine: (/** @type {string} */ t) => `Answers from ${t}`,
    lawDefault: "Answers from the text of local ordinances",
    large: "Large text",
    switch: "中文",
    welcome:
      "Hello! I answer from the ordinance itself: which department is responsible, what an article says, when the law took effect. Ask a question, or try one of these:",
    starters: "Common questions",
    input: "Your question",
    placeholder: "Type your question",
    send: "Send",
    hint: "Enter sends, Shift+Enter starts a new line, 500 characters at most.",
    note: "Answers quote the law and are for reference only. For services, call the",
    hotline: "citizen hotline",
    log: "Conversation",
    pending: "Looking up the provisions…",
    related: "Related articles",
    candidates: "Did you mean:",
    elsewhere: "A provision of another law (it does not apply here; for reference only)",
    contact: "Contact",
    phone: "phone",
    address: "address",
    hours: "hours",
    ratePrompt: "Did this answer help?",
    rateGroup: "Rate this answer",
    up: "Helpful",
    down: "Not helpful",
    rateGone: "This answer can no longer be rated.",
    rateFailed: "The rating was not sent: please try again later.",
  },
};

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const log = $("log");
const form = /** @type {HTMLFormElement} */ ($("ask-form"));
const input = /** @type {HTMLTextAreaElement} */ ($("q"));
const send = /** @type {HTMLButtonElement} */ ($("send"));
const hotlineTemplate = /** @type {HTMLTemplateElement} */ ($("hotline-template"));
const session = sessionId("tiaowen.widget.session");
const TRANSCRIPT_KEY = "tiaowen.widget.transcript";
/** Messages kept for a reload: enough for a conversation, small enough for sessionStorage. */
const TRANSCRIPT_MAX = 40;
let busy = false;
/** @type {"zh" | "en"} */
let lang = kept(localStorage, "tiaowen.widget.lang") === "en" ? "en" : "zh";
let homeTitle = "";
const t = () => LABELS[lang];

/* ---------- small helpers ---------- */

/** A stored value, or null where storage is blocked (third-party iframes). */
function kept(/** @type {Storage} */ storage, /** @type {string} */ key) {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function keep(/** @type {Storage} */ storage, /** @type {string} */ key, /** @type {string} */ value) {
  try {
    storage.setItem(key, value);
  } catch {
    // storage blocked or full: the setting lives as long as the page
  }
}

function hotline() {
  const link = /** @type {DocumentFragment} */ (hotlineTemplate.content.cloneNode(true));
  for (const span of link.querySelectorAll("[data-label=hotline]")) span.textContent = t().hotline;
  return el("p", { class: "hotline-line" }, link);
}

function scrollToEnd() {
  log.scrollTop = log.scrollHeight;
}

const SVG = "http://www.w3.org/2000/svg";
// A thumb, drawn in the text colour: emoji fonts are missing on many office machines.
const THUMB =
  "M2 21h3V10H2v11zm19.6-9.1c.3-.5.4-1 .4-1.6 0-1.6-1.3-2.8-2.9-2.8h-4.6l.7-3.4v-.3c0-.4-.2-.8-.4-1.1L13.9 2 7.6 8.3C7.2 8.7 7 9.2 7 9.8V19c0 1.1.9 2 2 2h8.2c.8 0 1.5-.5 1.8-1.2l2.6-6.1c.1-.3.2-.5.2-.8v-1z";

/** The thumb icon, up or turned down. */
function thumb(/** @type {"up" | "down"} */ rating) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "18");
  svg.setAttribute("height", "18");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "rate-icon");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", THUMB);
  path.setAttribute("fill", "currentColor");
  if (rating === "down") path.setAttribute("transform", "rotate(180 12 12)");
  svg.append(path);
  return svg;
}

/* ---------- one answer ---------- */

/**
 * 👍/👎 under an answer. One rating per answer: the buttons are disabled once it is sent; the
 * server says what to tell the resident.
 * @param {string} answerId
 * @param {"zh" | "en"} answerLang
 */
function ratingButtons(answerId, answerLang) {
  const words = LABELS[answerLang];
  const note = el("span", { class: "rate-note", role: "status" }, words.ratePrompt);
  /** @type {HTMLButtonElement[]} */
  const buttons = [];
  const submitRating = async (
    /** @type {"up" | "down"} */ rating,
    /** @type {HTMLButtonElement} */ pressed,
  ) => {
    for (const b of buttons) b.disabled = true;
    pressed.setAttribute("aria-pressed", "true");
    let result = null;
    try {
      result = await rate(answerId, rating, answerLang);
    } catch {
      result = null;
    }
    if (result?.ok) {
      note.textContent = result.body.message;
    } else if (result?.status === 404) {
      note.textContent = words.rateGone;
    } else {
      // Not sent (network, rate limit): let the resident try again.
      note.textContent = words.rateFailed;
      pressed.setAttribute("aria-pressed", "false");
      for (const b of buttons) b.disabled = false;
    }
  };
  for (const rating of /** @type {const} */ (["up", "down"])) {
    const label = words[rating];
    const button = /** @type {HTMLButtonElement} */ (
      el(
        "button",
        {
          type: "button",
          class: `rate-button rate-${rating}`,
          "aria-label": label,
          title: label,
          "aria-pressed": "false",
        },
        thumb(rating),
        el("span", { class: "rate-label" }, label),
      )
    );
    button.addEventListener("click", () => submitRating(rating, button));
    buttons.push(button);
  }
  return el("div", { class: "rate", role: "group", "aria-label": words.rateGroup }, note, ...buttons);
}

/**
 * Buttons for articles: each shows its label and its gist (touch screens show no tooltips) and
 * asks for that article of that law.
 * @param {string} className
 * @param {string} title
 * @param {Array<{lawId: string, law: string, article: number, label: string, gist: string}>} items
 * @param {"article" | "candidate"} kind
 * @param {boolean} numbered
 */
function articleButtons(className, title, items, kind, numbered) {
  return el(
    "div",
    { class: className, role: "group", "aria-label": title },
    el("p", { class: `${className}-title` }, title),
    ...items.map((r, i) =>
      el(
        "button",
        {
          type: "button",
          class: `chip article-chip ${className}-item`,
          "data-law": r.lawId,
          "data-article": String(r.article),
          onclick: () => submit({ kind, lawId: r.lawId, article: r.article }, r.label),
        },
        el("span", { class: "chip-label" }, `${numbered ? `${i + 1}. ` : ""}${r.label}`),
        el("span", { class: "chip-gist" }, r.gist),
      ),
    ),
  );
}

/** "联系（部门）：office，电话 …" with a tel: link for the phone. */
function contactLine(/** @type {any} */ c, /** @type {"zh" | "en"} */ answerLang) {
  const words = LABELS[answerLang];
  const sep = answerLang === "en" ? ", " : "，";
  const line = el("p", { class: "contact" }, `${words.contact}（${c.department}）：${c.office}`);
  if (c.phone) {
    const tel = c.phone.replace(/[^\d+]/g, "");
    line.append(`${sep}${words.phone} `, tel ? el("a", { href: `tel:${tel}` }, c.phone) : c.phone);
  }
  if (c.address) line.append(`${sep}${words.address} ${c.address}`);
  if (c.hours) line.append(`${sep}${words.hours} ${c.hours}`);
  const web = safeUrl(c.web);
  if (web) line.append(sep, el("a", { href: web, target: "_blank", rel: "noopener noreferrer" }, web));
  return line;
}

/**
 * @param {any} answer the Answer of the API
 * @param {string | null} answerId what a rating refers to (absent: not an answer to rate)
 */
function answerMessage(answer, answerId) {
  const words = LABELS[answer.lang === "en" ? "en" : "zh"];
  const msg = el("div", {
    class: `msg bot${answer.answered ? "" : " not-covered"}`,
    lang: answer.lang === "en" ? "en" : "zh-CN",
  });
  msg.append(el("p", { class: "lead" }, answer.lead));
  const first = answer.citations[0];
  if (first) msg.append(citationCard(first, answer.departments));
  for (const note of answer.notes) msg.append(el("p", { class: "note" }, note));
  if (answer.candidates.length > 0)
    msg.append(articleButtons("candidates", words.candidates, answer.candidates, "candidate", true));
  for (const cite of answer.elsewhere)
    msg.append(
      el(
        "div",
        { class: "elsewhere" },
        el("p", { class: "elsewhere-title" }, words.elsewhere),
        citationCard(cite),
      ),
    );
  for (const c of answer.contacts) msg.append(contactLine(c, answer.lang));
  if (!answer.answered) msg.append(hotline());
  if (answer.related.length > 0)
    msg.append(articleButtons("related", words.related, answer.related, "article", false));
  if (answerId) msg.append(ratingButtons(answerId, answer.lang === "en" ? "en" : "zh"));
  return msg;
}

/* ---------- the conversation and its transcript ---------- */

/** @type {Array<{who: "user", text: string} | {who: "bot", answer: any, answerId: string | null} | {who: "error", text: string}>} */
let transcript = [];

function saveTranscript() {
  keep(sessionStorage, TRANSCRIPT_KEY, JSON.stringify(transcript.slice(-TRANSCRIPT_MAX)));
}

/** Shows one entry of the transcript (and keeps it when `record`). */
function show(/** @type {(typeof transcript)[number]} */ entry, record = true) {
  if (entry.who === "user") log.append(el("div", { class: "msg user" }, el("p", {}, entry.text)));
  else if (entry.who === "bot") log.append(answerMessage(entry.answer, entry.answerId));
  else log.append(el("div", { class: "msg bot error" }, el("p", { class: "lead" }, entry.text), hotline()));
  if (record) {
    transcript.push(entry);
    saveTranscript();
  }
}

/**
 * Sends a question, or a typed request shown as `shown` in the resident's bubble.
 * @param {string | {kind: string, lawId?: string, article?: number}} question
 * @param {string} [shown]
 */
async function submit(question, shown) {
  const text = typeof question === "string" ? question.trim() : (shown ?? "");
  if ((typeof question === "string" && !text) || busy) return;
  busy = true;
  send.disabled = true;
  show({ who: "user", text });
  const pending = el("div", { class: "msg bot pending", "aria-busy": "true" }, el("p", {}, t().pending));
  log.append(pending);
  scrollToEnd();
  let result = null;
  try {
    result = await ask(typeof question === "string" ? text : question, session);
  } catch {
    result = null;
  }
  pending.remove();
  if (result?.ok) show({ who: "bot", answer: result.body, answerId: result.headers.get("X-Answer-Id") });
  else show({ who: "error", text: errorText(result, lang) });
  scrollToEnd();
  busy = false;
  send.disabled = false;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // While an answer is on its way the text stays in the box, to be sent next.
  if (busy) return;
  const q = input.value;
  input.value = "";
  resize();
  submit(q);
  input.focus();
});

input.addEventListener("keydown", (event) => {
  // Enter sends, Shift+Enter breaks the line; never while an input method is composing (拼音).
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    form.requestSubmit();
  }
});

function resize() {
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}
input.addEventListener("input", resize);

for (const button of document.querySelectorAll(".starter")) {
  button.addEventListener("click", () => {
    submit(button.textContent ?? "");
    input.focus();
  });
}

/* ---------- settings: language, large text; the embed's Escape ---------- */

/** Writes the interface labels in the current language. */
function applyLanguage() {
  const words = t();
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  for (const node of document.querySelectorAll("[data-label]")) {
    const key = /** @type {HTMLElement} */ (node).dataset.label ?? "";
    const value = /** @type {Record<string, unknown>} */ (words)[key];
    if (typeof value === "string") node.textContent = value;
  }
  for (const button of document.querySelectorAll(".starter")) {
    const b = /** @type {HTMLElement} */ (button);
    b.textContent = (lang === "en" ? b.dataset.en : b.dataset.zh) ?? b.textContent;
  }
  input.placeholder = words.placeholder;
  log.setAttribute("aria-label", words.log);
  const toggle = $("lang-toggle");
  toggle.setAttribute("lang", lang === "en" ? "zh-CN" : "en");
  $("law-title").textContent = homeTitle ? words.lawLine(homeTitle) : words.lawDefault;
}

$("lang-toggle").addEventListener("click", () => {
  lang = lang === "en" ? "zh" : "en";
  keep(localStorage, "tiaowen.widget.lang", lang);
  applyLanguage();
});

function applySize(/** @type {boolean} */ large) {
  document.documentElement.classList.toggle("large-text", large);
  $("size-toggle").setAttribute("aria-pressed", String(large));
}
$("size-toggle").addEventListener("click", () => {
  const large = !document.documentElement.classList.contains("large-text");
  keep(localStorage, "tiaowen.widget.large", large ? "1" : "0");
  applySize(large);
});

// Inside the embed's frame, Escape cannot reach the host page: ask it to close the widget.
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && window.parent !== window)
    window.parent.postMessage({ type: "tiaowen:close" }, "*");
});

/* ---------- start ---------- */

applySize(kept(localStorage, "tiaowen.widget.large") === "1");
applyLanguage();
try {
  const saved = JSON.parse(kept(sessionStorage, TRANSCRIPT_KEY) ?? "[]");
  if (Array.isArray(saved)) {
    transcript = saved.slice(-TRANSCRIPT_MAX);
    for (const entry of transcript) show(entry, false);
    scrollToEnd();
  }
} catch {
  transcript = [];
}

// The home law's title under the heading; the page works without it.
callApi("api/laws")
  .then((result) => {
    const home = result.ok ? result.body.laws.find((/** @type {any} */ l) => l.home) : undefined;
    if (home) {
      homeTitle = home.title;
      applyLanguage();
    }
  })
  .catch(() => {});
