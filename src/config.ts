/**
 * The only reader of process.env. Every setting is validated once at start-up; a bad value
 * stops the process with a message that names the variable and says what it should be.
 * Everything has an embedded default, so `npm start` works with no environment at all.
 */
import { z } from "zod";
import { DEFAULT_HOTLINE } from "./conversation/texts.js";
import { TiaowenError } from "./errors.js";

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== "" ? s.trim() : undefined));
// An origin as browsers send it: scheme, host and optional port, nothing else. A CSP host source
// may also use a wildcard subdomain (https://*.example.cn) or the keyword 'self'.
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const FRAME_SOURCE = /^(?:'self'|https?:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)$/;
const origins = (pattern: RegExp, example: string) =>
  list.refine((xs) => xs.every((x) => pattern.test(x)), {
    message: `must be a comma-separated list of origins like ${example} (scheme and host, no path or trailing slash)`,
  });
const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(def);
// A switch: true/false, 1/0, yes/no (any case); unset is off.
const flag = z
  .string()
  .optional()
  .refine((s) => s === undefined || /^(?:true|false|1|0|yes|no)$/i.test(s.trim()), {
    message: "must be true or false",
  })
  .transform((s) => s !== undefined && /^(?:true|1|yes)$/i.test(s.trim()));

const Env = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).optional().default("127.0.0.1"),
  /** Folders of ordinances; default seeds/. */
  CORPUS_DIRS: list,
  /** Ids, titles or file names of the deployment's own laws; default: the laws in the first folder. */
  HOME_LAWS: list,
  TOKENIZER: z.enum(["node-rs", "nodejieba"]).optional().default("node-rs"),
  HOTLINE: z.string().min(1).optional().default(DEFAULT_HOTLINE),
  /** Origins (https://app.example.cn) allowed to call the API from a browser (CORS). */
  ALLOWED_ORIGINS: origins(ORIGIN, "https://app.example.cn"),
  /** Origins allowed to frame the widget (CSP frame-ancestors); the server's own origin always may. */
  FRAME_ANCESTORS: origins(FRAME_SOURCE, "https://www.example.cn or https://*.example.cn"),
  /** Questions (POST /api/ask) per client per minute. */
  RATE_LIMIT_PER_MINUTE: int(60, 1, 100_000),
  /** Look-ups (search, articles, laws, departments) per client per minute: the console types fast. */
  LOOKUP_RATE_LIMIT_PER_MINUTE: int(600, 1, 1_000_000),
  TRUST_PROXY: optionalString,
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .default("info"),
  TELEGRAM_BOT_TOKEN: optionalString.refine(
    (s) => s === undefined || /^\d{1,20}:[A-Za-z0-9_-]{30,100}$/.test(s),
    {
      message:
        "does not look like a bot token (digits, a colon, then about 35 letters, digits, _ or -): copy it again from @BotFather",
    },
  ),
  /**
   * The Telegram flood limit: messages a user may send per TELEGRAM_FLOOD_SECONDS; beyond it the
   * messages are dropped, with one notice per time frame.
   */
  TELEGRAM_FLOOD_LIMIT: int(5, 1, 1000),
  TELEGRAM_FLOOD_SECONDS: int(10, 1, 3600),
  TELEGRAM_API_ROOT: z.url().optional(),
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  WECHAT_TOKEN: optionalString,
  WECHAT_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, "must be the 43-character EncodingAESKey from the WeChat admin page")
    .optional(),
  WECHAT_APP_ID: optionalString,
  WECHAT_REPLY_BUDGET_MS: int(4500, 100, 4900),
  /** Refuse plaintext WeChat messages: only safe (and compatible) mode, which sign the body. */
  WECHAT_REQUIRE_SAFE_MODE: flag,
  /**
   * Shared state for several instances (sessions, rate limits, de-duplication, the feedback log):
   * redis://[:password@]host:port[/db], or rediss:// for TLS. Unset: everything in memory.
   */
  REDIS_URL: optionalString.refine((s) => s === undefined || /^rediss?:\/\/\S+$/.test(s), {
    message: "must be a Redis URL like redis://:password@10.0.0.5:6379/0 (or rediss:// for TLS)",
  }),
  /** Namespace of every Redis key, so that several deployments can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}:$/, "must be letters, digits, _ . - ending in a colon, like tiaowen:")
    .optional()
    .default("tiaowen:"),
  /** Bearer token of the staff routes (/admin/review, /admin/reload); unset: they are closed. */
  ADMIN_TOKEN: optionalString,
  /** Bearer token GET /metrics asks for; unset: /metrics is open (keep it off the public side). */
  METRICS_TOKEN: optionalString,
  /** Where feedback and unanswered questions are appended (JSON lines). */
  FEEDBACK_FILE: z.string().optional().default("data/feedback.jsonl"),
  /**
   * Salt of the hashes that stand for residents in logs and feedback. Unset: one is generated and
   * kept next to FEEDBACK_FILE. Set it, the same everywhere, when instances run on several machines.
   */
  FEEDBACK_SALT: optionalString,
  /** How long feedback records are kept in Redis, in days. */
  FEEDBACK_RETENTION_DAYS: int(365, 1, 3650),
  /**
   * The contact directory (offices, phones, addresses for the departments the law names); default
   * contacts.yaml in the vocabulary folder, which ships empty.
   */
  CONTACTS_FILE: optionalString,
  /** The vocabulary folder (intents.yaml, synonyms.yaml…); default the project's intents/. */
  INTENTS_DIR: optionalString,
  /** How long shutdown waits for requests and answers in flight (SIGTERM), in milliseconds. */
  SHUTDOWN_GRACE_MS: int(10_000, 0, 120_000),
  /** Folder for the on-disk index cache. */
  CACHE_DIR: z.string().optional().default(".cache"),
});

/** The validated configuration. */
export type Config = z.infer<typeof Env>;

/** Every environment variable the configuration reads (the README's table lists each one). */
export const CONFIG_VARIABLES: readonly (keyof Config)[] = Object.keys(Env.shape) as (keyof Config)[];

/**
 * Reads and validates the configuration from an environment (process.env by default).
 * @throws TiaowenError CONFIG naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing (PORT=) means "use the default", not 0 or an empty list entry.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new TiaowenError(
      "CONFIG",
      `invalid configuration — ${problems}. Fix the environment variable(s) and start again.`,
    );
  }
  const config = parsed.data;
  if (config.WECHAT_ENCODING_AES_KEY && !config.WECHAT_APP_ID) {
    throw new TiaowenError(
      "CONFIG",
      "WECHAT_ENCODING_AES_KEY is set but WECHAT_APP_ID is not: safe mode needs both",
    );
  }
  if (config.WECHAT_REQUIRE_SAFE_MODE && !config.WECHAT_ENCODING_AES_KEY) {
    throw new TiaowenError(
      "CONFIG",
      "WECHAT_REQUIRE_SAFE_MODE is set but WECHAT_ENCODING_AES_KEY is not: set it and WECHAT_APP_ID to the EncodingAESKey and AppID of 开发 → 基本配置, or unset WECHAT_REQUIRE_SAFE_MODE",
    );
  }
  return config;
}
