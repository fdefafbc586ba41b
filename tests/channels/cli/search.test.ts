import { describe, expect, it } from "vitest";
import { type CliRun, runCli } from "../../helpers/cli-process.js";

/** Runs the search CLI as the scorer does, with the given stdin, on the default corpus. */
function setup(args: string[], stdin = ""): Promise<CliRun> {
  return runCli("src/channels/cli/search.ts", args, {
    stdin,
    env: { ...process.env, CORPUS_DIRS: "", HOME_LAWS: "" },
  });
}

interface Line {
  hits: Array<{ law: string; lawId: string; article: number; label: string; score: number }>;
}

describe("search CLI", () => {
  it("with --json prints one line of hits per \\n-terminated question, in order, best first", async () => {
    const run = await setup(
      ["--json", "--limit", "3", "--no-cache"],
      "谁负责食品安全监控\r\n\r\n智慧\r旅游\n",
    );
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(3);
    expect(lines[0]?.hits).toHaveLength(3);
    expect(lines[0]?.hits[0]).toMatchObject({
      law: "大同市智慧城市促进条例",
      article: 30,
      label: "第三十条",
    });
    expect(lines[0]?.hits[0]?.lawId).toMatch(/\w/);
    const scores = lines[0]?.hits.map((h) => h.score) ?? [];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(lines[1]).toEqual({ hits: [] });
    expect(lines[2]?.hits[0]?.article).toBe(38);
  }, 60_000);

  it("without --json prints a readable list", async () => {
    const run = await setup(["--limit", "2", "--no-cache", "食品安全监控"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("? 食品安全监控");
    expect(run.stdout).toContain("1. 《大同市智慧城市促进条例》第三十条");
  }, 60_000);

  it("refuses a bad --limit with a message that says what it takes", async () => {
    const run = await setup(["--json", "--limit", "zero"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--limit takes a whole number from 1 to 1000, not "zero"');
  }, 60_000);
});
