import { describe, expect, it } from "vitest";
import { createChannelStatus } from "../../src/ops/channel-status.js";
import { createMetrics } from "../../src/ops/metrics.js";

/** The value of one sample line of the exposition text. */
function sample(text: string, line: string): number | undefined {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe("createMetrics", () => {
  it("counts answers by channel, intent and outcome, with the unanswered ratio and latency", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.answered("http", "responsibility", true, 0.4);
    metrics.answered("http", "topic", false, 0.3);
    metrics.answered("http", "topic", false, 0.2);
    metrics.answered("wechat", "article_lookup", true, 1.5);
    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'tiaowen_answers_total{channel="http",intent="topic",answered="false"}')).toBe(2);
    expect(
      sample(body, 'tiaowen_answers_total{channel="wechat",intent="article_lookup",answered="true"}'),
    ).toBe(1);
    expect(sample(body, 'tiaowen_unanswered_ratio{channel="http"}')).toBeCloseTo(2 / 3);
    expect(sample(body, 'tiaowen_unanswered_ratio{channel="wechat"}')).toBe(0);
    expect(sample(body, 'tiaowen_answer_duration_seconds_count{channel="http"}')).toBe(3);
    expect(sample(body, 'tiaowen_answer_duration_seconds_bucket{le="0.0005",channel="http"}')).toBe(3);
    expect(sample(body, 'tiaowen_answer_duration_seconds_bucket{le="0.001",channel="wechat"}')).toBe(0);
  });

  it("counts rate-limited requests, ratings and reloads", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.rateLimited("http");
    metrics.rateLimited("http");
    metrics.rateLimited("telegram");
    metrics.rated("wechat", "down");
    metrics.reloaded(true);
    metrics.reloaded(false);
    const { body } = await metrics.render();
    expect(sample(body, 'tiaowen_rate_limited_total{channel="http"}')).toBe(2);
    expect(sample(body, 'tiaowen_rate_limited_total{channel="telegram"}')).toBe(1);
    expect(sample(body, 'tiaowen_feedback_total{channel="wechat",rating="down"}')).toBe(1);
    expect(sample(body, 'tiaowen_reloads_total{result="failed"}')).toBe(1);
  });

  it("reports Redis only when there is one, as 1 or 0", async () => {
    expect((await createMetrics({ processMetrics: false }).render()).body).not.toContain("tiaowen_redis_up");
    let up = true;
    const metrics = createMetrics({ processMetrics: false, redisUp: () => up });
    expect(sample((await metrics.render()).body, "tiaowen_redis_up")).toBe(1);
    up = false;
    expect(sample((await metrics.render()).body, "tiaowen_redis_up")).toBe(0);
  });

  it("includes the process figures under the same prefix, in a registry of its own", async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.answered("http", "topic", true, 1);
    const body = (await a.render()).body;
    expect(body).toContain("tiaowen_process_resident_memory_bytes");
    expect((await b.render()).body).not.toContain('tiaowen_answers_total{channel="http"');
  });
});

describe("createMetrics: chat channels", () => {
  it("shows each channel that is not off as up (1) or down (0)", async () => {
    const channels = createChannelStatus();
    const metrics = createMetrics({ processMetrics: false, channels: () => channels.snapshot() });
    channels.set("telegram", { state: "retrying", detail: "unreachable" });
    channels.set("wechat", { state: "off" });
    let body = (await metrics.render()).body;
    expect(body).toContain('tiaowen_channel_up{channel="telegram"} 0');
    expect(body).not.toContain('channel="wechat"');
    channels.set("telegram", { state: "up", detail: "polling" });
    body = (await metrics.render()).body;
    expect(body).toContain('tiaowen_channel_up{channel="telegram"} 1');
  });
});
