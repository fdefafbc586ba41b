/**
 * The {@link KeyValueStore} on Redis: what several instances behind a load balancer share, so that
 * a follow-up landing on another instance keeps its context and a retried message is answered once.
 *
 * Values are JSON under one namespace (`tiaowen:` by default, then the channel's own prefix:
 * `tiaowen:http:session:…`, `tiaowen:tg:chat:…`, `tiaowen:wechat:…`), and every key is written with
 * an expiry (SET … PX), so Redis never fills up with conversations nobody continues. Redis
 * evicts nothing for another key unless its maxmemory policy says so: run it with
 * `maxmemory-policy noeviction` (deploy/compose.yaml does), so that a flood of one channel's
 * keys makes a full Redis refuse new writes rather than drop residents' conversations.
 *
 * While Redis is away the store degrades instead of failing: reads find nothing (follow-ups are
 * answered without context), writes and deletes are dropped, and claims are made in this
 * instance's memory — one instance still never answers the same message twice, though two might
 * during the outage, which is better than answering none.
 */
import type { RedisLink } from "./redis.js";
import { createMemoryStore, DEFAULT_TTL_MS, type KeyValueStore } from "./store.js";

/** Default namespace of every key tiaowen writes. */
export const DEFAULT_PREFIX = "tiaowen:";

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** Prepended to every key. Default "tiaowen:". */
  prefix?: string;
  /** Lifetime of a write that names none. Default 30 minutes. */
  ttlMs?: number;
}

/** Creates the store over a Redis link. */
export function createRedisStore<T>(link: RedisLink, options: RedisStoreOptions = {}): KeyValueStore<T> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  // Claims made while Redis is away; bounded like any memory store.
  const localClaims = createMemoryStore<never>({ ttlMs: ttl, maxEntries: 10_000 });
  const nothing = () => undefined;
  return {
    read(key) {
      return link.run(async (redis) => {
        const raw = await redis.get(prefix + key);
        return raw === null ? undefined : (parseJson(raw) as T | undefined);
      }, nothing);
    },
    async write(key, value, ttlMs) {
      await link.run(async (redis) => {
        await redis.set(prefix + key, JSON.stringify(value), "PX", Math.max(1, Math.round(ttlMs ?? ttl)));
      }, nothing);
    },
    async delete(key) {
      await link.run(async (redis) => {
        await redis.del(prefix + key);
      }, nothing);
    },
    claim(key, ttlMs) {
      const lifetime = Math.max(1, Math.round(ttlMs ?? ttl));
      return link.run(
        async (redis) => (await redis.set(`${prefix}claim:${key}`, "1", "PX", lifetime, "NX")) === "OK",
        () => localClaims.claim(key, lifetime),
      );
    },
  };
}

/** A stored value, or undefined for one that is not JSON (written by something else). */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
