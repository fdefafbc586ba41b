/**
 * The process's logger: pino, JSON lines on stdout, with two guards against secrets reaching the
 * log. Fields that hold credentials by name (authorization headers, tokens, passwords) are
 * redacted; and, because a secret can also hide inside a message (a library's error that quotes
 * the URL it called, token and all), every line is scrubbed of the configured secrets' values
 * before it is written. Residents' ids never reach the logger in the first place (see
 * answer-tracker.ts): channels log salted hashes.
 */
import pino, { type Logger } from "pino";
import type { Config } from "../config.js";

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: Config["LOG_LEVEL"];
  /** Values that must never appear in a log line (tokens, keys, passwords). */
  secrets: readonly (string | undefined)[];
  /** Where lines go; default stdout. */
  destination?: pino.DestinationStream;
}

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Secrets shorter than this are not scrubbed by value: replacing a short string everywhere would
 * mangle ordinary text, and a secret that short is no secret anyway.
 */
export const MIN_SCRUBBED_LENGTH = 8;

// Fields redacted by name wherever pino meets them (one level deep, and in headers).
const REDACT_PATHS = [
  "authorization",
  "token",
  "secret",
  "password",
  "*.authorization",
  "*.token",
  "*.secret",
  "*.password",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-telegram-bot-api-secret-token"]',
];

/** The configuration's secrets: tokens, keys, the salt and the Redis password. */
export function secretsOf(
  config: Pick<
    Config,
    | "TELEGRAM_BOT_TOKEN"
    | "TELEGRAM_WEBHOOK_SECRET"
    | "WECHAT_TOKEN"
    | "WECHAT_ENCODING_AES_KEY"
    | "ADMIN_TOKEN"
    | "METRICS_TOKEN"
    | "FEEDBACK_SALT"
    | "REDIS_URL"
  >,
): string[] {
  const secrets = [
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.WECHAT_TOKEN,
    config.WECHAT_ENCODING_AES_KEY,
    config.ADMIN_TOKEN,
    config.METRICS_TOKEN,
    config.FEEDBACK_SALT,
  ];
  if (config.REDIS_URL) {
    try {
      const password = new URL(config.REDIS_URL).password;
      if (password) secrets.push(decodeURIComponent(password), password);
    } catch {
      // an unparsable URL has been refused by the configuration already
    }
  }
  return secrets.filter((s): s is string => s !== undefined);
}

/** A function that replaces every secret (as written, JSON-escaped or URL-encoded) in a string. */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SCRUBBED_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so that a secret containing another is replaced whole.
  const list = [...forms].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of list) if (out.includes(form)) out = out.replaceAll(form, REDACTED);
    return out;
  };
}

/** Creates the logger. */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = createScrubber(options.secrets);
  const settings: pino.LoggerOptions = {
    name: "tiaowen",
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: scrub },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
