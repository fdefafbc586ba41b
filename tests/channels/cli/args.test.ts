import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../../src/channels/cli/args.js";

function setup(...argv: string[]) {
  return parseCliArgs(argv);
}

describe("parseCliArgs", () => {
  it("has no options by default and keeps the words of the question", () => {
    expect(setup("谁负责", "食品安全")).toEqual({
      bot: {},
      json: false,
      help: false,
      words: ["谁负责", "食品安全"],
    });
  });

  it("reads --json, --help and -h", () => {
    expect(setup("--json").json).toBe(true);
    expect(setup("--help").help).toBe(true);
    expect(setup("-h").help).toBe(true);
  });

  it("reads corpus folders, repeated or comma-separated", () => {
    expect(setup("--corpus", "seeds,corpus/a", "--corpus", "corpus/b").bot.corpusDirs).toEqual([
      "seeds",
      "corpus/a",
      "corpus/b",
    ]);
  });

  it("reads the tokenizer and home laws", () => {
    expect(setup("--tokenizer", "nodejieba", "--home", "大同市智慧城市促进条例").bot).toEqual({
      tokenizer: "nodejieba",
      homeLaws: ["大同市智慧城市促进条例"],
    });
  });

  it("refuses an unknown tokenizer with the names that work", () => {
    expect(() => setup("--tokenizer", "ik")).toThrow('--tokenizer takes "node-rs" or "nodejieba", not "ik"');
  });

  it("refuses an unknown option", () => {
    expect(() => setup("--jsn")).toThrow(/--jsn/);
  });
});
