import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post } from "../../helpers/http-server.js";
import { type RuntimeServer, startRuntimeServer } from "../../helpers/runtime.js";

let s: RuntimeServer;
beforeAll(async () => {
  s = await startRuntimeServer({ RATE_LIMIT_PER_MINUTE: "2" });
});
afterAll(async () => {
  await s?.close();
});

describe("metricsHandler", () => {
  it("serves the Prometheus text: answers by channel and intent, the unanswered share, latency, rate limits", async () => {
    await post(`${s.server.url}/api/ask`, { q: "第三十条" });
    await post(`${s.server.url}/api/ask`, { q: "怎么办护照" });
    expect((await post(`${s.server.url}/api/ask`, { q: "第一条" })).status).toBe(429);
    const res = await fetch(`${s.server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('tiaowen_answers_total{channel="http",intent="article_lookup",answered="true"} 1');
    expect(text).toContain('tiaowen_answers_total{channel="http",intent="topic",answered="false"} 1');
    expect(text).toContain('tiaowen_unanswered_ratio{channel="http"} 0.5');
    expect(text).toContain('tiaowen_answer_duration_seconds_count{channel="http"} 2');
    expect(text).toContain('tiaowen_rate_limited_total{channel="http"} 1');
    expect(text).toContain("tiaowen_process_resident_memory_bytes");
    expect(text).not.toContain("tiaowen_redis_up");
  });
});

describe("metricsHandler with METRICS_TOKEN", () => {
  it("asks for the token as a bearer token, and serves the metrics to it", async () => {
    const token = "met-9c1e5a7b3d2f4e6a8c0b";
    const guarded = await startRuntimeServer({ METRICS_TOKEN: token });
    try {
      const scrape = (headers: Record<string, string> = {}) =>
        fetch(`${guarded.server.url}/metrics`, { headers });
      for (const refused of [await scrape(), await scrape({ Authorization: "Bearer wrong-token" })]) {
        expect(refused.status).toBe(401);
        expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="tiaowen metrics"');
        expect(await refused.json()).toEqual({
          error: {
            code: "UNAUTHORIZED",
            message: "send the metrics token as Authorization: Bearer <METRICS_TOKEN>",
          },
        });
      }
      const ok = await scrape({ Authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("tiaowen_answers_total");
    } finally {
      await guarded.close();
    }
  });
});
