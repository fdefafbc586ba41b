import { describe, expect, it } from "vitest";
import { displayWidth, formatReport, padColumn } from "../../src/feedback/report.js";
import { buildReview } from "../../src/feedback/review.js";
import { rating, unanswered } from "../helpers/feedback.js";

const RANGE = { from: new Date(2024, 4, 1), to: new Date(2024, 4, 8) };

describe("displayWidth", () => {
  it("counts Han and full-width characters as two columns", () => {
    expect(displayWidth("app")).toBe(3);
    expect(displayWidth("谁负责舌尖安全")).toBe(14);
    expect(displayWidth("第30条，")).toBe(8);
  });
});

describe("padColumn", () => {
  it("pads to the width, and cuts with … what does not fit", () => {
    expect(padColumn("第三十条", 10)).toBe("第三十条  ");
    expect(padColumn("7", 4, "right")).toBe("   7");
    expect(padColumn("谁负责舌尖安全的监督管理", 10)).toBe("谁负责舌… ");
    expect(displayWidth(padColumn("谁负责舌尖安全的监督管理", 10))).toBe(10);
  });
});

describe("formatReport", () => {
  it("prints one aligned row per group under a heading with the range", () => {
    const groups = buildReview([
      unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-02T02:00:00.000Z"),
      unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-02T03:00:00.000Z", { user: "u2" }),
      rating("城市app有哪些功能", "城市app有哪些功能", "2024-05-03T02:00:00.000Z", "down"),
    ]);
    const lines = formatReport(groups, RANGE).split("\n");
    expect(lines[0]).toBe("待完善问题 2024-05-01 至 2024-05-07：2 组");
    expect(lines[2]).toMatch(/^次数 {2}未答 {3}低 {3}👎 {3}👍 {2}市民 {2}问题（规范化）/);
    expect(lines[4]).toMatch(/^ {3}2 {5}2 {4}0 {4}0 {4}0 {5}2 {2}谁负责舌尖安全 +第十五条 32%$/);
    expect(lines[5]).toMatch(/^ {3}1 {5}0 {4}0 {4}1 {4}0 {5}1 {2}城市app有哪些功能 +—$/);
  });

  it("says when there is nothing to review", () => {
    expect(formatReport([], RANGE)).toBe(
      "待完善问题 2024-05-01 至 2024-05-07：0 组\n（没有未回答或被评为“没帮助”的问题）\n",
    );
  });
});
