import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { botOptions, createRuntime, type Runtime } from "../../src/ops/runtime.js";
import { copyIntents } from "../helpers/intents.js";
import { skipRedisTests, startRedis, type TestRedis } from "../helpers/redis.js";

const open: Runtime[] = [];
afterAll(async () => {
  await Promise.all(open.map((r) => r.close()));
});

async function setup(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-rt-"));
  const config = loadConfig({ FEEDBACK_FILE: join(dir, "feedback.jsonl"), ...env });
  const runtime = await createRuntime({ config, logger: pino({ level: "silent" }) });
  open.push(runtime);
  await runtime.holder.ready;
  return { runtime, config, dir };
}

describe("botOptions", () => {
  it("passes the corpus, vocabulary and cache settings to the bot", () => {
    const config = loadConfig({
      CORPUS_DIRS: "seeds,/srv/laws",
      INTENTS_DIR: "/srv/intents",
      HOTLINE: "0352-12345",
    });
    expect(botOptions(config)).toEqual({
      corpusDirs: ["seeds", "/srv/laws"],
      intentsDir: "/srv/intents",
      tokenizer: "node-rs",
      hotline: "0352-12345",
      cacheDir: ".cache",
    });
  });
});

describe("botOptions with a logger", () => {
  it("sends the bot's start-up warnings to the log", () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const options = botOptions(loadConfig({}), logger);
    options.onWarning?.("learned/ranker.json is damaged: run `npm run learn`");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/ranker\.json is damaged/),
    });
    expect(botOptions(loadConfig({})).onWarning).toBeUndefined();
  });
});

describe("createRuntime", () => {
  it("without Redis: state in memory, feedback in the JSON-lines file, flushed on close", async () => {
    const { runtime, config } = await setup();
    expect(runtime.redis).toBeUndefined();
    const bot = await runtime.holder.ready;
    const question = "谁负责舌尖安全";
    await runtime.tracker.track({ channel: "http", question, answer: bot.ask(question), latencyMs: 1 });
    await runtime.close();
    const lines = readFileSync(config.FEEDBACK_FILE, "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).question)).toEqual([question]);
    expect(existsSync(join(config.FEEDBACK_FILE, "..", "feedback-salt"))).toBe(true);
    expect((await runtime.metrics.render()).body).not.toContain("tiaowen_redis_up");
  });
});

describe.skipIf(skipRedisTests)("createRuntime with REDIS_URL", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("shares the store between instances and reports Redis in the metrics", async () => {
    const a = await setup({ REDIS_URL: redis.url });
    const b = await setup({ REDIS_URL: redis.url });
    await a.runtime.store.write("http:session:s1", { article: 30 });
    expect(await b.runtime.store.read("http:session:s1")).toEqual({ article: 30 });
    expect((await a.runtime.metrics.render()).body).toContain("tiaowen_redis_up 1");
  });

  it("reloads every instance when one is reloaded", async () => {
    const intents = copyIntents();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: "reload-test:", INTENTS_DIR: intents.dir };
    const a = await setup(env);
    const b = await setup(env);
    // Both subscribers must be listening before the broadcast.
    await expect
      .poll(async () => (await a.runtime.redis?.client.pubsub("NUMSUB", "reload-test:reload"))?.[1])
      .toBe(2);
    const swapped = new Promise<number>((resolve) =>
      b.runtime.holder.onSwap((_bot, o) => resolve(o.generation)),
    );
    intents.addSynonym();
    const report = await a.runtime.reload();
    expect(report).toMatchObject({ generation: 2, others: 1 });
    expect(await swapped).toBe(2);
    expect(b.runtime.holder.current()?.ask("谁负责舌尖安全").answered).toBe(true);
  });
});
