/**
 * Key–value storage for conversation state and de-duplication, in memory by default. One store
 * backs the conversation service (every channel's conversations), WeChat's processed messages,
 * Telegram's webhook de-duplication and the answers awaiting a rating; the Redis implementation
 * (redis-store.ts) replaces it without touching the channels.
 */

/** A store of JSON-serialisable values with per-entry expiry. */
export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  /**
   * Stores `value` under `key` for `ttlMs` (default: the store's lifetime, e.g. 30 minutes).
   * Every entry expires: a conversation nobody continues must not be kept for ever.
   */
  write(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Atomically records `key` if it is new. Returns true the first time a key is seen within its
   * lifetime and false for repeats: the basis of Telegram update_id and WeChat MsgId de-duplication.
   */
  claim(key: string, ttlMs?: number): Promise<boolean>;
}

/**
 * How long an entry lives after its last write unless the writer says otherwise: a conversation
 * half an hour old is over (a resident who comes back later starts afresh).
 */
export const DEFAULT_TTL_MS = 30 * 60_000;

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Lifetime of an entry after its last write. Default 30 minutes. */
  ttlMs?: number;
  /** Most entries kept; the oldest go first. Default 50,000. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** An in-memory store with expiry and a size bound (so a flood of chats cannot exhaust memory). */
export function createMemoryStore<T>(options: MemoryStoreOptions = {}): KeyValueStore<T> {
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const max = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  // Values and claims live apart, so that no value (true, say) or key can pass for a claim.
  const values = new Map<string, { value: T; expires: number }>();
  const claims = new Map<string, { value: true; expires: number }>();
  const put = <V>(
    map: Map<string, { value: V; expires: number }>,
    key: string,
    value: V,
    lifetime: number,
  ) => {
    map.delete(key);
    map.set(key, { value, expires: now() + lifetime });
    while (map.size > max) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  };
  const live = <V>(map: Map<string, { value: V; expires: number }>, key: string) => {
    const e = map.get(key);
    if (!e) return undefined;
    if (e.expires <= now()) {
      map.delete(key);
      return undefined;
    }
    return e;
  };
  return {
    async read(key) {
      return live(values, key)?.value;
    },
    async write(key, value, ttlMs) {
      put(values, key, value, ttlMs ?? ttl);
    },
    async delete(key) {
      values.delete(key);
    },
    async claim(key, ttlMs) {
      if (live(claims, key)) return false;
      put(claims, key, true, ttlMs ?? ttl);
      return true;
    },
  };
}

/**
 * One channel's typed view of a shared store. Every channel keeps JSON values under its own key
 * prefix (http:, tg:, wx:), so one store (one Redis) serves them all; the type is the channel's
 * promise about its own keys.
 */
export function storeFor<T>(store: KeyValueStore<unknown>): KeyValueStore<T> {
  return store as KeyValueStore<T>;
}
