/**
 * The Prometheus metrics served at /metrics (prom-client): answers by channel and intent, the
 * share the law did not answer, answer latency, rate-limited requests, feedback, reloads, Redis
 * status, and Node's own process figures (memory, event loop, GC) under the same `tiaowen_` prefix.
 *
 * Each call of {@link createMetrics} has a registry of its own (not prom-client's global one), so
 * tests and several apps in one process do not share counters. Labels take a handful of values
 * (channels, intents, ratings): never a question or a user.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Channel, Rating } from "../feedback/records.js";
import type { ChannelReport } from "./channel-status.js";

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Whether Redis is up; without it (no REDIS_URL) there is no Redis gauge. */
  redisUp?: () => boolean;
  /** The chat channels' states (Telegram, WeChat), for `tiaowen_channel_up`. */
  channels?: () => Record<string, ChannelReport>;
  /** Node's process metrics (memory, CPU, event loop lag). Default true. */
  processMetrics?: boolean;
}

/** The metrics of one running server. */
export interface Metrics {
  readonly registry: Registry;
  /** Counts an answer and its latency. */
  answered(channel: Channel, intent: string, answered: boolean, latencyMs: number): void;
  /** Counts a request refused by a rate limit. */
  rateLimited(channel: Channel): void;
  /** Counts a rating. */
  rated(channel: Channel, rating: Rating): void;
  /** Counts a reload of the vocabulary. */
  reloaded(ok: boolean): void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * Latency buckets in seconds. Answers take well under a millisecond on the seed and a few
 * milliseconds on a large corpus; the upper buckets catch a stalled event loop.
 */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Creates the metrics and their registry. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "tiaowen_" });

  const answers = new Counter({
    name: "tiaowen_answers_total",
    help: "Answers given, by channel, intent and whether the law answered the question.",
    labelNames: ["channel", "intent", "answered"] as const,
    registers: [registry],
  });
  // Totals per channel for the ratio below, kept here rather than read back from the counter.
  const totals = new Map<Channel, { all: number; unanswered: number }>();
  new Gauge({
    name: "tiaowen_unanswered_ratio",
    help: 'Share of answers since start in which the law did not answer the question, by channel (rate over a window: sum(rate(tiaowen_answers_total{answered="false"}[5m])) / sum(rate(tiaowen_answers_total[5m]))).',
    labelNames: ["channel"] as const,
    registers: [registry],
    collect() {
      for (const [channel, t] of totals) this.set({ channel }, t.all === 0 ? 0 : t.unanswered / t.all);
    },
  });
  const latency = new Histogram({
    name: "tiaowen_answer_duration_seconds",
    help: "Time to answer a question (from the question to the Answer, without sending it), by channel.",
    labelNames: ["channel"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const limited = new Counter({
    name: "tiaowen_rate_limited_total",
    help: "Requests refused because a client went over its rate limit, by channel.",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const ratings = new Counter({
    name: "tiaowen_feedback_total",
    help: "Ratings of answers (👍 up, 👎 down), by channel.",
    labelNames: ["channel", "rating"] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: "tiaowen_reloads_total",
    help: "Reloads of the vocabulary (POST /admin/reload), by result.",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const redisUp = options.redisUp;
  if (redisUp) {
    new Gauge({
      name: "tiaowen_redis_up",
      help: "1 while Redis (shared state) is reachable, 0 while the instance runs without it.",
      registers: [registry],
      collect() {
        this.set(redisUp() ? 1 : 0);
      },
    });
  }

  const channels = options.channels;
  if (channels) {
    new Gauge({
      name: "tiaowen_channel_up",
      help: "1 while a chat channel (telegram, wechat) is running, 0 while it is starting, retrying or failed; channels that are off are not listed.",
      labelNames: ["channel"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [channel, report] of Object.entries(channels())) {
          if (report.state !== "off") this.set({ channel }, report.state === "up" ? 1 : 0);
        }
      },
    });
  }

  return {
    registry,
    answered(channel, intent, answered, latencyMs) {
      answers.inc({ channel, intent, answered: String(answered) });
      latency.observe({ channel }, latencyMs / 1000);
      const t = totals.get(channel) ?? { all: 0, unanswered: 0 };
      t.all += 1;
      if (!answered) t.unanswered += 1;
      totals.set(channel, t);
    },
    rateLimited(channel) {
      limited.inc({ channel });
    },
    rated(channel, rating) {
      ratings.inc({ channel, rating });
    },
    reloaded(ok) {
      reloads.inc({ result: ok ? "ok" : "failed" });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
