import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TiaowenError } from "../../src/errors.js";
import { listLawFiles, loadLaws, locateWarning, noLawError, unreadable } from "../../src/law/load.js";
import { FIXTURES_DIR, LAWREFBOOK, SEED_FILE } from "../helpers/fixtures.js";

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

  it("reports a file that cannot be read as path:line: problem and keeps the others", () => {
    const dir = setup({
      "大同市智慧城市促进条例.md": { copy: SEED_FILE },
      "坏文件.md": { text: "---\ntitle: 甲条例\ntitle: 乙条例\n---\n\n第一条 甲。\n" },
    });
    const { laws, problems, files } = loadLaws([dir]);
    expect(laws.map((l) => l.title)).toEqual(["大同市智慧城市促进条例"]);
    expect(problems).toEqual([
      {
        file: join(dir, "坏文件.md"),
        name: "坏文件.md",
        line: 3,
        problem: expect.stringMatching(/^front matter is not valid YAML: duplicated mapping key/),
        message: expect.stringMatching(
          new RegExp(`^${join(dir, "坏文件.md")}:3: front matter is not valid YAML: `),
        ),
        kind: "unreadable",
      },
    ]);
    expect(files.map((f) => f.path)).toContain(join(dir, "坏文件.md"));
  });

  it("reads every irregular shape of tests/fixtures/irregular, none unreadable", () => {
    const { laws, problems } = loadLaws([join(FIXTURES_DIR, "irregular")]);
    expect(problems).toEqual([]);
    expect(laws).toHaveLength(10);
    expect(laws.map((l) => l.numbering).sort()).toEqual([
      "articles",
      "articles",
      "articles",
      "articles",
      "articles",
      "paragraphs",
      "paragraphs",
      "paragraphs",
      "whole",
      "whole",
    ]);
  });

  it("refuses a file that is not UTF-8, naming its first bad line and how to convert it", () => {
    const gb = Buffer.concat([
      Buffer.from("# 测试条例\n\n第一条 "),
      Buffer.from([0xb2, 0xe2, 0xca, 0xd4]),
      Buffer.from("。\n"),
    ]);
    const dir = setup({});
    writeFileSync(join(dir, "gbk.md"), gb);
    const { laws, problems } = loadLaws([dir]);
    expect(laws).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "gbk.md")}:3: the file is not UTF-8 text (GB18030?): save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8`,
    ]);
  });

  it("follows symbolic links to files and folders, each real file read once", () => {
    const outside = setup({
      "济南.md": { copy: LAWREFBOOK.jinan },
      "more/济宁.md": { copy: LAWREFBOOK.jining },
    });
    const dir = setup({ "大同市智慧城市促进条例.md": { copy: SEED_FILE } });
    symlinkSync(join(outside, "济南.md"), join(dir, "济南.md"));
    symlinkSync(join(outside, "more"), join(dir, "more"));
    symlinkSync(join(dir, "大同市智慧城市促进条例.md"), join(dir, "again.md"));
    const { laws, problems } = loadLaws([dir]);
    expect(laws.map((l) => l.file).sort()).toEqual(["more/济宁.md", "大同市智慧城市促进条例.md", "济南.md"]);
    expect(problems).toEqual([
      {
        file: join(dir, "again.md"),
        name: "again.md",
        problem: `the same file as ${join(dir, "大同市智慧城市促进条例.md")} (a symbolic link): read once, there`,
        message: `${join(dir, "again.md")}: the same file as ${join(dir, "大同市智慧城市促进条例.md")} (a symbolic link): read once, there`,
        kind: "skipped",
      },
    ]);
    expect(unreadable(problems)).toEqual([]);
  });

  it("does not follow a link back to a folder above it, and says so", () => {
    const dir = setup({ "sub/大同市智慧城市促进条例.md": { copy: SEED_FILE } });
    symlinkSync(dir, join(dir, "sub", "loop"));
    const { laws, problems } = loadLaws([dir]);
    expect(laws).toHaveLength(1);
    expect(problems.map((p) => [p.name, p.kind, p.problem])).toEqual([
      [
        join("sub", "loop"),
        "skipped",
        "a symbolic link to a folder it is inside: not followed (it would loop)",
      ],
    ]);
  });

  it("reports a link to a file that does not exist as unreadable", () => {
    const dir = setup({ "大同市智慧城市促进条例.md": { copy: SEED_FILE } });
    symlinkSync(join(dir, "gone.md"), join(dir, "dangling.md"));
    const { laws, problems } = loadLaws([dir]);
    expect(laws).toHaveLength(1);
    expect(problems.map((p) => p.message)).toEqual([
      `${join(dir, "dangling.md")}: a symbolic link to a file that does not exist`,
    ]);
    expect(unreadable(problems)).toHaveLength(1);
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

describe("locateWarning", () => {
  it("writes a warning as path:line: problem, and a whole-file warning as path: problem", () => {
    expect(
      locateWarning("seeds/x.md", "line 12: 第五条 comes after 第七条; it is read where it stands"),
    ).toBe("seeds/x.md:12: 第五条 comes after 第七条; it is read where it stands");
    expect(locateWarning("x.md", "line 0: 2 chapter heading(s) without articles were dropped")).toBe(
      "x.md: 2 chapter heading(s) without articles were dropped",
    );
  });
});

describe("noLawError", () => {
  it("names the folder and every problem when no law could be read", () => {
    const error = noLawError(
      ["seeds"],
      [
        {
          file: "seeds/x.md",
          name: "x.md",
          line: 3,
          problem: "front matter is not valid YAML: bad indentation",
          message: "seeds/x.md:3: front matter is not valid YAML: bad indentation",
          kind: "unreadable",
        },
      ],
    );
    expect(error.code).toBe("NO_LAWS");
    expect(error.message).toBe(
      "no law could be read from seeds: seeds/x.md:3: front matter is not valid YAML: bad indentation — fix the file, or put at least one readable law into seeds",
    );
  });

  it("says that the folder holds no law when it is empty", () => {
    expect(noLawError(["corpus"], []).message).toBe(
      "no law could be read from corpus: the folder holds no Markdown law (*.md); put at least one law into corpus",
    );
  });
});
