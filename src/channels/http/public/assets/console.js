/**
 * The hotline console: search-as-you-type over the articles (GET api/search, highlights from the
 * offsets), the article view with its chapter and neighbours, the duty directory, replies ready to
 * read to a caller (POST api/ask, on the console's own channel) with a "copy answer" button, and
 * for staff with the admin token the "待完善问题" review (GET admin/review) and the vocabulary
 * reload (POST admin/reload). The staff are the users: a question the law does not cover gets a
 * reply they can read out and the closest provisions to decide where to transfer — never "call
 * 12345", which is where they sit.
 */
import {
  ask,
  callApi,
  citationCard,
  citationLine,
  el,
  errorText,
  highlighted,
  safeUrl,
  sessionId,
} from "./dom.js";

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const searchForm = /** @type {HTMLFormElement} */ ($("search-form"));
const search = /** @type {HTMLInputElement} */ ($("search"));
const results = $("results");
const resultsStatus = $("results-status");
const answerBox = $("answer");
const articleBox = $("article");
const placeholder = $("detail-placeholder");
const detail = $("detail");
const copyStatus = $("copy-status");
const session = sessionId("tiaowen.console.session");
/** The home law's title, for the staff wording of "not covered" (from api/laws). */
let homeTitle = "本条例";
callApi("api/laws")
  .then((result) => {
    const home = result.ok ? result.body.laws.find((/** @type {any} */ l) => l.home) : undefined;
    if (home) homeTitle = `《${home.title}》`;
  })
  .catch(() => {});

// Typing fires a search after a short pause; only the newest request's results are shown.
const SEARCH_DELAY_MS = 150;
let searchTimer = 0;
let searchSeq = 0;
/** @type {AbortController | undefined} */
let inFlight;

/** @param {string} text */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (http page, old browser, no permission): the selection trick.
    const area = el("textarea", { readonly: true, class: "offscreen" });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** @param {string} text */
function copyButton(text) {
  return el(
    "button",
    {
      type: "button",
      class: "primary copy",
      onclick: async () => {
        const ok = await copyText(text);
        copyStatus.textContent = ok ? "已复制答复，可直接朗读或粘贴。" : "复制失败，请手动选择文字复制。";
        copyStatus.dataset.copied = ok ? text : "";
      },
    },
    "复制答复",
  );
}

/** The text read to a caller: the answer, the quoted clause, and where it comes from. */
function replyText(lead, citation) {
  return citation ? `${lead}\n“${citation.quote}”\n出处：${citationLine(citation)}` : lead;
}

function showDetail() {
  placeholder.hidden = answerBox.childElementCount + articleBox.childElementCount > 0;
}

/* ---------- search ---------- */

/** @param {any} r a SearchResult */
function resultItem(r) {
  return el(
    "li",
    {},
    el(
      "button",
      {
        type: "button",
        class: "result",
        "data-article": String(r.article),
        onclick: () => openArticle(r.lawId, r.article, r.highlights),
      },
      el("span", { class: "result-head" }, el("strong", {}, r.label), r.chapter ? ` · ${r.chapter}` : ""),
      el("span", { class: "result-text" }, highlighted(r.text, r.highlights)),
    ),
  );
}

async function runSearch() {
  const q = search.value.trim();
  const seq = ++searchSeq;
  inFlight?.abort();
  if (!q) {
    results.replaceChildren();
    resultsStatus.textContent = "输入关键词开始检索，例如“食品安全”“城市APP”。";
    return;
  }
  inFlight = new AbortController();
  let result;
  try {
    result = await callApi(`api/search?${new URLSearchParams({ q, limit: "12" })}`, {
      signal: inFlight.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") return;
    result = null;
  }
  if (seq !== searchSeq) return;
  if (!result?.ok) {
    resultsStatus.textContent = errorText(result);
    return;
  }
  const hits = result.body.results;
  resultsStatus.textContent = hits.length > 0 ? `找到 ${hits.length} 条相关条文` : "没有找到相关条文";
  results.replaceChildren(...hits.map(resultItem));
}

search.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = window.setTimeout(runSearch, SEARCH_DELAY_MS);
});

