import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TABLE_FILES } from "../../src/search/learned/tables.js";
import { ROOT } from "../helpers/fixtures.js";
import { LEARN_FIXTURE } from "../helpers/learn.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `npm run learn` as a maintainer runs it, on the fixture, into a fresh folder. */
function runLearn(extra: string[] = []) {
  const out = mkdtempSync(join(tmpdir(), "tiaowen-learn-"));
  dirs.push(out);
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/learn/main.ts",
      "--corpus",
      LEARN_FIXTURE.corpus,
      "--questions",
      LEARN_FIXTURE.questions,
      "--out",
      out,
      ...extra,
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
  );
  return { out, run };
}

describe("npm run learn", () => {
  it("writes the same bytes on every run", () => {
    const a = runLearn();
    const b = runLearn();
    expect(a.run.status).toBe(0);
    expect(a.run.stdout).toMatch(/corpus: \d+ articles of 3 laws \(0 files unreadable\); 24 questions/);
    for (const file of Object.values(TABLE_FILES)) {
      expect(readFileSync(join(b.out, file), "utf8")).toBe(readFileSync(join(a.out, file), "utf8"));
    }
  });

  it("says what is missing when the questions file does not exist", () => {
    const { run } = runLearn(["--questions", join(ROOT, "no-such-file.jsonl")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /cannot read the training questions .*no-such-file\.jsonl: pass --questions FILE/,
    );
  });
});
