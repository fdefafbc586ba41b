/**
 * Per-client rate limits. A token bucket per client: a client may ask `limit` questions at once
 * (a burst, e.g. a few starter questions clicked quickly) and then `limit` per minute, refilled
 * continuously, so nobody waits for a window to turn over.
 *
 * Alone, the buckets live in this process's memory: a limit is checked on every request and must
 * cost next to nothing. With REDIS_URL the same buckets live in Redis (one small Lua script per
 * request, atomic, on Redis's clock), so instances behind a load balancer count a client's requests
 * together; while Redis is away each instance falls back to its own buckets.
 */
import type { RequestHandler } from "express";
import { OldestFirst } from "../../state/oldest-first.js";
import type { RedisLink } from "../../state/redis.js";
import { DEFAULT_PREFIX } from "../../state/redis-store.js";
import { HttpError } from "./errors.js";

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests per client per minute (also the largest burst). */
  perMinute: number;
  /** Clients remembered at most; the least recently seen are forgotten first. Default 100,000. */
  maxClients?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

/** The outcome of one request against the limit. */
export interface RateDecision {
  allowed: boolean;
  /** Whole requests left right now. */
  remaining: number;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** A set of token buckets, one per client key. */
export interface RateLimiter {
  readonly perMinute: number;
  /** Takes one token from the client's bucket if there is one. */
  take(client: string): RateDecision | Promise<RateDecision>;
}

/** A rate limiter in this process's memory: it decides at once. */
export interface LocalRateLimiter extends RateLimiter {
  take(client: string): RateDecision;
}

const MINUTE = 60_000;

/** Creates an in-memory rate limiter. */
export function createRateLimiter(options: RateLimiterOptions): LocalRateLimiter {
  const { perMinute } = options;
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const perMs = perMinute / MINUTE;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const oldest = new OldestFirst(buckets);
  return {
    perMinute,
    take(client) {
      const t = now();
      const b = buckets.get(client);
      let tokens = b ? Math.min(perMinute, b.tokens + (t - b.at) * perMs) : perMinute;
      // Re-insert so the Map's order is least recently seen first.
      buckets.delete(client);
      const allowed = tokens >= 1;
      if (allowed) tokens -= 1;
      buckets.set(client, { tokens, at: t });
      oldest.trimTo(maxClients);
      return {
        allowed,
        remaining: Math.floor(tokens),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
      };
    },
  };
}

// The token bucket of createRateLimiter, in Redis: KEYS[1] the bucket (a hash), ARGV[1] perMinute.
// Redis's own clock (TIME), so instances with drifting clocks agree. A bucket untouched for a minute
// is full again, which is what a missing key means: it expires after a minute.
const TAKE_TOKEN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local per_ms = cap / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = cap
if b[1] then tokens = math.min(cap, tonumber(b[1]) + math.max(0, now - tonumber(b[2])) * per_ms) end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return {allowed, tostring(tokens)}
`;

/** Options of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /** Requests per client per minute (also the largest burst). */
  perMinute: number;
  /** Names this limit's buckets: "ask", "lookup". */
  name: string;
  /** Key namespace. Default "tiaowen:". */
  prefix?: string;
}

/**
 * A rate limiter whose buckets live in Redis, shared by every instance; while Redis is away it
 * decides with a bucket in this process's memory instead.
 */
export function createRedisRateLimiter(link: RedisLink, options: RedisRateLimiterOptions): RateLimiter {
  const { perMinute } = options;
  const prefix = `${options.prefix ?? DEFAULT_PREFIX}rate:${options.name}:`;
  const local = createRateLimiter({ perMinute });
  const perMs = perMinute / MINUTE;
  // defineCommand sends the script once and then only its SHA (EVALSHA), re-sending it if Redis
  // restarted and forgot it.
  const redis = link.client as typeof link.client & {
    tiaowenTakeToken?: (key: string, perMinute: number) => Promise<[number, string]>;
  };
  if (!redis.tiaowenTakeToken) redis.defineCommand("tiaowenTakeToken", { numberOfKeys: 1, lua: TAKE_TOKEN });
  return {
    perMinute,
    take(client) {
      return link.run(
        async () => {
          const take = redis.tiaowenTakeToken as NonNullable<typeof redis.tiaowenTakeToken>;
          const [allowed, left] = await take.call(redis, prefix + client, perMinute);
          const tokens = Number(left);
          return {
            allowed: allowed === 1,
            remaining: Math.floor(tokens),
            retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
          };
        },
        () => local.take(client),
      );
    },
  };
}

/**
 * Express middleware that answers 429 RATE_LIMITED (with Retry-After) once a client, known by its
 * IP address (see TRUST_PROXY), has used up its bucket. `onLimited` is told of each refusal (metrics).
 */
export function rateLimit(limiter: RateLimiter, onLimited?: () => void): RequestHandler {
  return async (req, res, next) => {
    const taken = limiter.take(req.ip ?? "unknown");
    // A local bucket decides at once: no await, so the request goes on in the same tick.
    const decision = taken instanceof Promise ? await taken : taken;
    res.setHeader("RateLimit-Limit", String(limiter.perMinute));
    res.setHeader("RateLimit-Remaining", String(decision.remaining));
    if (decision.allowed) {
      next();
      return;
    }
    onLimited?.();
    next(
      new HttpError(
        429,
        "RATE_LIMITED",
        `too many requests from this client: at most ${limiter.perMinute} a minute; try again in ${decision.retryAfterSeconds} s`,
        { "Retry-After": String(decision.retryAfterSeconds) },
      ),
    );
  };
}

/** Where shared limits live: the Redis link and the key namespace. */
export interface SharedLimits {
  link: RedisLink;
  prefix: string;
}

/**
 * The limiters of questions and look-ups: in Redis when `shared` is given (every instance counts
 * together), else in this process's memory.
 */
export function createLimiters(
  perMinute: { ask: number; lookup: number },
  shared?: SharedLimits,
): { ask: RateLimiter; lookup: RateLimiter } {
  if (!shared) {
    return {
      ask: createRateLimiter({ perMinute: perMinute.ask }),
      lookup: createRateLimiter({ perMinute: perMinute.lookup }),
    };
  }
  const { link, prefix } = shared;
  return {
    ask: createRedisRateLimiter(link, { perMinute: perMinute.ask, name: "ask", prefix }),
    lookup: createRedisRateLimiter(link, { perMinute: perMinute.lookup, name: "lookup", prefix }),
  };
}