search.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") {
    const first = results.querySelector("button");
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }
});

results.addEventListener("keydown", (event) => {
  const buttons = [...results.querySelectorAll("button")];
  const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
  if (at === -1) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) search.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  }
});

/* ---------- answer ---------- */

/** What staff can read out when the law does not cover the question. */
function staffReply() {
  return `${homeTitle}未对此作出规定。可告知来电人：该事项条例中没有规定；如需办理，请按职责转接承办部门或登记工单。`;
}

/**
 * Buttons that open articles in the pane beside: the closest provisions, related articles.
 * @param {string} title
 * @param {Array<{lawId: string, article: number, label: string, gist?: string, law?: string}>} items
 */
function articleChips(title, items) {
  return el(
    "div",
    { class: "answer-articles", role: "group", "aria-label": title },
    el("p", { class: "answer-articles-title" }, title),
    ...items.map((r) =>
      el(
        "button",
        { type: "button", class: "chip", onclick: () => openArticle(r.lawId, r.article) },
        `${r.label}${r.gist ? ` ${r.gist}` : ""}`,
      ),
    ),
  );
}

/** The closest provisions for a question the law did not answer: the core's, else the search's. */
async function closestProvisions(/** @type {any} */ a, /** @type {string} */ q) {
  if (a.candidates.length > 0) return a.candidates;
  try {
    const result = await callApi(`api/search?${new URLSearchParams({ q, limit: "3" })}`);
    if (!result.ok) return [];
    return result.body.results.map((/** @type {any} */ r) => ({
      lawId: r.lawId,
      article: r.article,
      label: r.label,
      gist: r.text.length > 16 ? `${r.text.slice(0, 16)}…` : r.text,
    }));
  } catch {
    return [];
  }
}

/** The suggested reply to a caller's question, from the Answer's fields. */
async function answerSection(/** @type {any} */ a, /** @type {string} */ q) {
  const first = a.citations[0];
  const covered = a.answered;
  const closest = covered ? a.candidates : await closestProvisions(a, q);
  const lead = covered ? a.lead : staffReply();
  return el(
    "section",
    { class: `answer${covered ? "" : " not-covered"}`, "aria-label": "建议答复" },
    el("h2", {}, "建议答复"),
    el("p", { class: "question" }, `来电问题：${q}`),
    el("p", { class: "lead" }, lead),
    first ? citationCard(first, a.departments) : null,
    ...a.notes.map((/** @type {string} */ n) => el("p", { class: "note" }, n)),
    ...a.contacts.map((/** @type {any} */ c) =>
      el(
        "p",
        { class: "contact" },
        `联系（${c.department}）：${[c.office, c.phone, c.address, c.hours].filter(Boolean).join("，")}`,
      ),
    ),
    el("p", { class: "actions" }, copyButton(replyText(lead, first))),
    closest.length > 0
      ? articleChips(covered ? "您是不是想问：" : "最接近的条文（供判断承办部门）：", closest)
      : null,
    ...a.elsewhere.map((/** @type {any} */ cite) =>
      el(
        "div",
        { class: "elsewhere" },
        el("p", {}, "其他法规中的相关规定（不适用于本地，仅供参考）："),
        citationCard(cite),
      ),
    ),
    a.related.length > 0 ? articleChips("相关条文：", a.related) : null,
  );
}

searchForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const q = search.value.trim();
  if (!q) return;
  // A new question: the article opened for the previous one no longer belongs here.
  articleBox.replaceChildren();
  answerBox.replaceChildren(el("p", { class: "status" }, "正在生成答复…"));
  showDetail();
  let result = null;
  try {
    result = await ask(q, session, "console");
  } catch {
    result = null;
  }
  if (!result?.ok) {
    answerBox.replaceChildren(el("p", { class: "status error" }, errorText(result)));
    return;
  }
  answerBox.replaceChildren(await answerSection(result.body, q));
  showDetail();
});

