import { describe, expect, it } from "vitest";
import { parseArticleNumber, SESSION_PATTERN } from "../../../src/channels/http/api.js";

describe("parseArticleNumber", () => {
  it("reads digits, Chinese numerals and 第…条", () => {
    expect(parseArticleNumber("30")).toBe(30);
    expect(parseArticleNumber("三十")).toBe(30);
    expect(parseArticleNumber("第三十条")).toBe(30);
    expect(parseArticleNumber("３０")).toBe(30);
    expect(parseArticleNumber("一百零三")).toBe(103);
  });

  it("refuses what is not a positive article number", () => {
    for (const bad of ["", "0", "-1", "abc", "1.5", "第条", "30a"]) {
      expect(parseArticleNumber(bad), bad).toBeUndefined();
    }
  });
});

describe("SESSION_PATTERN", () => {
  it("accepts UUIDs and opaque tokens, not spaces or markup", () => {
    expect(SESSION_PATTERN.test("0d7f3c4e-1a2b-4c3d-9e8f-001122334455")).toBe(true);
    expect(SESSION_PATTERN.test("a".repeat(129))).toBe(false);
    expect(SESSION_PATTERN.test("<script>")).toBe(false);
  });
});
