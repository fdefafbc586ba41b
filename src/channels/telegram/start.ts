/**
 * Starts the Telegram channel from the configuration: off without a token; long polling by
 * default (grammY runner, one chat at a time, many chats at once); a webhook on the HTTP
 * server when TELEGRAM_WEBHOOK_URL is set. Registers the command menu either way.
 */
import { createHash } from "node:crypto";
import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Router } from "express";
import { GrammyError, HttpError } from "grammy";
import type { Config } from "../../config.js";
import type { Conversation } from "../../conversation/service.js";
import type { Bot } from "../../mod.js";
import type { ChannelStatus } from "../../ops/channel-status.js";
import type { KeyValueStore } from "../../state/store.js";
import {
  createTelegramBot,
  TELEGRAM_COMMANDS,
  type TelegramBot,
  type TelegramBotOptions,
  type TelegramLogger,
} from "./bot.js";
import { TelegramSetupError } from "./errors.js";
import { createTelegramWebhook } from "./webhook.js";

/** The updates the bot handles; Telegram does not send the others at all. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

/** The Telegram settings of the configuration. */
export type TelegramConfig = Pick<
  Config,
  | "TELEGRAM_BOT_TOKEN"
  | "TELEGRAM_API_ROOT"
  | "TELEGRAM_WEBHOOK_URL"
  | "TELEGRAM_WEBHOOK_SECRET"
  | "HOTLINE"
  | "TELEGRAM_FLOOD_LIMIT"
  | "TELEGRAM_FLOOD_SECONDS"
>;

/** Something a router can be mounted on: the HTTP server's express app. */
export interface Mountable {
  use(router: Router): unknown;
}

/** Options of {@link startTelegram}. */
export interface StartTelegramOptions {
  config: TelegramConfig;
  /** The conversation service every channel shares (main.ts). */
  conversation?: Conversation;
  /** Without `conversation`: the core, or a function that returns the one serving now. */
  bot?: Bot | (() => Bot);
  /** Webhook de-duplication (and, without `conversation`, conversations). */
  store: KeyValueStore<unknown>;
  logger: TelegramLogger;
  /** The HTTP server's app; the webhook router is mounted on it. Required when TELEGRAM_WEBHOOK_URL is set. */
  app?: Mountable;
  /** Further options of the grammY bot (tests: botInfo, rateLimit). */
  telegram?: Partial<Omit<TelegramBotOptions, "token" | "bot" | "store" | "logger">>;
}

/** The running channel. */
export interface TelegramChannel {
  mode: "off" | "polling" | "webhook";
  /** The grammY bot (absent when off). */
  bot?: TelegramBot;
  /** The webhook router, already mounted on `app` (webhook mode only). */
  webhook?: Router;
  /** Stops long polling; the webhook stays registered so that Telegram queues updates meanwhile. */
  stop(): Promise<void>;
}

/**
 * The webhook secret when TELEGRAM_WEBHOOK_SECRET is not set: derived from the token, so that
 * forged requests are still refused, every instance and every restart agree on it without
 * another setting, and it reveals nothing of the token (a one-way hash; hex fits Telegram's
 * alphabet for secret_token).
 */
export function deriveWebhookSecret(token: string): string {
  return createHash("sha256").update(`tiaowen telegram webhook\n${token}`).digest("hex");
}

/**
 * How long the first getMe may take. Where api.telegram.org is blocked, connections hang rather
 * than fail; fifteen seconds is far beyond a normal round trip and short enough to tell the
 * operator soon.
 */
export const START_TIMEOUT_MS = 15_000;

