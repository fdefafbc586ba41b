/**
 * The review as a plain-text table for the terminal (`npm run report`): the same groups as the
 * console's "待完善问题" view, one line each, columns aligned for Chinese text (a Han character
 * takes two columns of a terminal).
 */
import type { TimeRange } from "./records.js";
import type { ReviewGroup } from "./review.js";

/** Columns a string takes in a terminal: two for wide (CJK, full-width) characters, one otherwise. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** `text` cut to at most `width` columns (ending in "…" when cut) and padded to exactly `width`. */
export function padColumn(text: string, width: number, align: "left" | "right" = "left"): string {
  let out = text.replace(/\s+/g, " ");
  if (displayWidth(out) > width) {
    let cut = "";
    for (const ch of out) {
      if (displayWidth(`${cut}${ch}…`) > width) break;
      cut += ch;
    }
    out = `${cut}…`;
  }
  const pad = " ".repeat(Math.max(0, width - displayWidth(out)));
  return align === "left" ? out + pad : pad + out;
}

const COLUMNS = [
  { title: "次数", width: 4, align: "right" },
  { title: "未答", width: 4, align: "right" },
  { title: "低", width: 3, align: "right" },
  { title: "👎", width: 3, align: "right" },
  { title: "👍", width: 3, align: "right" },
  { title: "市民", width: 4, align: "right" },
  { title: "问题（规范化）", width: 32, align: "left" },
  { title: "最接近的条文", width: 30, align: "left" },
  { title: "现在", width: 18, align: "left" },
] as const;

/** A local day as YYYY-MM-DD. */
function day(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The report: a heading with the range, a header row, one row per group. */
export function formatReport(groups: readonly ReviewGroup[], range: TimeRange): string {
  const last = new Date(range.to.getTime() - 1);
  const heading = `待完善问题 ${day(range.from)} 至 ${day(last)}：${groups.length} 组`;
  if (groups.length === 0) return `${heading}\n（没有未回答或被评为“没帮助”的问题）\n`;
  const row = (cells: string[]) =>
    COLUMNS.map((c, i) => padColumn(cells[i] ?? "", c.width, c.align))
      .join("  ")
      .trimEnd();
  const lines = [heading, "", row(COLUMNS.map((c) => c.title))];
  lines.push(COLUMNS.map((c) => "-".repeat(c.width)).join("  "));
  for (const g of groups) {
    const candidates = g.candidates.map((c) => `${c.label} ${Math.round(c.coverage * 100)}%`).join("、");
    const now = g.now ? (g.now.answered ? `已能回答 ${g.now.citation ?? ""}`.trim() : "仍未回答") : "";
    lines.push(
      row([
        String(g.total),
        String(g.counts.unanswered),
        String(g.counts.lowConfidence),
        String(g.counts.down),
        String(g.counts.up),
        String(g.residents),
        g.normalized,
        candidates || "—",
        now,
      ]),
    );
  }
  return `${lines.join("\n")}\n`;
}
