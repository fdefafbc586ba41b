/**
 * The duty directory (/departments) as pages of a Telegram message: each department with the
 * articles that give it a duty. The pages are laid out once, when the bot is built (the
 * directory does not change while the process runs); the buttons turn pages by editing the
 * message in place instead of sending a new one.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { DirectoryEntry } from "../../mod.js";
import { encodeButton } from "./buttons.js";
import { escapeHtml, MESSAGE_BUDGET } from "./render.js";

/** Options of {@link renderDirectory}. */
export interface DirectoryOptions {
  /** Departments per page. Default 5: a page that fits on a phone screen without scrolling far. */
  perPage?: number;
  /** Duty sentences shown per department; further articles are listed by number only. Default 3. */
  dutiesShown?: number;
  /** Characters of a duty sentence shown. Default 48. */
  dutyChars?: number;
}

/** One page, ready to send or to put in place of another page. */
export interface DirectoryPage {
  html: string;
  keyboard?: InlineKeyboardMarkup;
}

const DEFAULTS = { perPage: 5, dutiesShown: 3, dutyChars: 48 } as const;

/** Lays the directory out in pages; there is always at least one page. */
export function renderDirectory(
  directory: readonly DirectoryEntry[],
  options: DirectoryOptions = {},
): DirectoryPage[] {
  const { perPage, dutiesShown, dutyChars } = { ...DEFAULTS, ...options };
  const laws = new Set(directory.flatMap((e) => e.duties.map((d) => d.lawId)));
  const withLaw = laws.size > 1;
  const sections = directory.map((entry) => {
    const lines = [`<b>${escapeHtml(entry.department)}</b>（${entry.duties.length}条）`];
    for (const d of entry.duties.slice(0, dutiesShown)) {
      const where = withLaw ? `《${d.lawTitle}》${d.label}` : d.label;
      const duty = d.duty.length > dutyChars ? `${d.duty.slice(0, dutyChars)}…` : d.duty;
      lines.push(`· ${escapeHtml(where)}：${escapeHtml(duty)}`);
    }
    const more = entry.duties.slice(dutiesShown);
    if (more.length > 0) {
      lines.push(`· 另有${more.length}条：${escapeHtml(more.map((d) => d.label).join("、"))}`);
    }
    return lines.join("\n");
  });

  // Pages of `perPage` departments, and never more than one message can hold.
  const groups: string[][] = [];
  let group: string[] = [];
  let size = 0;
  for (const section of sections) {
    const length = section.length + 2;
    if (group.length > 0 && (group.length >= perPage || size + length > MESSAGE_BUDGET - 200)) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(section);
    size += length;
  }
  if (group.length > 0 || groups.length === 0) groups.push(group);

  return groups.map((sectionsOfPage, page) => {
    const header =
      groups.length > 1 ? `<b>部门职责目录</b>（第${page + 1}/${groups.length}页）` : "<b>部门职责目录</b>";
    const body =
      sectionsOfPage.length > 0 ? sectionsOfPage.join("\n\n") : "条例中没有找到写明具体职责的部门。";
    const html = `${header}\n条例为各部门规定的职责，按部门列出。查看某一条原文：/article 条号\n\n${body}`;
    const nav: InlineKeyboardButton[] = [];
    const previous = encodeButton({ kind: "directory", page: page - 1 });
    const next = encodeButton({ kind: "directory", page: page + 1 });
    if (page > 0 && previous) nav.push({ text: "◀ 上一页", callback_data: previous });
    if (page < groups.length - 1 && next) nav.push({ text: "下一页 ▶", callback_data: next });
    return nav.length > 0 ? { html, keyboard: { inline_keyboard: [nav] } } : { html };
  });
}
