/**
 * Key–value storage for conversation state and de-duplication, in memory by default. One store
 * backs the conversation service (every channel's conversations), WeChat's processed messages and
 * replay guard, Telegram's webhook de-duplication and the answers awaiting a rating; the Redis
 * implementation (redis-store.ts) replaces it without touching the channels. Each channel keeps
 * its keys under its own prefix, and the memory store bounds each prefix apart, so one channel's
 * flood never evicts another's conversations.
 */
import { OldestFirst } from "./oldest-first.js";

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
  /** Most entries kept in each partition; the oldest go first. Default 50,000. */
  maxEntries?: number;
  /** The partition of a key. Default {@link channelOf}: its channel prefix (http, tg, wechat). */
  partitionOf?: (key: string) => string;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * The partition of a key: the text before its first ":" — the channel's own prefix ("http",
 * "tg", "wechat"), which every channel puts first — or "" for a key without one. Keys are built
 * from constants in the code, so the partitions are few and fixed.
 */
export function channelOf(key: string): string {
  const colon = key.indexOf(":");
  return colon === -1 ? "" : key.slice(0, colon);
}

type Entries<V> = Map<string, { value: V; expires: number }>;

/**
 * An in-memory store with expiry and a size bound per partition: a flood in one channel (anyone
 * can create widget sessions) drops that channel's oldest entries, never a resident's WeChat or
 * Telegram conversation. Memory stays bounded all the same (partitions × maxEntries).
 */
export function createMemoryStore<T>(options: MemoryStoreOptions = {}): KeyValueStore<T> {
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const max = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  const partitionOf = options.partitionOf ?? channelOf;
  // Values and claims live apart, so that no value (true, say) or key can pass for a claim.
  const partitions = new Map<string, { values: Entries<T>; claims: Entries<true> }>();
  const order = new WeakMap<Entries<unknown>, OldestFirst<string>>();
  const partition = (key: string) => {
    const name = partitionOf(key);
    let p = partitions.get(name);
    if (!p) {
      p = { values: new Map(), claims: new Map() };
      order.set(p.values, new OldestFirst(p.values));
      order.set(p.claims, new OldestFirst(p.claims));
      partitions.set(name, p);
    }
    return p;
  };
  const put = <V>(map: Entries<V>, key: string, value: V, lifetime: number) => {
    map.delete(key);
    map.set(key, { value, expires: now() + lifetime });
    order.get(map)?.trimTo(max);
  };
  const live = <V>(map: Entries<V>, key: string) => {
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
      return live(partition(key).values, key)?.value;
    },
    async write(key, value, ttlMs) {
      put(partition(key).values, key, value, ttlMs ?? ttl);
    },
    async delete(key) {
      partition(key).values.delete(key);
    },
    async claim(key, ttlMs) {
      const { claims } = partition(key);
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
