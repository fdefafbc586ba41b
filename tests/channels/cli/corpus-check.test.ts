/**
 * `npm run corpus:check` as a deployer runs it: a real process over a real folder, its output
 * read line by line and its exit status checked.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "../../helpers/cli-process.js";
import { FIXTURES_DIR, SEED_FILE } from "../../helpers/fixtures.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `tsx src/channels/cli/corpus-check.ts …` (what the npm script runs), without CORPUS_DIRS. */
function run(args: string[]): Promise<CliRun> {
  return runCli("src/channels/cli/corpus-check.ts", args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

/** A corpus folder: the seed, a file whose front matter is broken, and a law numbered out of order. */
function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-check-"));
  made.push(dir);
  copyFileSync(SEED_FILE, join(dir, "大同市智慧城市促进条例.md"));
  writeFileSync(join(dir, "坏.md"), "---\ntitle: 甲条例\ntitle: 乙条例\n---\n\n第一条 内容。\n");
  writeFileSync(join(dir, "示例市条例.md"), "# 示例市条例\n\n第一条 甲。\n\n第三条 丙。\n\n第二条 乙。\n");
  return dir;
}

describe("corpus:check", () => {
  it("prints its usage for --help and exits 0", async () => {
    const { code, stdout, stderr } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.split("\n")[0]).toBe(
      "usage: npm run corpus:check -- [--corpus DIR]… [--quiet] [--strict] [DIR…]",
    );
    expect(stdout).toContain("Exit status: 0 when every file was read, 1 when a file could not be read");
  });

  it("names an unknown option, shows the usage and exits 2", async () => {
    const { code, stderr } = await run(["--bogus"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe("corpus:check: unknown option --bogus");
    expect(stderr).toContain("usage: npm run corpus:check");
  });

  it("lists warnings and unreadable files as path:line: problem, and exits 1 when a file could not be read", async () => {
    const dir = setup();
    const { code, stdout } = await run(["--corpus", dir]);
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    expect(lines).toContain(
      `  warning: ${join(dir, "示例市条例.md")}:7: 第二条 comes after 第三条; it is read where it stands`,
    );
    expect(lines.find((l) => l.startsWith("UNREADABLE: "))).toMatch(
      new RegExp(
        `^UNREADABLE: ${join(dir, "坏.md")}:3: front matter is not valid YAML: duplicated mapping key`,
      ),
    );
    expect(lines.at(-2)).toMatch(
      new RegExp(
        `^2 laws read \\(48 articles\\) from ${dir} in \\d+\\.\\d s; 1 files could not be read; 2 warnings in 1 laws$`,
      ),
    );
  });

  it("reads every irregular shape of the fixtures and exits 0", async () => {
    const { code, stdout } = await run([join(FIXTURES_DIR, "irregular"), "--quiet"]);
    expect(code).toBe(0);
    expect(stdout).toContain("\t0 chapters\t");
    expect(stdout).toMatch(
      /\n10 laws read \(\d+ articles\) from .* 0 files could not be read; \d+ warnings in \d+ laws\n$/,
    );
  });

  it("with --strict, exits 1 on warnings too", async () => {
    const { code } = await run(["--strict", join(FIXTURES_DIR, "irregular")]);
    expect(code).toBe(1);
  });
});
