import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/bot.js";
import { buildReview, DEFAULT_REVIEW_DAYS, reviewRange } from "../../src/feedback/review.js";
import { rating, unanswered } from "../helpers/feedback.js";
import { seedBot } from "../helpers/http-server.js";

let bot: Bot;
beforeAll(async () => {
  bot = await seedBot();
});

function setup() {
  return [
    unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-01T02:00:00.000Z", {
      channel: "wechat",
      user: "u1",
    }),
    unanswered("誰負責舌尖安全", "谁负责舌尖安全", "2024-05-01T03:00:00.000Z", {
      channel: "http",
      user: "u2",
    }),
    rating("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-01T04:00:00.000Z", "down", { user: "u2" }),
    unanswered("网约车归谁管", "网约车归谁管", "2024-05-01T05:00:00.000Z", { user: "u3" }),
    rating("第三十条讲什么", "第三十条讲什么", "2024-05-01T06:00:00.000Z", "up"),
    rating("城市app有哪些功能", "城市app有哪些功能", "2024-05-01T07:00:00.000Z", "up"),
    rating("城市app有哪些功能", "城市app有哪些功能", "2024-05-01T08:00:00.000Z", "down"),
  ];
}

describe("buildReview", () => {
  it("groups by normalised form, most failures first, counting each kind and distinct residents", () => {
    const groups = buildReview(setup());
    expect(groups.map((g) => [g.normalized, g.total])).toEqual([
      ["谁负责舌尖安全", 3],
      ["城市app有哪些功能", 1],
      ["网约车归谁管", 1],
    ]);
    const [first] = groups;
    expect(first).toMatchObject({
      examples: ["誰負責舌尖安全", "谁负责舌尖安全"],
      counts: { unanswered: 2, lowConfidence: 0, down: 1, up: 0 },
      residents: 2,
      intents: ["responsibility", "topic"],
      channels: { wechat: 1, http: 1, telegram: 1 },
      firstSeen: "2024-05-01T02:00:00.000Z",
      lastSeen: "2024-05-01T04:00:00.000Z",
    });
    expect(first?.candidates.map((c) => c.label)).toEqual(["第十五条"]);
    expect(groups[1]?.counts).toEqual({ unanswered: 0, lowConfidence: 0, down: 1, up: 1 });
  });

  it("leaves out questions that only have 👍", () => {
    expect(buildReview(setup()).some((g) => g.normalized === "第三十条讲什么")).toBe(false);
  });

  it("with the bot serving now: fresh candidates and what it answers today", () => {
    const [first] = buildReview(setup(), { bot });
    expect(first?.now).toEqual({
      answered: false,
      intent: "responsibility",
      confidence: bot.ask("谁负责舌尖安全").confidence,
    });
    expect(first?.candidates.length).toBeGreaterThan(0);
    const app = buildReview(setup(), { bot }).find((g) => g.normalized === "城市app有哪些功能");
    expect(app?.now?.answered).toBe(true);
    expect(app?.now?.citation).toMatch(/^第.+条$/);
  });

  it("returns at most `limit` groups", () => {
    expect(buildReview(setup(), { limit: 1 })).toHaveLength(1);
  });
});

describe("reviewRange", () => {
  const now = new Date(2024, 4, 15, 10, 30);
  it("covers the last seven days, today included, by default", () => {
    const range = reviewRange(undefined, undefined, now);
    expect(range.to).toEqual(new Date(2024, 4, 16));
    expect(range.from).toEqual(new Date(2024, 4, 16 - DEFAULT_REVIEW_DAYS));
  });

  it("takes whole local days, both included, or ISO timestamps", () => {
    expect(reviewRange("2024-05-01", "2024-05-01", now)).toEqual({
      from: new Date(2024, 4, 1),
      to: new Date(2024, 4, 2),
    });
    expect(reviewRange("2024-05-01T08:00:00+08:00", "2024-05-31", now).from).toEqual(
      new Date("2024-05-01T00:00:00Z"),
    );
  });

  it("refuses malformed days and ranges that end before they start, saying what to send", () => {
    expect(() => reviewRange("2024-02-30", undefined, now)).toThrow(
      "from must be a day like 2024-05-01 (local time) or an ISO timestamp like 2024-05-01T08:00:00+08:00",
    );
    expect(() => reviewRange("yesterday", undefined, now)).toThrow(/^from must be a day/);
    expect(() => reviewRange("2024-05-03", "2024-05-01", now)).toThrow(
      "from must come before to (both days are included)",
    );
  });
});
