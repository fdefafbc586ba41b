import { describe, expect, it } from "vitest";
import { channelOf, createMemoryStore, type MemoryStoreOptions, storeFor } from "../../src/state/store.js";
import { keyValueStoreSuite } from "../helpers/store-suite.js";

keyValueStoreSuite("createMemoryStore", (bound) => createMemoryStore(bound));

/** A store on a clock the test moves by hand. */
function setup<T>(options: Omit<MemoryStoreOptions, "now"> = {}) {
  let now = 1_700_000_000_000;
  const store = createMemoryStore<T>({ ...options, now: () => now });
  const advance = (ms: number) => {
    now += ms;
  };
  return { store, advance };
}

describe("createMemoryStore", () => {
  it("reads what was written, and undefined for unknown keys", async () => {
    const { store } = setup<{ lawId: string; article: number }>();
    expect(await store.read("chat:1")).toBeUndefined();
    await store.write("chat:1", { lawId: "ff808081736bb19d01744e08caa80dd3", article: 30 });
    expect(await store.read("chat:1")).toEqual({ lawId: "ff808081736bb19d01744e08caa80dd3", article: 30 });
  });

  it("overwrites and deletes", async () => {
    const { store } = setup<string>();
    await store.write("k", "a");
    await store.write("k", "b");
    expect(await store.read("k")).toBe("b");
    await store.delete("k");
    expect(await store.read("k")).toBeUndefined();
    await store.delete("never-written");
  });

  it("forgets an entry when its lifetime has passed", async () => {
    const { store, advance } = setup<string>({ ttlMs: 1000 });
    await store.write("k", "v");
    advance(999);
    expect(await store.read("k")).toBe("v");
    advance(1);
    expect(await store.read("k")).toBeUndefined();
  });

  it("keeps an entry for the lifetime given with its write", async () => {
    const { store, advance } = setup<string>({ ttlMs: 60_000 });
    await store.write("reply", "v", 1000);
    await store.write("session", "v");
    advance(1000);
    expect(await store.read("reply")).toBeUndefined();
    expect(await store.read("session")).toBe("v");
  });

  it("counts the lifetime from the last write", async () => {
    const { store, advance } = setup<string>({ ttlMs: 1000 });
    await store.write("k", "v1");
    advance(800);
    await store.write("k", "v2");
    advance(800);
    expect(await store.read("k")).toBe("v2");
  });

  it("keeps entries for 30 minutes by default", async () => {
    const { store, advance } = setup<string>();
    await store.write("k", "v");
    advance(30 * 60_000 - 1);
    expect(await store.read("k")).toBe("v");
    advance(1);
    expect(await store.read("k")).toBeUndefined();
  });

  it("drops the oldest entries beyond its size bound", async () => {
    const { store } = setup<number>({ maxEntries: 3 });
    for (const [i, key] of ["a", "b", "c", "d"].entries()) await store.write(key, i);
    expect(await store.read("a")).toBeUndefined();
    expect(await store.read("b")).toBe(1);
    expect(await store.read("d")).toBe(3);
  });

  it("bounds each channel's partition apart: the flooded one drops its own oldest", async () => {
    const { store } = setup<number>({ maxEntries: 2 });
    await store.write("wechat:session:u", 0);
    for (const [i, key] of ["http:session:a", "http:session:b", "http:session:c"].entries()) {
      await store.write(key, i + 1);
    }
    expect(await store.read("http:session:a")).toBeUndefined();
    expect(await store.read("http:session:c")).toBe(3);
    expect(await store.read("wechat:session:u")).toBe(0);
  });

  it("partitions by the function it is given", async () => {
    const { store } = setup<number>({ maxEntries: 1, partitionOf: (key) => key.slice(-1) });
    await store.write("a1", 1);
    await store.write("b2", 2);
    await store.write("c1", 3);
    expect([await store.read("a1"), await store.read("b2"), await store.read("c1")]).toEqual([
      undefined,
      2,
      3,
    ]);
  });

  it("counts a rewritten entry as the newest", async () => {
    const { store } = setup<number>({ maxEntries: 2 });
    await store.write("a", 1);
    await store.write("b", 2);
    await store.write("a", 3);
    await store.write("c", 4);
    expect(await store.read("b")).toBeUndefined();
    expect(await store.read("a")).toBe(3);
  });

  it("keeps separate stores apart", async () => {
    const one = setup<string>().store;
    const two = setup<string>().store;
    await one.write("k", "one");
    expect(await two.read("k")).toBeUndefined();
  });

  describe("claim", () => {
    it("is true the first time a key is seen and false for repeats", async () => {
      const { store } = setup<string>();
      expect(await store.claim("update:1001")).toBe(true);
      expect(await store.claim("update:1001")).toBe(false);
      expect(await store.claim("update:1001")).toBe(false);
      expect(await store.claim("update:1002")).toBe(true);
    });

    it("is true again once the claim has expired", async () => {
      const { store, advance } = setup<string>({ ttlMs: 60_000 });
      expect(await store.claim("msg:42", 5000)).toBe(true);
      advance(4999);
      expect(await store.claim("msg:42", 5000)).toBe(false);
      advance(1);
      expect(await store.claim("msg:42", 5000)).toBe(true);
    });

    it("uses the store's lifetime when none is given", async () => {
      const { store, advance } = setup<string>({ ttlMs: 1000 });
      expect(await store.claim("msg:7")).toBe(true);
      advance(999);
      expect(await store.claim("msg:7")).toBe(false);
      advance(1);
      expect(await store.claim("msg:7")).toBe(true);
    });

    it("does not touch the value stored under the same key", async () => {
      const { store } = setup<string>();
      await store.write("42", "conversation");
      expect(await store.claim("42")).toBe(true);
      expect(await store.read("42")).toBe("conversation");
    });
  });
});

describe("regressions: values and claims apart", () => {
  it("boolean store", async () => {
    const s = createMemoryStore<boolean>();
    await s.write("k", true);
    expect(await s.read("k")).toBe(true);
  });
  it("claim namespace", async () => {
    const s = createMemoryStore<string>();
    await s.write("claim:42", "x");
    expect(await s.claim("42")).toBe(true);
  });
});

describe("storeFor", () => {
  it("is a typed view of the same store", async () => {
    const shared = createMemoryStore<unknown>();
    const view = storeFor<{ article: number }>(shared);
    await view.write("http:session:x", { article: 3 });
    expect(await shared.read("http:session:x")).toEqual({ article: 3 });
  });
});

describe("channelOf", () => {
  it("is the channel prefix of a key, or nothing", () => {
    expect(
      ["http:session:x", "tg:chat:1", "wechat:reply:msg:1", "answer:abc", "plain"].map(channelOf),
    ).toEqual(["http", "tg", "wechat", "answer", ""]);
  });
});
