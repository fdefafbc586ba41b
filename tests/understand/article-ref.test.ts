import { describe, expect, it } from "vitest";
import { parseArticleNumber } from "../../src/understand/article-ref.js";

describe("parseArticleNumber", () => {
  it("reads digits, Chinese numerals and 第…条", () => {
    expect(["30", "三十", "第三十条", " 第30条 ", "３０", "第 30 条"].map(parseArticleNumber)).toEqual([
      30, 30, 30, 30, 30, 30,
    ]);
    expect(parseArticleNumber("一百零三")).toBe(103);
  });

  it("refuses what is not one positive article number", () => {
    for (const bad of ["", "0", "-1", "abc", "1.5", "第条", "30a", "三十五点五", "第三十条第五条"]) {
      expect(parseArticleNumber(bad), bad).toBeUndefined();
    }
  });
});
