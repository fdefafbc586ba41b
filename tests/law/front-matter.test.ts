import { describe, expect, it } from "vitest";
import { LawParseError } from "../../src/errors.js";
import { readFrontMatter, str } from "../../src/law/front-matter.js";

/** The lines of a text, as the parser splits them. */
function setup(text: string): string[] {
  return text.split("\n");
}

describe("readFrontMatter", () => {
  it("reads the fields and says where the text begins", () => {
    const lines = setup("---\nid: ff80\ntitle: 测试条例\ndate: 2020-01-01\n---\n\n**测试条例**\n");
    const { front, body } = readFrontMatter(lines, "x.md");
    expect(front.id).toBe("ff80");
    expect(front.title).toBe("测试条例");
    expect(str(front.date)).toBe("2020-01-01");
    expect(lines[body]).toBe("");
    expect(body).toBe(5);
  });

  it("returns no fields and body 0 for a text without front matter", () => {
    expect(readFrontMatter(setup("# 测试条例\n\n第一条 甲。\n"), "x.md")).toEqual({ front: {}, body: 0 });
  });

  it.each([
    [
      "---\ntitle: 测试条例\n\n第一条 内容。\n",
      "open.md:1: front matter starts with --- but never ends; add a closing --- line",
    ],
    [
      "---\n- 测试条例\n---\n",
      "list.md:2: front matter is not a YAML mapping of fields (id, title, author, …)",
    ],
  ])("refuses %j with a LawParseError naming the file and line", (text, message) => {
    const file = message.slice(0, message.indexOf(":"));
    expect(() => readFrontMatter(setup(text), file)).toThrow(LawParseError);
    expect(() => readFrontMatter(setup(text), file)).toThrow(message);
  });

  it("names the line of the front matter that is not YAML", () => {
    try {
      readFrontMatter(setup("---\ntitle: 甲条例\ntitle: 乙条例\n---\n"), "twice.md");
      expect.fail("expected a LawParseError");
    } catch (error) {
      expect((error as LawParseError).line).toBe(3);
    }
  });
});

describe("str", () => {
  it("trims strings, writes dates as ISO days, and leaves anything else undefined", () => {
    expect(str("  测试 ")).toBe("测试");
    expect(str(new Date("2020-03-01T00:00:00Z"))).toBe("2020-03-01");
    expect(str("")).toBeUndefined();
    expect(str(42)).toBeUndefined();
    expect(str(undefined)).toBeUndefined();
  });
});