/* ---------- article view ---------- */

/**
 * @param {string} lawId
 * @param {number} n
 * @param {Array<{start: number, end: number}>} [highlights] from the search that led here
 */
async function openArticle(lawId, n, highlights = []) {
  let result = null;
  try {
    result = await callApi(`api/laws/${encodeURIComponent(lawId)}/articles/${n}`);
  } catch {
    result = null;
  }
  if (!result?.ok) {
    articleBox.replaceChildren(el("p", { class: "status error" }, errorText(result)));
    showDetail();
    return;
  }
  const v = result.body;
  const cite = { law: v.law, label: v.label, chapter: v.chapter, quote: v.text };
  const url = safeUrl(v.url);
  const go = (/** @type {any} */ ref, /** @type {string} */ text) =>
    ref
      ? el("button", { type: "button", class: "chip", onclick: () => openArticle(lawId, ref.article) }, text)
      : null;
  articleBox.replaceChildren(
    el(
      "article",
      { class: "article-view", "aria-labelledby": "article-heading" },
      el("h2", { id: "article-heading" }, `《${v.law}》${v.label}`),
      el("p", { class: "article-where" }, [v.chapter, v.section].filter(Boolean).join(" · ") || "（无章节）"),
      el("div", { class: "article-text" }, highlighted(v.text, highlights)),
      v.departments.length > 0
        ? el(
            "p",
            { class: "article-departments" },
            `涉及部门：${[...new Set(v.departments.map((d) => d.name))].join("、")}`,
          )
        : null,
      el(
        "p",
        { class: "actions" },
        copyButton(replyText(`根据${citationLine(cite)}的规定：`, cite)),
        url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "查看官方原文") : null,
      ),
      el(
        "nav",
        { class: "neighbours", "aria-label": "相邻条文" },
        go(v.previous, `← ${v.previous?.label}`),
        go(v.next, `${v.next?.label} →`),
      ),
      v.chapterArticles.length > 0
        ? el(
            "nav",
            { class: "chapter-articles", "aria-label": `${v.chapter ?? ""}的条文` },
            el("h3", {}, `本章条文 · ${v.chapter ?? ""}`),
            el(
              "ol",
              {},
              ...v.chapterArticles.map((/** @type {any} */ a) =>
                el(
                  "li",
                  {},
                  a.article === v.article
                    ? el("span", { class: "current", "aria-current": "true" }, `${a.label} ${a.gist}`)
                    : el(
                        "button",
                        { type: "button", class: "link", onclick: () => openArticle(lawId, a.article) },
                        `${a.label} ${a.gist}`,
                      ),
                ),
              ),
            ),
          )
        : null,
    ),
  );
  showDetail();
  articleBox.scrollIntoView({ block: "nearest" });
  detail.focus({ preventScroll: true });
}

/* ---------- directory ---------- */

const directoryBox = $("directory");
const directoryStatus = $("directory-status");
const directoryFilter = /** @type {HTMLInputElement} */ ($("directory-filter"));
/** @type {any[] | undefined} */
let directory;

function renderDirectory() {
  if (!directory) return;
  const f = directoryFilter.value.trim();
  const shown = directory.filter(
    (d) =>
      !f ||
      d.department.includes(f) ||
      d.names.some((n) => n.includes(f)) ||
      d.duties.some((x) => x.duty.includes(f)),
  );
  directoryStatus.textContent = `${shown.length} 个部门`;
  directoryBox.replaceChildren(
    ...shown.map((d) =>
      el(
        "details",
        { class: "department" },
        el("summary", {}, el("strong", {}, d.department), ` · ${d.duties.length} 项职责`),
        d.names.length > 1 || d.names[0] !== d.department
          ? el("p", { class: "names" }, `法规中写作：${d.names.join("；")}`)
          : null,
        el(
          "ul",
          {},
          ...d.duties.map((x) =>
            el(
              "li",
              { class: x.role === "actor" ? "duty actor" : "duty" },
              el(
                "button",
                { type: "button", class: "chip", onclick: () => openArticle(x.lawId, x.article) },
                x.label,
              ),
              el("span", {}, x.duty),
            ),
          ),
        ),
      ),
    ),
  );
}

