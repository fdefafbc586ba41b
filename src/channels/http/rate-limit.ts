/**
 * Per-client rate limits. A token bucket per client: a client may ask `limit` questions at once
 * (a burst, e.g. a few starter questions clicked quickly) and then `limit` per minute, refilled
 * continuously, so nobody waits for a window to turn over.
 *
 * The buckets live in this process's memory rather than in the KeyValueStore: a limit is checked
 * on every request and must cost next to nothing, and its state is worthless after a restart.
 * Behind several instances each enforces its own share (set the limit accordingly).
 */
import type { RequestHandler } from "express";
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
  take(client: string): RateDecision;
}

const MINUTE = 60_000;

/** Creates an in-memory rate limiter. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { perMinute } = options;
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const perMs = perMinute / MINUTE;
  const buckets = new Map<string, { tokens: number; at: number }>();
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
      if (buckets.size > maxClients) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return {
        allowed,
        remaining: Math.floor(tokens),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
      };
    },
  };
}

/**
 * Express middleware that answers 429 RATE_LIMITED (with Retry-After) once a client, known by its
 * IP address (see TRUST_PROXY), has used up its bucket.
 */
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const decision = limiter.take(req.ip ?? "unknown");
    res.set("RateLimit-Limit", String(limiter.perMinute));
    res.set("RateLimit-Remaining", String(decision.remaining));
    if (decision.allowed) {
      next();
      return;
    }
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
