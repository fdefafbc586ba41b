import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TiaowenError } from "../../src/errors.js";
import { listLawFiles, loadLaws } from "../../src/law/load.js";
import { LAWREFBOOK, SEED_FILE } from "../helpers/fixtures.js";

const made: string[] = [];

/** A temporary corpus folder holding the given files (relative path → source file or text). */
function setup(files: Record<string, { copy: string } | { text: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-corpus-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    if ("copy" in content) copyFileSync(content.copy, path);
    else writeFileSync(path, content.text);
  }
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadLaws", () => {
  it("reads every ordinance of a folder and its subfolders", () => {
    const dir = setup({
      "大同市智慧城市促进条例.md": { copy: SEED_FILE },
      "山东/济南市12345市民服务热线条例(2018-07-27).md": { copy: LAWREFBOOK.jinan },
    });
    const { laws, problems, files } = loadLaws([dir]);
    expect(problems).toEqual([]);
    expect(laws.map((l) => l.title).sort()).toEqual([
      "大同市智慧城市促进条例",
      "济南市12345市民服务热线条例",
    ]);
    expect(laws.map((l) => l.file).sort()).toEqual([
      "大同市智慧城市促进条例.md",
      "山东/济南市12345市民服务热线条例(2018-07-27).md",
    ]);
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f.size).toBeGreaterThan(1000);
    }
  });

  it("reports a file that cannot be parsed as a problem and keeps the others", () => {
    const dir = setup({
      "大同市智慧城市促进条例.md": { copy: SEED_FILE },
      "坏文件.md": { text: "# 测试条例\n\n第一条 甲。\n\n第一条 乙。\n" },
    });
    const { laws, problems, files } = loadLaws([dir]);
    expect(laws.map((l) => l.title)).toEqual(["大同市智慧城市促进条例"]);
    expect(problems).toEqual([
      {
        file: join(dir, "坏文件.md"),
        message: "坏文件.md:5: 第一条 appears twice; each article number must be unique",
      },
    ]);
    expect(files.map((f) => f.path)).toContain(join(dir, "坏文件.md"));
  });

  it("skips README, SOURCES, LICENSE and files that are not Markdown", () => {
    const dir = setup({
      "README.md": { text: "# 说明\n" },
      "SOURCES.md": { text: "# 来源\n" },
      "license.md": { text: "MIT\n" },
      "notes.txt": { text: "第一条 甲。\n" },
      "大同市智慧城市促进条例.md": { copy: SEED_FILE },
    });
    const { laws, problems, files } = loadLaws([dir]);
    expect(laws).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.path)).toEqual([join(dir, "大同市智慧城市促进条例.md")]);
  });

  it("reads several folders and makes a repeated id unique", () => {
    const first = setup({ "大同市智慧城市促进条例.md": { copy: SEED_FILE } });
    const second = setup({ "copy/大同.md": { copy: SEED_FILE } });
    const { laws } = loadLaws([first, second]);
    expect(laws.map((l) => l.id)).toEqual([
      "ff808081736bb19d01744e08caa80dd3",
      "ff808081736bb19d01744e08caa80dd3~copy/大同.md",
    ]);
  });

  it("returns an empty corpus for an empty folder", () => {
    expect(loadLaws([setup({})])).toEqual({ laws: [], problems: [], folders: [], files: [] });
  });

  it("throws CORPUS_DIR, naming the folder, when a folder does not exist", () => {
    const missing = join(tmpdir(), "tiaowen-no-such-folder");
    let caught: unknown;
    try {
      loadLaws([missing]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TiaowenError);
    expect((caught as TiaowenError).code).toBe("CORPUS_DIR");
    expect((caught as TiaowenError).message).toBe(
      `corpus folder ${missing} does not exist: check the seeds/ folder or CORPUS_DIRS`,
    );
  });

  it("throws CORPUS_DIR when the path is a file, not a folder", () => {
    expect(() => loadLaws([SEED_FILE])).toThrow(
      `corpus folder ${SEED_FILE} does not exist: check the seeds/ folder or CORPUS_DIRS`,
    );
  });
});

describe("listLawFiles", () => {
  it("lists Markdown files recursively in a stable order", () => {
    const dir = setup({
      "b.md": { text: "" },
      "a/c.md": { text: "" },
      "a.MD": { text: "" },
      "Readme.md": { text: "" },
      "x.txt": { text: "" },
    });
    const listed = listLawFiles(dir).map((p) => p.slice(dir.length + 1));
    expect(listed.sort()).toEqual(["a.MD", "a/c.md", "b.md"]);
    expect(listLawFiles(dir)).toEqual(listLawFiles(dir));
  });
});