async function loadDirectory() {
  if (directory) return;
  directoryStatus.textContent = "正在载入部门职责…";
  let result = null;
  try {
    result = await callApi("api/departments");
  } catch {
    result = null;
  }
  if (!result?.ok) {
    directoryStatus.textContent = errorText(result);
    return;
  }
  directory = result.body.departments;
  renderDirectory();
}

directoryFilter.addEventListener("input", renderDirectory);

/* ---------- review (待完善问题) ---------- */

// The admin token lives for this tab only: entered once, gone when the tab closes.
const TOKEN_KEY = "tiaowen.console.adminToken";
const reviewLogin = /** @type {HTMLFormElement} */ ($("review-login"));
const reviewToken = /** @type {HTMLInputElement} */ ($("review-token"));
const reviewTools = $("review-tools");
const reviewRange = /** @type {HTMLFormElement} */ ($("review-range"));
const reviewFrom = /** @type {HTMLInputElement} */ ($("review-from"));
const reviewTo = /** @type {HTMLInputElement} */ ($("review-to"));
const reviewStatus = $("review-status");
const reviewGroups = $("review-groups");
const reloadButton = /** @type {HTMLButtonElement} */ ($("review-reload"));

function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
  } catch {
    return "";
  }
}

/** @param {string} token empty to forget it */
function storeToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage blocked: the token lives as long as the page
  }
  memoryToken = token;
}
let memoryToken = storedToken();

/** A local day as YYYY-MM-DD. */
function day(/** @type {Date} */ d) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function showLogin(/** @type {string} */ message) {
  reviewLogin.hidden = false;
  reviewTools.hidden = true;
  reviewGroups.replaceChildren();
  reviewStatus.textContent = message;
  reviewToken.focus();
}

/**
 * Calls an admin route with the token; a 401 forgets the token and asks for it again.
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function callAdmin(path, init = {}) {
  let result = null;
  try {
    result = await callApi(path, {
      ...init,
      headers: { Accept: "application/json", Authorization: `Bearer ${memoryToken}` },
    });
  } catch {
    result = null;
  }
  if (result?.status === 401) {
    storeToken("");
    showLogin("令牌无效或已更换，请重新输入管理员令牌。");
    return null;
  }
  return result;
}

const COUNT_LABELS = /** @type {const} */ ([
  ["unanswered", "未回答"],
  ["lowConfidence", "把握不足"],
  ["down", "👎 没帮助"],
  ["up", "👍 有帮助"],
]);

/** @param {any} g a ReviewGroup */
function reviewItem(g) {
  const counts = COUNT_LABELS.filter(([k]) => g.counts[k] > 0).map(([k, label]) => `${label} ${g.counts[k]}`);
  const now = g.now
    ? g.now.answered
      ? `现在：已能回答${g.now.citation ? `（${g.now.citation}）` : ""}`
      : "现在：仍未回答"
    : null;
  return el(
    "li",
    { class: "review-group", "data-normalized": g.normalized },
    el(
      "p",
      { class: "review-head" },
      el("strong", { class: "review-question" }, g.normalized),
      el("span", { class: "review-total", title: "未回答、把握不足与“没帮助”的次数" }, `${g.total} 次`),
    ),
    el(
      "p",
      { class: "review-counts" },
      [...counts, ...(g.residents > 0 ? [`${g.residents} 位市民`] : [])].join(" · "),
    ),
    g.examples.length > 0 ? el("p", { class: "review-examples" }, `问法：${g.examples.join("；")}`) : null,
    g.candidates.length > 0
      ? el(
          "p",
          { class: "review-candidates" },
          "最接近的条文：",
          ...g.candidates.map((/** @type {any} */ c) =>
            el(
              "button",
              {
                type: "button",
                class: "chip",
                title: `${c.law}：覆盖问题的 ${Math.round(c.coverage * 100)}%`,
                onclick: () => openArticle(c.lawId, c.article),
              },
              `${c.label} ${Math.round(c.coverage * 100)}%`,
            ),
          ),
        )
      : el("p", { class: "review-candidates" }, "没有相近的条文"),
    now ? el("p", { class: `review-now${g.now.answered ? " answered" : ""}` }, now) : null,
  );
}

