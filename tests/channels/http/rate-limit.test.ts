import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/channels/http/rate-limit.js";

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
