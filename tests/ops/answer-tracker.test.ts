import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/bot.js";
import { createJsonlLog } from "../../src/feedback/jsonl-log.js";
import { createRecorder } from "../../src/feedback/recorder.js";
import { createUserHasher } from "../../src/feedback/user-hash.js";
import { createAnswerTracker } from "../../src/ops/answer-tracker.js";
import { createMetrics } from "../../src/ops/metrics.js";
import { createMemoryStore } from "../../src/state/store.js";
import { captureLog } from "../helpers/capture-log.js";
import { seedBot } from "../helpers/http-server.js";

const OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";
let bot: Bot;
beforeAll(async () => {
  bot = await seedBot();
});

function setup() {
  const { logger, lines } = captureLog();
  const metrics = createMetrics({ processMetrics: false });
  const log = createJsonlLog({ file: join(mkdtempSync(join(tmpdir(), "tiaowen-track-")), "feedback.jsonl") });
  const recorder = createRecorder({ log, store: createMemoryStore(), bot: () => bot });
  const hashUser = createUserHasher("test-salt");
  const tracker = createAnswerTracker({ logger, metrics, recorder, hashUser });
  return { tracker, lines, metrics, log, hashUser };
}

describe("createAnswerTracker", () => {
  it("logs one line per answer with channel, intent, outcome and latency, the resident only hashed", async () => {
    const { tracker, lines, hashUser } = setup();
    const question = "谁负责食品安全监管";
    const answerId = await tracker.track({
      channel: "wechat",
      user: OPENID,
      question,
      answer: bot.ask(question),
      latencyMs: 0.4321,
    });
    const answerLines = lines.filter((l) => l.msg === "answer");
    expect(answerLines).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        pid: expect.any(Number),
        hostname: expect.any(String),
        msg: "answer",
        channel: "wechat",
        intent: "responsibility",
        answered: true,
        confidence: expect.any(Number),
        latencyMs: 0.43,
        user: hashUser("wechat", OPENID),
        answerId,
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(OPENID);
    expect(JSON.stringify(lines)).not.toContain(question);
  });

  it("counts the answer and a recorded rating in the metrics", async () => {
    const { tracker, metrics } = setup();
    const id = await tracker.track({
      channel: "http",
      question: "第三十条",
      answer: bot.ask("第三十条"),
      latencyMs: 1,
    });
    expect(await tracker.rate(id, "down", "http")).toBe("recorded");
    expect(await tracker.rate(id, "down", "http")).toBe("repeated");
    tracker.rateLimited("http");
    const { body } = await metrics.render();
    expect(body).toContain('tiaowen_answers_total{channel="http",intent="article_lookup",answered="true"} 1');
    expect(body).toContain('tiaowen_feedback_total{channel="http",rating="down"} 1');
    expect(body).toContain('tiaowen_rate_limited_total{channel="http"} 1');
  });
});