// Telegram's rule for secret_token.
const SECRET_ALPHABET = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Starts the channel. Without TELEGRAM_BOT_TOKEN it logs that the bot is off and returns
 * mode "off". Otherwise it checks the token (getMe), registers the commands, and either sets
 * the webhook (mounting its router on `app` at the URL's path) or starts long polling.
 * @throws TelegramSetupError when the token is refused, the Bot API cannot be reached, or the
 * webhook settings are unusable.
 */
export async function startTelegram(options: StartTelegramOptions): Promise<TelegramChannel> {
  const { config, store, logger, app } = options;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) {
    logger.info("Telegram bot is off: set TELEGRAM_BOT_TOKEN to run it");
    return { mode: "off", stop: async () => {} };
  }
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL ? new URL(config.TELEGRAM_WEBHOOK_URL) : undefined;
  const secret = config.TELEGRAM_WEBHOOK_SECRET ?? deriveWebhookSecret(token);
  if (webhookUrl) {
    if (!app) {
      throw new TelegramSetupError(
        "TELEGRAM_WEBHOOK_SERVER",
        "TELEGRAM_WEBHOOK_URL is set but there is no HTTP server to receive the webhook: run the server, or unset TELEGRAM_WEBHOOK_URL to use long polling",
      );
    }
    if (!SECRET_ALPHABET.test(secret)) {
      throw new TelegramSetupError(
        "TELEGRAM_WEBHOOK_SECRET",
        "TELEGRAM_WEBHOOK_SECRET may only contain A–Z, a–z, 0–9, _ and - (1 to 256 characters): choose another, or unset it to derive one from the token",
      );
    }
  }

  const telegram = createTelegramBot({
    hotline: config.HOTLINE,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    ...(config.TELEGRAM_FLOOD_LIMIT
      ? {
          rateLimit: {
            limit: config.TELEGRAM_FLOOD_LIMIT,
            timeFrameMs: config.TELEGRAM_FLOOD_SECONDS * 1000,
          },
        }
      : {}),
    ...options.telegram,
    token,
    ...(options.conversation ? { conversation: options.conversation } : {}),
    ...(options.bot ? { bot: options.bot } : {}),
    store,
    logger,
  });
  const apiRoot = config.TELEGRAM_API_ROOT ?? "https://api.telegram.org";
  // getMe by hand rather than bot.init(): init retries network errors for ever, and an
  // unreachable Bot API should stop the start with a message instead of hanging it.
  // (grammY types its signal with the abort-controller shim; Node's own AbortSignal is what it uses.)
  const deadline = AbortSignal.timeout(START_TIMEOUT_MS) as unknown as Parameters<
    typeof telegram.api.getMe
  >[0];
  telegram.botInfo = await setUp(() => telegram.api.getMe(deadline), apiRoot);
  await setUp(() => telegram.api.setMyCommands([...TELEGRAM_COMMANDS]), apiRoot);
  const username = telegram.botInfo.username;

  if (webhookUrl) {
    const path = webhookUrl.pathname;
    const router = createTelegramWebhook({ bot: telegram, secretToken: secret, store, path, logger });
    // Mounted before setWebhook, so that the first update Telegram sends finds its route.
    app?.use(router);
    await setUp(
      () =>
        telegram.api.setWebhook(webhookUrl.href, {
          secret_token: secret,
          allowed_updates: [...ALLOWED_UPDATES],
        }),
      apiRoot,
    );
    logger.info({ username, url: `${webhookUrl.origin}${path}` }, "Telegram bot is on: webhook");
    return { mode: "webhook", bot: telegram, webhook: router, stop: async () => {} };
  }

  // getUpdates refuses to work while a webhook is registered (409), and the runner does not
  // remove one itself (bot.start() would). Pending updates are kept.
  await setUp(() => telegram.api.deleteWebhook(), apiRoot);
  const runner: RunnerHandle = run(telegram, {
    // The runner would print fetch errors with console.error; logFailures in bot.ts logs them.
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
  });
  runner.task()?.catch((error: unknown) => {
    logger.error(
      { err: error },
      "Telegram long polling stopped: the token was revoked or another instance is polling",
    );
  });
  logger.info({ username }, "Telegram bot is on: long polling");
  return {
    mode: "polling",
    bot: telegram,
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}

/** Runs a setup call, turning the usual failures into errors that say what to fix. */
async function setUp<T>(call: () => Promise<T>, apiRoot: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      throw new TelegramSetupError(
        "TELEGRAM_TOKEN",
        `the Bot API refused TELEGRAM_BOT_TOKEN (${error.error_code} ${error.description}): copy the token again from @BotFather`,
        { cause: error },
      );
    }
    if (error instanceof HttpError) {
      throw new TelegramSetupError(
        "TELEGRAM_UNREACHABLE",
        `cannot reach the Telegram Bot API at ${apiRoot}: check the network, or set TELEGRAM_API_ROOT to a Bot API server you can reach`,
        { cause: error },
      );
    }
    if (error instanceof GrammyError) {
      const hint =
        error.method === "setWebhook"
          ? "check TELEGRAM_WEBHOOK_URL: Telegram needs a public HTTPS URL on port 443, 80, 88 or 8443"
          : "check the bot's settings with @BotFather";
      throw new TelegramSetupError(
        "TELEGRAM_SETUP",
        `Telegram refused ${error.method} (${error.error_code} ${error.description}): ${hint}`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Options of {@link keepStartingTelegram}. */
export interface RetryOptions {
  /** Where the channel's state is reported (/readyz, /metrics). */
  status: ChannelStatus;
  /** First wait after a failed start; doubled after each failure. Default 5 s. */
  firstDelayMs?: number;
  /** Longest wait between attempts. Default 5 minutes. */
  maxDelayMs?: number;
  /** Stops retrying (shutdown). */
  signal?: AbortSignal;
  /** Told of each running channel (the first, or the one a retry started). */
  onStarted?: (channel: TelegramChannel) => void;
}

/**
 * Starts the channel, and when the Bot API cannot be reached (the network down at boot, a
 * blocked host) keeps trying with exponential backoff instead of giving up: the other channels
 * serve meanwhile, and /readyz shows "retrying" with the time of the next attempt. A refused
 * token or unusable webhook settings are not retried: they need the operator.
 * @throws TelegramSetupError for those.
 */
export async function keepStartingTelegram(
  options: StartTelegramOptions,
  retry: RetryOptions,
): Promise<TelegramChannel | undefined> {
  const { status, signal } = retry;
  const maxDelay = retry.maxDelayMs ?? 5 * 60_000;
  let delay = retry.firstDelayMs ?? 5_000;
  status.set("telegram", options.config.TELEGRAM_BOT_TOKEN ? { state: "starting" } : { state: "off" });
  for (;;) {
    try {
      const channel = await startTelegram(options);
      status.set(
        "telegram",
        channel.mode === "off" ? { state: "off" } : { state: "up", detail: channel.mode },
      );
      retry.onStarted?.(channel);
      return channel;
    } catch (error) {
      if (!(error instanceof TelegramSetupError) || error.code !== "TELEGRAM_UNREACHABLE") {
        status.set("telegram", { state: "failed", detail: (error as Error).message });
        throw error;
      }
      if (signal?.aborted) return undefined;
      const retryAt = new Date(Date.now() + delay).toISOString();
      status.set("telegram", { state: "retrying", detail: error.message, retryAt });
      options.logger.warn({ retryAt }, `${error.message}; trying again in ${Math.round(delay / 1000)} s`);
      if (!(await wait(delay, signal))) return undefined;
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}

/** Resolves true after `ms`, or false at once when `signal` aborts. */
function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