/** Whether the server has ADMIN_TOKEN set (filled into the page); without it review is off. */
const adminOn = document.body.dataset.admin === "on";

async function loadReview() {
  if (!adminOn) {
    reviewLogin.hidden = true;
    reviewTools.hidden = true;
    reviewStatus.textContent =
      "“待完善问题”尚未开启：服务器没有设置管理员令牌（ADMIN_TOKEN）。请运维人员设置 ADMIN_TOKEN 并重启服务后使用。";
    return;
  }
  if (!memoryToken) {
    showLogin("");
    return;
  }
  reviewLogin.hidden = true;
  reviewTools.hidden = false;
  reviewStatus.textContent = "正在载入…";
  const query = new URLSearchParams({ from: reviewFrom.value, to: reviewTo.value });
  const result = await callAdmin(`admin/review?${query}`);
  if (!result) return;
  if (!result.ok) {
    reviewStatus.textContent = result.body?.error?.message ?? errorText(result);
    return;
  }
  const groups = result.body.groups;
  reviewStatus.textContent =
    groups.length > 0
      ? `${reviewFrom.value} 至 ${reviewTo.value}：${groups.length} 个待完善问题，按次数排列`
      : `${reviewFrom.value} 至 ${reviewTo.value}：没有待完善的问题`;
  reviewGroups.replaceChildren(...groups.map(reviewItem));
}

reviewLogin.addEventListener("submit", (event) => {
  event.preventDefault();
  storeToken(reviewToken.value.trim());
  reviewToken.value = "";
  loadReview();
});

reviewRange.addEventListener("submit", (event) => {
  event.preventDefault();
  loadReview();
});

$("review-logout").addEventListener("click", () => {
  storeToken("");
  showLogin("已退出。");
});

reloadButton.addEventListener("click", async () => {
  reloadButton.disabled = true;
  reviewStatus.textContent = "正在重新加载词库…";
  const result = await callAdmin("admin/reload", { method: "POST" });
  reloadButton.disabled = false;
  if (!result) return;
  if (!result.ok) {
    reviewStatus.textContent = `词库有误，仍在使用原来的词库：${result.body?.error?.message ?? errorText(result)}`;
    return;
  }
  const others = result.body.others > 0 ? `，并通知了另外 ${result.body.others} 个实例` : "";
  await loadReview();
  reviewStatus.textContent = `词库已重新加载（第 ${result.body.generation} 版，用时 ${result.body.ms} 毫秒${others}）。${reviewStatus.textContent}`;
});

{
  const today = new Date();
  reviewTo.value = day(today);
  reviewFrom.value = day(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6));
}

/* ---------- tabs ---------- */

const tabs = /** @type {Array<[HTMLElement, HTMLElement]>} */ ([
  [$("tab-search"), $("search-pane")],
  [$("tab-directory"), $("directory-pane")],
  [$("tab-review"), $("review-pane")],
]);
for (const [tab, pane] of tabs) {
  tab.addEventListener("click", () => {
    for (const [t, p] of tabs) {
      t.setAttribute("aria-pressed", String(t === tab));
      p.hidden = p !== pane;
    }
    if (pane.id === "directory-pane") loadDirectory();
    if (pane.id === "review-pane") loadReview();
  });
}

showDetail();
search.focus();
