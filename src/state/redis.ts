/**
 * The connection to Redis (ioredis), shared by the store, the rate limiters, the feedback log and
 * the reload broadcast. It is built to fail fast and recover on its own:
 *
 * - commands never queue while Redis is away (`enableOfflineQueue: false`) and time out after a
 *   second, so a question is never held up by Redis: callers go through {@link RedisLink.run},
 *   which uses their fallback instead (no context, a local counter, a local claim);
 * - the client reconnects for ever, at most every two seconds;
 * - an outage is logged once when it starts and once when it ends, however many requests meet it.
 *
 * The URL's password never reaches a log: only host and port are named.
 */
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";

/** What the link logs through (a pino logger fits). */
export type RedisLogger = Pick<Logger, "info" | "warn" | "error">;

/** Options of {@link connectRedis}. */
export interface RedisLinkOptions {
  /** redis://[:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  logger: RedisLogger;
  /** A command that takes longer than this fails (and the caller's fallback is used). Default 1,000 ms. */
  commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts. Default 2,000 ms. */
  maxReconnectDelayMs?: number;
}

/** A Redis connection that knows whether it is usable. */
export interface RedisLink {
  /** The ioredis client, for commands that need no fallback (tests, the report). */
  readonly client: Redis;
  /** Where Redis is, without credentials: "127.0.0.1:6379". */
  readonly address: string;
  /** True while connected and answering. */
  isUp(): boolean;
  /**
   * Runs `command` when Redis is up; otherwise, or when it fails, returns `fallback()`. The first
   * failure of an outage is logged; the rest are silent until Redis is back.
   */
  run<T>(command: (client: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  /** Calls `listener` whenever Redis goes away (false) or comes back (true); returns an unsubscribe. */
  onChange(listener: (up: boolean) => void): () => void;
  /** Resolves true once Redis is up, or false after `timeoutMs` (start-up waits a little, not for ever). */
  whenUp(timeoutMs: number): Promise<boolean>;
  /** A second connection with the same settings (a subscriber needs one of its own). */
  duplicate(): Redis;
  /** Closes the connection after the commands already sent (QUIT), or at once if Redis is away. */
  close(): Promise<void>;
}

/** host:port of a Redis URL, without user or password (for logs and messages). */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "6379"}`;
  } catch {
    return "(unparsable REDIS_URL)";
  }
}

/** The ioredis options: fail fast, reconnect for ever. */
export function redisOptions(options: Omit<RedisLinkOptions, "url" | "logger">): RedisOptions {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  return {
    // A command while Redis is away fails at once instead of waiting in a queue: the caller has a
    // fallback, and a resident should not wait for Redis to come back.
    enableOfflineQueue: false,
    // Commands caught by a disconnection fail instead of being retried after it.
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, maxDelay),
    // Many requests at once share round trips: one pipeline per tick instead of one per command.
    enableAutoPipelining: true,
  };
}

/** Connects to Redis. Never throws for an unreachable server: the link starts "down" and keeps trying. */
export function connectRedis(options: RedisLinkOptions): RedisLink {
  const { logger } = options;
  const address = redisAddress(options.url);
  const settings = redisOptions(options);
  const client = new Redis(options.url, settings);
  const listeners = new Set<(up: boolean) => void>();
  // Up once "ready"; down from the first error or closed connection until the next "ready".
  let up = false;
  // Whether the current outage has been logged (start-up counts as an outage until the first ready).
  let reported = false;
  let closing = false;

  const change = (next: boolean) => {
    if (next === up) return;
    up = next;
    for (const listener of listeners) listener(up);
  };
  const goneAway = (error?: unknown) => {
    if (closing) return;
    if (!reported) {
      reported = true;
      logger.error(
        { redis: address, err: error instanceof Error ? { message: error.message } : undefined },
        "Redis is unreachable: answering without shared state (follow-ups lose their context, rate limits count per instance) until it returns",
      );
    }
    change(false);
  };

  const onChange = (listener: (up: boolean) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  client.on("ready", () => {
    if (reported) logger.info({ redis: address }, "Redis is back: shared state restored");
    else logger.info({ redis: address }, "Redis connected");
    reported = false;
    change(true);
  });
  // ioredis reports every failed reconnection as an "error": only the first of an outage is logged.
  client.on("error", (error: unknown) => goneAway(error));
  client.on("close", () => goneAway());

  return {
    client,
    address,
    isUp: () => up,
    async run(command, fallback) {
      if (!up) return fallback();
      try {
        return await command(client);
      } catch (error) {
        // A timeout or a refused command while the socket looks fine: treat it as an outage
        // until the connection proves itself again (the next "ready" after a reconnect).
        if (isConnectionError(error)) {
          goneAway(error);
          client.disconnect(true);
        } else {
          logger.warn({ redis: address, err: { message: errorMessage(error) } }, "Redis command failed");
        }
        return fallback();
      }
    },
    onChange,
    whenUp(timeoutMs) {
      if (up) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          off();
          resolve(false);
        }, timeoutMs);
        timer.unref();
        const off = onChange((now) => {
          if (!now) return;
          clearTimeout(timer);
          off();
          resolve(true);
        });
      });
    },
    duplicate: () => new Redis(options.url, settings),
    async close() {
      closing = true;
      change(false);
      if (client.status === "ready") {
        await client.quit().catch(() => client.disconnect());
      } else {
        client.disconnect();
      }
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors that mean "Redis is not answering", as opposed to a command Redis refused. */
function isConnectionError(error: unknown): boolean {
  const message = errorMessage(error);
  return /timed out|Connection is closed|Stream isn't writeable|ECONNRESET|ECONNREFUSED|EPIPE|MaxRetriesPerRequest/i.test(
    message,
  );
}
