/**
 * The chat widget: sends each question to POST api/ask with this tab's session id, and shows the
 * answer with its citation card; "not covered" answers show the hotline. Each answer can be rated
 * 👍/👎 (POST api/feedback with the answer's X-Answer-Id). Works at / , in an iframe (/widget) and
 * through /embed.js.
 */
import { ask, callApi, citationCard, el, errorText, rate, sessionId } from "./dom.js";

const log = /** @type {HTMLElement} */ (document.getElementById("log"));
const form = /** @type {HTMLFormElement} */ (document.getElementById("ask-form"));
const input = /** @type {HTMLTextAreaElement} */ (document.getElementById("q"));
const send = /** @type {HTMLButtonElement} */ (document.getElementById("send"));
const hotlineTemplate = /** @type {HTMLTemplateElement} */ (document.getElementById("hotline-template"));
const session = sessionId("tiaowen.widget.session");
let busy = false;

function hotline() {
  return el("p", { class: "hotline-line" }, hotlineTemplate.content.cloneNode(true));
}

function scrollToEnd() {
  log.scrollTop = log.scrollHeight;
}

/**
 * 👍/👎 under an answer. One rating per answer: the buttons are disabled once it is sent.
 * @param {string} answerId
 */
function ratingButtons(answerId) {
  const note = el("span", { class: "rate-note", role: "status" }, "这条答复有帮助吗？");
  /** @type {HTMLButtonElement[]} */
  const buttons = [];
  const send = async (/** @type {"up" | "down"} */ rating, /** @type {HTMLButtonElement} */ pressed) => {
    for (const b of buttons) b.disabled = true;
    pressed.setAttribute("aria-pressed", "true");
    let result = null;
    try {
      result = await rate(answerId, rating);
    } catch {
      result = null;
    }
    if (result?.ok) {
      note.textContent = rating === "up" ? "感谢您的反馈！" : "感谢反馈，我们会据此改进答复。";
    } else if (result?.status === 404) {
      note.textContent = "这条答复已无法评价。";
    } else {
      // Not sent (network, rate limit): let the resident try again.
      note.textContent = "反馈没有发送成功，请稍后再试。";
      pressed.setAttribute("aria-pressed", "false");
      for (const b of buttons) b.disabled = false;
    }
  };
  for (const [rating, label, text] of /** @type {const} */ ([
    ["up", "有帮助", "👍 有帮助"],
    ["down", "没帮助", "👎 没帮助"],
  ])) {
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
        text,
      )
    );
    button.addEventListener("click", () => send(rating, button));
    buttons.push(button);
  }
  return el("div", { class: "rate", role: "group", "aria-label": "评价这条答复" }, note, ...buttons);
}

/**
 * @param {any} answer the Answer of the API
 * @param {string | null} answerId what a rating refers to (absent: no rating buttons)
 */
function answerMessage(answer, answerId) {
  const msg = el("div", { class: `msg bot${answer.answered ? "" : " not-covered"}` });
  msg.append(el("p", { class: "lead" }, answer.lead));
  const first = answer.citations[0];
  if (first) msg.append(citationCard(first, answer.departments));
  if (!answer.answered) msg.append(hotline());
  if (answer.related.length > 0) {
    msg.append(
      el(
        "div",
        { class: "related", role: "group", "aria-label": "相关条文" },
        el("span", { class: "related-title" }, "相关条文："),
        ...answer.related.map((r) =>
          el(
            "button",
            { type: "button", class: "chip related-item", title: r.gist, onclick: () => submit(r.label) },
            r.label,
          ),
        ),
      ),
    );
  }
  if (answerId) msg.append(ratingButtons(answerId));
  return msg;
}

/** @param {string} question */
async function submit(question) {
  const q = question.trim();
  if (!q || busy) return;
  busy = true;
  send.disabled = true;
  log.append(el("div", { class: "msg user" }, el("p", {}, q)));
  const pending = el(
    "div",
    { class: "msg bot pending", "aria-busy": "true" },
    el("p", {}, "正在查找相关条文…"),
  );
  log.append(pending);
  scrollToEnd();
  let result = null;
  try {
    result = await ask(q, session);
  } catch {
    result = null;
  }
  pending.remove();
  if (result?.ok) {
    log.append(answerMessage(result.body, result.headers.get("X-Answer-Id")));
  } else {
    log.append(
      el("div", { class: "msg bot error" }, el("p", { class: "lead" }, errorText(result)), hotline()),
    );
  }
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
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
}
input.addEventListener("input", resize);

for (const button of document.querySelectorAll(".starter")) {
  button.addEventListener("click", () => {
    submit(button.textContent ?? "");
    input.focus();
  });
}

// The home law's title under the heading; the page works without it.
callApi("api/laws")
  .then((result) => {
    const home = result.ok ? result.body.laws.find((l) => l.home) : undefined;
    if (home)
      /** @type {HTMLElement} */ (document.getElementById("law-title")).textContent = `依据《${home.title}》`;
  })
  .catch(() => {});
