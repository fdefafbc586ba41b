/**
 * `npm run report` as staff run it: a child process reading the feedback file of the
 * configuration and printing the review of a date range.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rating, unanswered } from "../../helpers/feedback.js";
import { ROOT } from "../../helpers/main-process.js";

function setup(lines: object[]) {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-report-"));
  const file = join(dir, "feedback.jsonl");
  writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
  return (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/channels/cli/report.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: "Asia/Shanghai", FEEDBACK_FILE: file },
    });
}

describe("npm run report", () => {
  const run = setup([
    unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-01T18:00:00.000Z"),
    unanswered("誰負責舌尖安全", "谁负责舌尖安全", "2024-05-02T01:00:00.000Z"),
    rating("第三十条讲什么", "第三十条讲什么", "2024-05-02T02:00:00.000Z", "down"),
    unanswered("网约车归谁管", "网约车归谁管", "2024-06-10T02:00:00.000Z"),
  ]);

  it("prints the groups of the range, local days included, with what the bot answers now", () => {
    const r = run(["--from", "2024-05-02", "--to", "2024-05-31"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("待完善问题 2024-05-02 至 2024-05-31：2 组");
    // 2024-05-01T18:00Z is already 2 May in Shanghai.
    expect(lines[4]).toMatch(/^ {3}2 {5}2 .* 谁负责舌尖安全 +第.+条 \d+%.* 仍未回答$/);
    expect(lines[5]).toMatch(/第三十条讲什么.*已能回答 第三十条$/);
    expect(r.stdout).not.toContain("网约车");
  }, 30_000);

  it("prints JSON with --json, and refuses a malformed day", () => {
    const json = run(["--from", "2024-06-01", "--to", "2024-06-30", "--json", "--no-check"]);
    const parsed = JSON.parse(json.stdout) as { groups: Array<{ normalized: string; now?: unknown }> };
    expect(parsed.groups.map((g) => g.normalized)).toEqual(["网约车归谁管"]);
    expect(parsed.groups[0]?.now).toBeUndefined();
    const bad = run(["--from", "May 1"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^report: from must be a day like 2024-05-01/);
  }, 30_000);
});
