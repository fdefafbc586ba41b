/**
 * The feedback log on a real redis-server: shared by two instances, trimmed and expiring, and
 * losing nothing while Redis is away.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJsonlLog } from "../../src/feedback/jsonl-log.js";
import { createRedisLog } from "../../src/feedback/redis-log.js";
import { connectRedis, type RedisLink } from "../../src/state/redis.js";
import { captureLog } from "../helpers/capture-log.js";
import { rating, unanswered } from "../helpers/feedback.js";
import { skipRedisTests, startRedis, type TestRedis } from "../helpers/redis.js";
import { eventually } from "../helpers/store-suite.js";

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

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const RECENT = { from: new Date(now - 3_600_000), to: new Date(now + 60_000) };

async function setup(prefix = `fb${prefixes++}:`) {
  const { logger, lines } = captureLog();
  const link = connectRedis({ url: redis.url, logger });
  links.push(link);
  await link.whenUp(10_000);
  const fallback = createJsonlLog({
    file: join(mkdtempSync(join(tmpdir(), "tiaowen-fb-")), "feedback.jsonl"),
  });
  const log = createRedisLog({ link, fallback, prefix, logger });
  return { link, log, fallback, lines, prefix };
}

describe.skipIf(skipRedisTests)("createRedisLog", () => {
  it("appends to one stream that every instance reads, with an expiry", async () => {
    const a = await setup();
    const b = await setup(a.prefix);
    a.log.append(unanswered("谁负责舌尖安全", "谁负责舌尖安全", at(3)));
    b.log.append(rating("城市大脑是什么", "城市大脑是什么", at(2), "down"));
    await Promise.all([a.log.flush(), b.log.flush()]);
    expect((await a.log.read(RECENT)).map((r) => r.question)).toEqual(["谁负责舌尖安全", "城市大脑是什么"]);
    expect((await b.log.read(RECENT)).map((r) => r.kind)).toEqual(["unanswered", "rating"]);
    expect(await a.link.client.type(`${a.prefix}feedback`)).toBe("stream");
    expect(await a.link.client.pttl(`${a.prefix}feedback`)).toBeGreaterThan(364 * 86_400_000);
  });

  it("reads only the range asked for", async () => {
    const { log } = await setup();
    log.append(unanswered("网约车归谁管", "网约车归谁管", at(120)));
    log.append(unanswered("谁负责舌尖安全", "谁负责舌尖安全", at(5)));
    await log.flush();
    expect((await log.read(RECENT)).map((r) => r.question)).toEqual(["谁负责舌尖安全"]);
  });

  it("holds records while Redis is away, sends them when it returns, and sets aside what is left at shutdown", async () => {
    const { link, log, fallback } = await setup();
    await redis.stop();
    await eventually(async () => !link.isUp());
    log.append(unanswered("谁负责舌尖安全", "谁负责舌尖安全", at(4)));
    await redis.start();
    expect(await link.whenUp(20_000)).toBe(true);
    await eventually(async () => (await log.read(RECENT).catch(() => [])).length === 1);
    expect((await log.read(RECENT)).map((r) => r.question)).toEqual(["谁负责舌尖安全"]);

    await redis.stop();
    await eventually(async () => !link.isUp());
    log.append(unanswered("网约车归谁管", "网约车归谁管", at(1)));
    await log.close();
    expect((await fallback.read(RECENT)).map((r) => r.question)).toEqual(["网约车归谁管"]);
    await redis.start();
    expect(await link.whenUp(20_000)).toBe(true);
    // Reading merges the stream and the fallback file. (The test server persists nothing, so its
    // stream starts empty again after the restart; the record set aside is still there.)
    log.append(unanswered("城市大脑是什么", "城市大脑是什么", at(0)));
    await log.flush();
    expect((await log.read(RECENT)).map((r) => r.question)).toEqual(["网约车归谁管", "城市大脑是什么"]);
  }, 40_000);

  it("refuses to read while Redis is away, saying so", async () => {
    const { link, log } = await setup();
    await redis.stop();
    await eventually(async () => !link.isUp());
    await expect(log.read(RECENT)).rejects.toThrow(/unreachable: try again once it is back/);
    await redis.start();
    await link.whenUp(20_000);
  }, 30_000);
});
