/**
 * The chat widget: sends each question to POST api/ask with this tab's session id, and shows the
 * answer with its citation card; "not covered" answers show the hotline. Works at / , in an
 * iframe (/widget) and through /embed.js.
 */
import { ask, callApi, citationCard, el, errorText, sessionId } from "./dom.js";

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

/** @param {any} answer the Answer of the API */
function answerMessage(answer) {
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
    log.append(answerMessage(result.body));
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
