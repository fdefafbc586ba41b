import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisLink, redisAddress, redisOptions } from "../../src/state/redis.js";
import { captureLog } from "../helpers/capture-log.js";
import { freePort, skipRedisTests, startRedis, type TestRedis } from "../helpers/redis.js";

const PASSWORD = "s3cret-Redis-pass_2024";
let redis: TestRedis;
const links: RedisLink[] = [];

beforeAll(async () => {
  if (skipRedisTests) return;
  redis = await startRedis({ password: PASSWORD });
});
afterAll(async () => {
  await Promise.all(links.map((l) => l.close()));
  await redis?.stop();
});

function setup(url: string) {
  const log = captureLog();
  const link = connectRedis({ url, logger: log.logger });
  links.push(link);
  return { link, ...log };
}

describe("redisAddress", () => {
  it("names host and port only, never the password", () => {
    expect(redisAddress(`redis://:${PASSWORD}@10.0.0.5:6380/2`)).toBe("10.0.0.5:6380");
    expect(redisAddress("redis://cache.internal")).toBe("cache.internal:6379");
    expect(redisAddress("not a url")).toBe("(unparsable REDIS_URL)");
  });
});

describe("redisOptions", () => {
  it("fails commands fast while Redis is away and reconnects for ever, at most every 2 s", () => {
    const options = redisOptions({});
    expect(options.enableOfflineQueue).toBe(false);
    expect(options.commandTimeout).toBe(1_000);
    const retry = options.retryStrategy as (times: number) => number;
    expect([1, 5, 100, 10_000].map(retry)).toEqual([100, 500, 2_000, 2_000]);
  });
});

describe.skipIf(skipRedisTests)("connectRedis", () => {
  it("connects with the password of the URL and runs commands", async () => {
    const { link } = setup(redis.url);
    expect(await link.whenUp(10_000)).toBe(true);
    expect(link.address).toBe(`127.0.0.1:${redis.port}`);
    expect(
      await link.run(
        (r) => r.ping(),
        () => "fallback",
      ),
    ).toBe("PONG");
  });

  it("uses the fallback while Redis cannot be reached, logging the outage once, without the password", async () => {
    const port = await freePort();
    const { link, lines } = setup(`redis://:${PASSWORD}@127.0.0.1:${port}`);
    expect(await link.whenUp(300)).toBe(false);
    for (let i = 0; i < 5; i++)
      expect(
        await link.run(
          (r) => r.ping(),
          () => "fallback",
        ),
      ).toBe("fallback");
    expect(link.isUp()).toBe(false);
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toMatch(/^Redis is unreachable/);
    expect(errors[0]?.redis).toBe(`127.0.0.1:${port}`);
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it("tells listeners when Redis goes away and comes back", async () => {
    const { link } = setup(redis.url);
    await link.whenUp(10_000);
    const changes: boolean[] = [];
    const off = link.onChange((up) => changes.push(up));
    const down = new Promise<void>((resolve) => link.onChange((up) => !up && resolve()));
    await redis.stop();
    await down;
    await redis.start();
    expect(await link.whenUp(20_000)).toBe(true);
    off();
    expect(changes).toEqual([false, true]);
  }, 30_000);

  it("closes without waiting for a server that is gone", async () => {
    const port = await freePort();
    const { link } = setup(`redis://127.0.0.1:${port}`);
    await link.close();
    expect(link.isUp()).toBe(false);
  });
});
