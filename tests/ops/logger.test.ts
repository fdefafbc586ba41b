import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger, createScrubber, REDACTED, secretsOf } from "../../src/ops/logger.js";

function setup(secrets: string[]) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: "debug", secrets, destination }), lines };
}

describe("secretsOf", () => {
  it("lists the tokens, keys, salt and the Redis password of the configuration", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "7000000001:AAHtokenForTheLoggerTest-0123456789",
      WECHAT_TOKEN: "wxTok3n-Datong",
      ADMIN_TOKEN: "adm-token-123",
      METRICS_TOKEN: "met-token-456",
      FEEDBACK_SALT: "salt-abcdefgh",
      REDIS_URL: "redis://:p%40ss-w0rd!@10.0.0.5:6379/0",
    });
    expect(secretsOf(config)).toEqual([
      "7000000001:AAHtokenForTheLoggerTest-0123456789",
      "wxTok3n-Datong",
      "adm-token-123",
      "met-token-456",
      "salt-abcdefgh",
      "p@ss-w0rd!",
      "p%40ss-w0rd!",
    ]);
    expect(secretsOf(loadConfig({}))).toEqual([]);
  });
});

describe("createScrubber", () => {
  it("replaces secrets as written, JSON-escaped and URL-encoded, and leaves short ones alone", () => {
    const scrub = createScrubber(['pa"ss/word 1', "short", undefined]);
    expect(scrub('{"msg":"x pa\\"ss/word 1 y"}')).toBe(`{"msg":"x ${REDACTED} y"}`);
    expect(scrub("url=redis://:pa%22ss%2Fword%201@h")).toBe(`url=redis://:${REDACTED}@h`);
    expect(scrub("short stays")).toBe("short stays");
  });
});

describe("createLogger", () => {
  it("scrubs secrets even from inside messages and nested errors", () => {
    const token = "7000000001:AAHfakeTokenForTestsOnly-0123456789ab";
    const { logger, lines } = setup([token]);
    const inner = new Error(
      `request to https://api.telegram.org/bot${token}/sendMessage failed, reason: ECONNREFUSED`,
    );
    const outer = Object.assign(new Error("Network request for 'sendMessage' failed!"), { error: inner });
    logger.warn({ err: outer, method: "sendMessage" }, "Telegram API call failed");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).toContain(`/bot${REDACTED}/sendMessage`);
  });

  it("redacts credential fields by name", () => {
    const { logger, lines } = setup([]);
    logger.info({ token: "abc", headers: { authorization: "Bearer xyz" }, user: "5f1d3a9c" }, "x");
    const line = JSON.parse(lines[0] ?? "{}") as Record<string, unknown>;
    expect(line.token).toBe(REDACTED);
    expect(line.headers).toEqual({ authorization: REDACTED });
    expect(line.user).toBe("5f1d3a9c");
  });
});
