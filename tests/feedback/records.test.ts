import { describe, expect, it } from "vitest";
import { inRange, isFeedbackRecord } from "../../src/feedback/records.js";
import { rating, unanswered } from "../helpers/feedback.js";

describe("isFeedbackRecord", () => {
  it("accepts the records the log writes and refuses other lines", () => {
    expect(isFeedbackRecord(unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-01T02:00:00.000Z"))).toBe(
      true,
    );
    expect(isFeedbackRecord(rating("城市大脑", "城市大脑", "2024-05-01T02:00:00.000Z", "down"))).toBe(true);
    expect(isFeedbackRecord({ kind: "answer", at: "2024-05-01T02:00:00.000Z" })).toBe(false);
    expect(isFeedbackRecord(null)).toBe(false);
    expect(isFeedbackRecord("unanswered")).toBe(false);
  });
});

describe("inRange", () => {
  it("includes the start and excludes the end", () => {
    const range = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-02T00:00:00Z") };
    expect(inRange(unanswered("q", "q", "2024-05-01T00:00:00.000Z"), range)).toBe(true);
    expect(inRange(unanswered("q", "q", "2024-05-01T23:59:59.999Z"), range)).toBe(true);
    expect(inRange(unanswered("q", "q", "2024-05-02T00:00:00.000Z"), range)).toBe(false);
  });
});
