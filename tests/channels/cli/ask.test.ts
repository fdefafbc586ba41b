import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/answer/types.js";
import { type CliRun, runCli } from "../../helpers/cli-process.js";

/** Runs the ask CLI as the scorer does (`tsx src/channels/cli/ask.ts …`) with the given stdin. */
function setup(args: string[], stdin = ""): Promise<CliRun> {
  return runCli("src/channels/cli/ask.ts", args, { stdin });
}

const parseLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Answer);

describe("ask CLI", () => {
  it("with --json and questions on stdin, prints exactly one JSON Answer per question, in order", async () => {
    const run = await setup(["--json"], "谁负责食品安全监控\n第三十条\n怎么申请廉租房\n");
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith("\n")).toBe(true);
    const answers = parseLines(run.stdout);
    expect(answers).toHaveLength(3);
    expect(answers.map((a) => [a.intent, a.answered, a.citations[0]?.article])).toEqual([
      ["responsibility", true, 30],
      ["article_lookup", true, 30],
      ["topic", false, undefined],
    ]);
    expect(answers[0]?.departments).toContain("市、县（区）人民政府市场监督管理部门");
  }, 60_000);

  it("keeps one line per input line, blank lines and CRLF included", async () => {
    const run = await setup(["--json"], "你好\r\n\r\nWho handles food safety monitoring?");
    const answers = parseLines(run.stdout);
    expect(answers.map((a) => [a.intent, a.answered, a.lang])).toEqual([
      ["greeting", true, "zh"],
      ["topic", false, "zh"],
      ["responsibility", true, "en"],
    ]);
  }, 60_000);

  it("answers a line with a bare \\r inside once, so later answers stay against their questions", async () => {
    const run = await setup(["--json"], "你好\r谁负责食品安全监控\n第三十条\n");
    const answers = parseLines(run.stdout);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toMatchObject({ intent: "article_lookup", answered: true });
    expect(answers[1]?.citations[0]?.article).toBe(30);
  }, 60_000);

  it("with a question argument, prints one JSON answer", async () => {
    const run = await setup(["--json", "条例有几章"]);
    expect(run.code).toBe(0);
    const answers = parseLines(run.stdout);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ intent: "structure", facet: "count_chapters" });
    expect(answers[0]?.lead).toBe("《大同市智慧城市促进条例》共7章45条。");
  }, 60_000);

  it("without --json, prints the answer as text", async () => {
    const run = await setup(["谁负责", "智慧城市建设"]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("根据《大同市智慧城市促进条例》第六条（第一章 总则），负责的是")).toBe(true);
    expect(run.stdout).toContain("出处：《大同市智慧城市促进条例》第六条（第一章 总则）");
    expect(run.stdout).toContain("\n\n相关条文：");
    expect(() => JSON.parse(run.stdout)).toThrow();
  }, 60_000);

  it("prints its usage with --help", async () => {
    const run = await setup(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run --silent ask -- \[--json\]/);
  }, 60_000);

  it("fails with a message, not a stack trace, for a bad option", async () => {
    const run = await setup(["--tokenizer", "ik", "你好"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim()).toBe('ask: --tokenizer takes "node-rs" or "nodejieba", not "ik"');
  }, 60_000);
});
