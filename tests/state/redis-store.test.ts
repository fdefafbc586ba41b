/**
 * The Redis store against a real redis-server: the shared store behaviour, the namespace and the
 * expiry of every key, two stores (two instances) seeing each other's state, and the degraded
 * mode while Redis is away.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisLink } from "../../src/state/redis.js";
import { createRedisStore, DEFAULT_PREFIX } from "../../src/state/redis-store.js";
import { captureLog } from "../helpers/capture-log.js";
import { skipRedisTests, startRedis, type TestRedis } from "../helpers/redis.js";
import { eventually, keyValueStoreSuite } from "../helpers/store-suite.js";

let redis: TestRedis;
const links: RedisLink[] = [];
let prefixes = 0;

beforeAll(async () => {
  if (skipRedisTests) return;
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(links.map((l) => l.close()));
  await redis?.stop();
});

/** A link to the test server; resolves once it is up. */
async function link(): Promise<{ link: RedisLink; lines: ReturnType<typeof captureLog>["lines"] }> {
  const { logger, lines } = captureLog();
  const l = connectRedis({ url: redis.url, logger });
  links.push(l);
  await l.whenUp(10_000);
  return { link: l, lines };
}

describe.skipIf(skipRedisTests)("createRedisStore", () => {
  let shared: RedisLink;
  beforeAll(async () => {
    shared = (await link()).link;
  });

  keyValueStoreSuite("createRedisStore", () => createRedisStore(shared, { prefix: `t${prefixes++}:` }));

  it("namespaces every key under tiaowen: and gives each one an expiry", async () => {
    const store = createRedisStore(shared);
    await store.write("http:session:0d7f3c4e", { lawId: "law", article: 30 });
    await store.write("wechat:reply:msg:1", { kind: "reply", content: null }, 300_000);
    await store.claim("tg:update:981", 86_400_000);
    const keys = (await shared.client.keys(`${DEFAULT_PREFIX}*`)).sort();
    expect(keys).toEqual([
      "tiaowen:claim:tg:update:981",
      "tiaowen:http:session:0d7f3c4e",
      "tiaowen:wechat:reply:msg:1",
    ]);
    const ttls = await Promise.all(keys.map((k) => shared.client.pttl(k)));
    expect(ttls[0]).toBeGreaterThan(86_000_000);
    expect(ttls[1]).toBeGreaterThan(0);
    expect(ttls[1]).toBeLessThanOrEqual(30 * 60_000);
    expect(ttls[2]).toBeGreaterThan(0);
    expect(ttls[2]).toBeLessThanOrEqual(300_000);
  });

  it("shares state between two connections, as between two instances", async () => {
    const a = createRedisStore(shared, { prefix: "pair:" });
    const b = createRedisStore((await link()).link, { prefix: "pair:" });
    await a.write("http:session:s", { article: 30 });
    expect(await b.read("http:session:s")).toEqual({ article: 30 });
    expect(await a.claim("wechat:msg:77", 60_000)).toBe(true);
    expect(await b.claim("wechat:msg:77", 60_000)).toBe(false);
  });

  it("reads a value that is not JSON as nothing", async () => {
    await shared.client.set("junk:k", "{not json", "PX", 60_000);
    expect(await createRedisStore(shared, { prefix: "junk:" }).read("k")).toBeUndefined();
  });

  it("degrades while Redis is away and recovers when it returns", async () => {
    const { link: own, lines } = await link();
    const store = createRedisStore(own, { prefix: "outage:" });
    await store.write("s", { article: 30 });
    await redis.stop();
    await eventually(async () => !own.isUp());
    // Reads find nothing, writes are dropped, claims are local: no call throws.
    expect(await store.read("s")).toBeUndefined();
    await store.write("s", { article: 31 });
    await store.delete("s");
    expect(await store.claim("m", 60_000)).toBe(true);
    expect(await store.claim("m", 60_000)).toBe(false);
    for (let i = 0; i < 20; i++) await store.read("s");
    await redis.start();
    expect(await own.whenUp(20_000)).toBe(true);
    await eventually(async () => own.isUp());
    await store.write("s", { article: 32 });
    expect(await store.read("s")).toEqual({ article: 32 });
    const outage = lines.filter((l) => String(l.msg).startsWith("Redis is unreachable"));
    expect(outage).toHaveLength(1);
    expect(lines.filter((l) => String(l.msg).startsWith("Redis is back"))).toHaveLength(1);
  }, 30_000);
});
