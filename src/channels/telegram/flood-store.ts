/**
 * Where the Telegram flood limit (@grammyjs/ratelimiter) counts when instances share Redis: one
 * counter per user and time frame, so a flood spread over several instances is still one flood.
 *
 * The limiter's own Redis store does INCR and then PEXPIRE in two steps; a crash between them
 * would leave a counter without expiry and the user silenced for good. Here INCR and the expiry
 * are one Lua script, and `pexpire` has nothing left to do. While Redis is away the counting
 * falls back to this process's memory.
 */
import type { RedisLink } from "../../state/redis.js";
import { DEFAULT_PREFIX } from "../../state/redis-store.js";
import type { FloodCounterStore } from "./bot.js";

// KEYS[1] the counter; ARGV[1] the time frame in ms. The expiry is set by the first hit only, so
// the window is fixed (as the limiter's memory store) rather than sliding with every message.
const INCR_WITH_EXPIRY = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

/** Options of {@link createFloodStore}. */
export interface FloodStoreOptions {
  /** The limiter's time frame (its counters live this long). */
  timeFrameMs: number;
  /** Key namespace. Default "tiaowen:". */
  prefix?: string;
  /** Counters kept in memory while Redis is away. Default 10,000. */
  maxLocal?: number;
}

/** A flood counter store in Redis, with a memory fallback. */
export function createFloodStore(link: RedisLink, options: FloodStoreOptions): FloodCounterStore {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const maxLocal = options.maxLocal ?? 10_000;
  const local = new Map<string, { count: number; until: number }>();
  const countLocally = (key: string): number => {
    const now = Date.now();
    const entry = local.get(key);
    if (!entry || entry.until <= now) {
      local.delete(key);
      local.set(key, { count: 1, until: now + options.timeFrameMs });
      if (local.size > maxLocal) local.delete(local.keys().next().value as string);
      return 1;
    }
    entry.count += 1;
    return entry.count;
  };
  const redis = link.client as typeof link.client & {
    tiaowenFloodIncr?: (key: string, ms: number) => Promise<number>;
  };
  if (!redis.tiaowenFloodIncr)
    redis.defineCommand("tiaowenFloodIncr", { numberOfKeys: 1, lua: INCR_WITH_EXPIRY });
  return {
    incr(key) {
      return link.run(
        async () => {
          const incr = redis.tiaowenFloodIncr as NonNullable<typeof redis.tiaowenFloodIncr>;
          return Number(await incr.call(redis, prefix + key, options.timeFrameMs));
        },
        () => countLocally(key),
      );
    },
    // The expiry came with the first INCR.
    pexpire: async () => 1,
  };
}
