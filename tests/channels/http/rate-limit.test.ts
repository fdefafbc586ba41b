import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLimiters,
  createRateLimiter,
  createRedisRateLimiter,
} from "../../../src/channels/http/rate-limit.js";
import { connectRedis, type RedisLink } from "../../../src/state/redis.js";
import { captureLog } from "../../helpers/capture-log.js";
import { skipRedisTests, startRedis, type TestRedis } from "../../helpers/redis.js";
import { eventually } from "../../helpers/store-suite.js";

function setup(perMinute: number, maxClients?: number) {
  const clock = { now: 0 };
  const limiter = createRateLimiter({
    perMinute,
    now: () => clock.now,
    ...(maxClients ? { maxClients } : {}),
  });
  return { clock, limiter };
}

describe("createRateLimiter", () => {
  it("allows a burst of perMinute, then refuses with the seconds to wait", () => {
    const { limiter } = setup(3);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
  });

  it("refills continuously: one request per 60/perMinute seconds", () => {
    const { clock, limiter } = setup(60);
    for (let i = 0; i < 60; i++) limiter.take("a");
    expect(limiter.take("a").allowed).toBe(false);
    clock.now += 999;
    expect(limiter.take("a").allowed).toBe(false);
    clock.now += 1;
    expect(limiter.take("a").allowed).toBe(true);
    clock.now += 3_600_000;
    expect(limiter.take("a").remaining).toBe(59);
  });

  it("keeps one bucket per client", () => {
    const { limiter } = setup(1);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("forgets the least recently seen clients beyond maxClients (a full bucket again)", () => {
    const { limiter } = setup(1, 2);
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(false);
  });
});

describe.skipIf(skipRedisTests)("createRedisRateLimiter", () => {
  let redis: TestRedis;
  const links: RedisLink[] = [];
  let names = 0;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await redis?.stop();
  });
  const link = async () => {
    const l = connectRedis({ url: redis.url, logger: captureLog().logger });
    links.push(l);
    await l.whenUp(10_000);
    return l;
  };

  it("counts a client's requests across instances, and tells how long to wait", async () => {
    const name = `ask${names++}`;
    const a = createRedisRateLimiter(await link(), { perMinute: 3, name });
    const b = createRedisRateLimiter(await link(), { perMinute: 3, name });
    expect((await a.take("198.51.100.7")).allowed).toBe(true);
    expect(await b.take("198.51.100.7")).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect((await a.take("198.51.100.7")).allowed).toBe(true);
    const refused = await b.take("198.51.100.7");
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBe(0);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(20);
    expect((await a.take("203.0.113.9")).allowed).toBe(true);
  });

  it("keeps its buckets under the namespace, each with an expiry", async () => {
    const l = await link();
    await createRedisRateLimiter(l, { perMinute: 10, name: "lookup", prefix: "city:" }).take("198.51.100.7");
    expect(await l.client.keys("city:*")).toEqual(["city:rate:lookup:198.51.100.7"]);
    const ttl = await l.client.pttl("city:rate:lookup:198.51.100.7");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("falls back to a bucket of its own while Redis is away", async () => {
    const l = await link();
    const limiter = createRedisRateLimiter(l, { perMinute: 2, name: `down${names++}` });
    await redis.stop();
    await eventually(async () => !l.isUp());
    expect((await limiter.take("c")).allowed).toBe(true);
    expect((await limiter.take("c")).allowed).toBe(true);
    expect((await limiter.take("c")).allowed).toBe(false);
    await redis.start();
    await l.whenUp(20_000);
  }, 30_000);
});

describe("createLimiters", () => {
  it("without Redis, keeps both limits in memory", () => {
    const { ask, lookup } = createLimiters({ ask: 1, lookup: 5 });
    expect([ask.perMinute, lookup.perMinute]).toEqual([1, 5]);
    expect(ask.take("a")).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });
});
