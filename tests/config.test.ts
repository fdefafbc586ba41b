import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig } from "../src/config.js";
import { TiaowenError } from "../src/errors.js";
import { ROOT } from "./helpers/fixtures.js";

const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"; // 43 characters, as WeChat issues them

function setup(env: Record<string, string>) {
  return () => loadConfig(env);
}

/** The CONFIG error that loading `env` throws. */
function configError(env: Record<string, string>): TiaowenError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof TiaowenError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe("loadConfig", () => {
  it("works with an empty environment, on the embedded defaults", () => {
    const config = setup({})();
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      CORPUS_DIRS: [],
      HOME_LAWS: [],
      TOKENIZER: "node-rs",
      HOTLINE: "12345",
      ALLOWED_ORIGINS: [],
      FRAME_ANCESTORS: [],
      RATE_LIMIT_PER_MINUTE: 60,
      LOG_LEVEL: "info",
      WECHAT_REPLY_BUDGET_MS: 4500,
      FEEDBACK_FILE: "data/feedback.jsonl",
      CACHE_DIR: ".cache",
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.WECHAT_ENCODING_AES_KEY).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("reads numbers, lists and choices", () => {
    const config = setup({
      PORT: "8080",
      CORPUS_DIRS: "seeds, /srv/laws ,,",
      HOME_LAWS: "大同市智慧城市促进条例",
      TOKENIZER: "nodejieba",
      HOTLINE: "96123",
      RATE_LIMIT_PER_MINUTE: "120",
      TELEGRAM_BOT_TOKEN: "  123456:AAHfakeTokenForTestsOnly-0123456789ab  ",
    })();
    expect(config).toMatchObject({
      PORT: 8080,
      CORPUS_DIRS: ["seeds", "/srv/laws"],
      HOME_LAWS: ["大同市智慧城市促进条例"],
      TOKENIZER: "nodejieba",
      HOTLINE: "96123",
      RATE_LIMIT_PER_MINUTE: 120,
      TELEGRAM_BOT_TOKEN: "123456:AAHfakeTokenForTestsOnly-0123456789ab",
    });
  });

  it("refuses a Telegram token that is not shaped like one, saying where to copy it from", () => {
    expect(setup({ TELEGRAM_BOT_TOKEN: "123:abc" })).toThrow(
      /TELEGRAM_BOT_TOKEN: does not look like a bot token .*copy it again from @BotFather/,
    );
    expect(setup({ TELEGRAM_BOT_TOKEN: "AAHfakeTokenForTestsOnly-0123456789ab" })).toThrow(
      /TELEGRAM_BOT_TOKEN/,
    );
  });

  it("reads the Telegram flood limit and the contact file", () => {
    const config = setup({
      TELEGRAM_FLOOD_LIMIT: "3",
      TELEGRAM_FLOOD_SECONDS: "30",
      CONTACTS_FILE: "/etc/tiaowen/contacts.yaml",
    })();
    expect(config).toMatchObject({
      TELEGRAM_FLOOD_LIMIT: 3,
      TELEGRAM_FLOOD_SECONDS: 30,
      CONTACTS_FILE: "/etc/tiaowen/contacts.yaml",
    });
    expect(setup({})()).toMatchObject({ TELEGRAM_FLOOD_LIMIT: 5, TELEGRAM_FLOOD_SECONDS: 10 });
    expect(setup({ TELEGRAM_FLOOD_LIMIT: "0" })).toThrow(/TELEGRAM_FLOOD_LIMIT/);
  });

  it("treats a blank optional secret as unset", () => {
    expect(setup({ TELEGRAM_BOT_TOKEN: "   " })().TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it.each(["abc", "70000", "-1", "80.5"])("refuses PORT=%s with CONFIG, naming the variable", (port) => {
    const error = configError({ PORT: port });
    expect(error.code).toBe("CONFIG");
    expect(error.message).toMatch(/^invalid configuration — PORT: /);
    expect(error.message.endsWith("Fix the environment variable(s) and start again.")).toBe(true);
  });

  it("refuses a WECHAT_ENCODING_AES_KEY that is not 43 characters, saying where to find it", () => {
    expect(configError({ WECHAT_ENCODING_AES_KEY: "short", WECHAT_APP_ID: "wx1" }).message).toBe(
      "invalid configuration — WECHAT_ENCODING_AES_KEY: must be the 43-character EncodingAESKey from the WeChat admin page. Fix the environment variable(s) and start again.",
    );
  });

  it("refuses an AES key without the app id that safe mode needs", () => {
    const error = configError({ WECHAT_ENCODING_AES_KEY: AES_KEY });
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      "WECHAT_ENCODING_AES_KEY is set but WECHAT_APP_ID is not: safe mode needs both",
    );
    expect(setup({ WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_APP_ID: "wx1" })().WECHAT_APP_ID).toBe("wx1");
  });

  it("reads WECHAT_REQUIRE_SAFE_MODE as a switch, off by default", () => {
    const safe = { WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_APP_ID: "wx1" };
    expect(setup({})().WECHAT_REQUIRE_SAFE_MODE).toBe(false);
    for (const on of ["true", "1", "yes", "TRUE"]) {
      expect(setup({ ...safe, WECHAT_REQUIRE_SAFE_MODE: on })().WECHAT_REQUIRE_SAFE_MODE).toBe(true);
    }
    for (const off of ["false", "0", "no"]) {
      expect(setup({ WECHAT_REQUIRE_SAFE_MODE: off })().WECHAT_REQUIRE_SAFE_MODE).toBe(false);
    }
    expect(configError({ WECHAT_REQUIRE_SAFE_MODE: "maybe" }).message).toContain(
      "WECHAT_REQUIRE_SAFE_MODE: must be true or false",
    );
  });

  it("refuses WECHAT_REQUIRE_SAFE_MODE without the key that safe mode needs, saying where to find it", () => {
    expect(configError({ WECHAT_TOKEN: "tok", WECHAT_REQUIRE_SAFE_MODE: "true" }).message).toBe(
      "WECHAT_REQUIRE_SAFE_MODE is set but WECHAT_ENCODING_AES_KEY is not: set it and WECHAT_APP_ID to the EncodingAESKey and AppID of 开发 → 基本配置, or unset WECHAT_REQUIRE_SAFE_MODE",
    );
  });

  it("names every bad variable at once", () => {
    const message = configError({ PORT: "abc", TOKENIZER: "ik", LOG_LEVEL: "loud" }).message;
    expect(message).toContain("PORT: ");
    expect(message).toContain("TOKENIZER: ");
    expect(message).toContain("LOG_LEVEL: ");
  });

  it("refuses URLs that are not URLs", () => {
    expect(configError({ TELEGRAM_WEBHOOK_URL: "not a url" }).message).toMatch(
      /^invalid configuration — TELEGRAM_WEBHOOK_URL: /,
    );
  });

  it("reads only the environment it is given", () => {
    const saved = process.env.HOTLINE;
    process.env.HOTLINE = "99999";
    try {
      expect(loadConfig({}).HOTLINE).toBe("12345");
    } finally {
      if (saved === undefined) delete process.env.HOTLINE;
      else process.env.HOTLINE = saved;
    }
  });
});

describe("loadConfig: HTTP settings", () => {
  it("has working defaults for the HTTP server", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      ALLOWED_ORIGINS: [],
      FRAME_ANCESTORS: [],
      RATE_LIMIT_PER_MINUTE: 60,
      LOOKUP_RATE_LIMIT_PER_MINUTE: 600,
    });
  });

  it("reads lists of origins", () => {
    const c = loadConfig({
      ALLOWED_ORIGINS: "https://app.datong.example, http://127.0.0.1:8080",
      FRAME_ANCESTORS: "'self',https://*.datong.example",
    });
    expect(c.ALLOWED_ORIGINS).toEqual(["https://app.datong.example", "http://127.0.0.1:8080"]);
    expect(c.FRAME_ANCESTORS).toEqual(["'self'", "https://*.datong.example"]);
  });

  it("names a bad origin list and says what an origin looks like", () => {
    for (const [name, value] of [
      ["ALLOWED_ORIGINS", "app.datong.example"],
      ["ALLOWED_ORIGINS", "https://app.datong.example/"],
      ["FRAME_ANCESTORS", "https://a.example; script-src *"],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), value).toThrowError(
        new RegExp(`^invalid configuration — ${name}: must be a comma-separated list of origins like`),
      );
    }
  });

  it("names a bad rate limit", () => {
    expect(() => loadConfig({ LOOKUP_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(TiaowenError);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: "many" })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});

describe("loadConfig: running several instances", () => {
  it("has defaults for the feedback, Redis and shutdown settings", () => {
    expect(setup({})()).toMatchObject({
      REDIS_PREFIX: "tiaowen:",
      FEEDBACK_RETENTION_DAYS: 365,
      SHUTDOWN_GRACE_MS: 10_000,
    });
    const config = setup({})();
    expect(config.FEEDBACK_SALT).toBeUndefined();
    expect(config.ADMIN_TOKEN).toBeUndefined();
    expect(config.INTENTS_DIR).toBeUndefined();
  });

  it("reads a Redis URL, with a password and a database", () => {
    const config = setup({
      REDIS_URL: "redis://:s3cret@10.0.0.5:6380/2",
      REDIS_PREFIX: "datong:",
      FEEDBACK_SALT: "a-long-random-salt",
      INTENTS_DIR: "/srv/tiaowen/intents",
      SHUTDOWN_GRACE_MS: "15000",
    })();
    expect(config).toMatchObject({
      REDIS_URL: "redis://:s3cret@10.0.0.5:6380/2",
      REDIS_PREFIX: "datong:",
      FEEDBACK_SALT: "a-long-random-salt",
      INTENTS_DIR: "/srv/tiaowen/intents",
      SHUTDOWN_GRACE_MS: 15_000,
    });
    expect(setup({ REDIS_URL: "rediss://cache.datong.example:6380" })().REDIS_URL).toBe(
      "rediss://cache.datong.example:6380",
    );
  });

  it("refuses a Redis URL or a key prefix of another shape, saying what to give", () => {
    expect(configError({ REDIS_URL: "10.0.0.5:6379" }).message).toContain(
      "REDIS_URL: must be a Redis URL like redis://:password@10.0.0.5:6379/0 (or rediss:// for TLS)",
    );
    expect(configError({ REDIS_PREFIX: "tiaowen" }).message).toContain(
      "REDIS_PREFIX: must be letters, digits, _ . - ending in a colon, like tiaowen:",
    );
    expect(configError({ SHUTDOWN_GRACE_MS: "forever" }).message).toContain("SHUTDOWN_GRACE_MS");
  });
});

describe("regressions: blank variables", () => {
  it("empty PORT", () => {
    expect(loadConfig({ PORT: "" }).PORT).toBe(3000);
  });
});

describe("CONFIG_VARIABLES", () => {
  it("names every variable the configuration reads, and the README's table lists each one", () => {
    expect(CONFIG_VARIABLES).toEqual(
      expect.arrayContaining(["PORT", "REDIS_URL", "METRICS_TOKEN", "CACHE_DIR"]),
    );
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Tests"));
    const firstCells = [...table.matchAll(/^\|([^|]*)\|/gm)].map((m) => m[1] ?? "");
    const listed = new Set(
      firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z0-9_]+)`/g)].map((v) => v[1])),
    );
    expect(CONFIG_VARIABLES.filter((v) => !listed.has(v))).toEqual([]);
  });
});
