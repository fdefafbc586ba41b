import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFloodStore } from "../../../src/channels/telegram/flood-store.js";
import { connectRedis, type RedisLink } from "../../../src/state/redis.js";
import { captureLog } from "../../helpers/capture-log.js";
import { skipRedisTests, startRedis, type TestRedis } from "../../helpers/redis.js";
import { eventually } from "../../helpers/store-suite.js";

let redis: TestRedis;
const links: RedisLink[] = [];
beforeAll(async () => {
  if (skipRedisTests) return;
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(links.map((l) => l.close()));
  await redis?.stop();
});

async function link() {
  const l = connectRedis({ url: redis.url, logger: captureLog().logger });
  links.push(l);
  await l.whenUp(10_000);
  return l;
}

describe.skipIf(skipRedisTests)("createFloodStore", () => {
  it("counts a user's updates across instances, each counter expiring with the time frame", async () => {
    const a = createFloodStore(await link(), { timeFrameMs: 10_000 });
    const l = await link();
    const b = createFloodStore(l, { timeFrameMs: 10_000 });
    expect(await a.incr("tg:flood:1001")).toBe(1);
    expect(await b.incr("tg:flood:1001")).toBe(2);
    expect(await a.incr("tg:flood:1001")).toBe(3);
    expect(await b.incr("tg:flood:2002")).toBe(1);
    const ttl = await l.client.pttl("tiaowen:tg:flood:1001");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
    expect(await a.pexpire("tg:flood:1001", 10_000)).toBe(1);
  });

  it("counts in memory while Redis is away", async () => {
    const l = await link();
    const store = createFloodStore(l, { timeFrameMs: 60_000, prefix: "down:" });
    await redis.stop();
    await eventually(async () => !l.isUp());
    expect([await store.incr("u"), await store.incr("u"), await store.incr("v")]).toEqual([1, 2, 1]);
    await redis.start();
    await l.whenUp(20_000);
  }, 30_000);
});
