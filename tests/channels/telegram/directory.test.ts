import { beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import { renderDirectory } from "../../../src/channels/telegram/directory.js";
import type { DirectoryEntry } from "../../../src/understand/departments.js";
import { parseTelegramHtml } from "../../helpers/fake-telegram.js";

let core: Bot;
beforeAll(async () => {
  core = await createBot();
});

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.text;
}

describe("renderDirectory", () => {
  it("lists every department once, in pages that Telegram accepts", () => {
    const pages = renderDirectory(core.directory);
    expect(pages.length).toBe(Math.ceil(core.directory.length / 5));
    const text = pages.map((p) => visible(p.html));
    for (const t of text) expect(t.length).toBeLessThanOrEqual(4096);
    for (const entry of core.directory) {
      const heading = `${entry.department}（${entry.duties.length}条）`;
      expect(text.filter((t) => t.split("\n").includes(heading))).toHaveLength(1);
    }
  });

  it("numbers the pages and links each to its neighbours", () => {
    const pages = renderDirectory(core.directory);
    const n = pages.length;
    expect(visible(pages[0]?.html ?? "")).toMatch(new RegExp(`^部门职责目录（第1/${n}页）`));
    expect(pages[0]?.keyboard?.inline_keyboard).toEqual([[{ text: "下一页 ▶", callback_data: "dir:1" }]]);
    expect(
      pages[1]?.keyboard?.inline_keyboard[0]?.map((b) =>
        "callback_data" in b ? b.callback_data : undefined,
      ),
    ).toEqual(n > 2 ? ["dir:0", "dir:2"] : ["dir:0"]);
    expect(pages.at(-1)?.keyboard?.inline_keyboard).toEqual([
      [{ text: "◀ 上一页", callback_data: `dir:${n - 2}` }],
    ]);
  });

  it("shows a few duties of a busy department and the numbers of the rest", () => {
    const government = core.directory.find((e) => e.department === "市、县（区）人民政府");
    expect(government?.duties.length).toBeGreaterThan(3);
    const page = visible(renderDirectory(core.directory)[0]?.html ?? "");
    const first = government?.duties[0];
    expect(page).toContain(`· ${first?.label}：${first?.duty.slice(0, 48)}…`);
    expect(page).not.toContain(government?.duties[3]?.duty.slice(0, 20));
    expect(page).toContain(`· 另有${(government?.duties.length ?? 0) - 3}条：`);
  });

  it("escapes names and duties, and names the law when there are several", () => {
    const entry = (law: string): DirectoryEntry["duties"][number] => ({
      lawId: law,
      lawTitle: `${law}条例`,
      article: 3,
      label: "第三条",
      duty: "噪声<45分贝 & 夜间",
      role: "actor",
    });
    const directory: DirectoryEntry[] = [
      { department: "A&B<部门>", names: ["A&B<部门>"], duties: [entry("甲"), entry("乙")] },
    ];
    const [page] = renderDirectory(directory);
    expect(page?.html).toContain("<b>A&amp;B&lt;部门&gt;</b>");
    expect(visible(page?.html ?? "")).toContain("· 《甲条例》第三条：噪声<45分贝 & 夜间");
    expect(page?.keyboard).toBeUndefined();
  });

  it("has one page even for an empty directory", () => {
    const pages = renderDirectory([]);
    expect(pages).toHaveLength(1);
    expect(visible(pages[0]?.html ?? "")).toContain("条例中没有找到写明具体职责的部门。");
  });
});
