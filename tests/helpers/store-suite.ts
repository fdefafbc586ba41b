/**
 * The behaviour every KeyValueStore must have, as one suite run against each implementation
 * (memory, Redis): values round-trip as JSON, keys are separate, deletes delete, claims are
 * granted once, and entries expire.
 */
import { describe, expect, it } from "vitest";
import type { KeyValueStore } from "../../src/state/store.js";

/** Waits until `check` holds, polling: for expiry, which only a clock can bring (no timed assertion). */
export async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Runs the shared suite; `make` returns a fresh store (keys of earlier tests must not matter),
 * bounded to `maxEntries` per partition where the implementation bounds entries at all.
 */
export function keyValueStoreSuite(
  name: string,
  make: (bound?: { maxEntries: number }) => KeyValueStore<unknown>,
): void {
  describe(`${name}: KeyValueStore behaviour`, () => {
    it("reads back what was written, as JSON, and nothing for other keys", async () => {
      const store = make();
      const value = { context: { lawId: "ff808081736bb19d01744e08caa80dd3", article: 30 }, rest: "（续）…" };
      await store.write("tg:chat:1001", value);
      expect(await store.read("tg:chat:1001")).toEqual(value);
      expect(await store.read("tg:chat:1002")).toBeUndefined();
    });

    it("overwrites and deletes", async () => {
      const store = make();
      await store.write("http:session:a", { article: 30 });
      await store.write("http:session:a", { article: 31 });
      expect(await store.read("http:session:a")).toEqual({ article: 31 });
      await store.delete("http:session:a");
      expect(await store.read("http:session:a")).toBeUndefined();
    });

    it("grants a claim once, and again once it has expired", async () => {
      const store = make();
      expect(await store.claim("wechat:msg:24523658924125736181", 60_000)).toBe(true);
      expect(await store.claim("wechat:msg:24523658924125736181", 60_000)).toBe(false);
      expect(await store.claim("wechat:msg:24523658924125736182", 60_000)).toBe(true);
      expect(await store.claim("tg:update:5", 1)).toBe(true);
      await eventually(async () => store.claim("tg:update:5", 1));
    });

    it("keeps a claim apart from a value under the same key", async () => {
      const store = make();
      await store.write("k", { v: 1 });
      expect(await store.claim("k")).toBe(true);
      expect(await store.read("k")).toEqual({ v: 1 });
    });

    it("never lets a flood of one channel's keys push out another channel's", async () => {
      const store = make({ maxEntries: 5 });
      await store.write("wechat:session:oLVPpjqs9BhvzwPj5A-vTYAX3GLc", { context: { article: 30 } });
      await store.write("tg:chat:1001", { context: { article: 12 } });
      expect(await store.claim("wechat:msg:24523658924125736181", 60_000)).toBe(true);
      for (let i = 0; i < 50; i++) {
        await store.write(`http:session:flood-${i}`, { article: i });
        await store.claim(`http:flood-claim-${i}`, 60_000);
      }
      expect(await store.read("wechat:session:oLVPpjqs9BhvzwPj5A-vTYAX3GLc")).toEqual({
        context: { article: 30 },
      });
      expect(await store.read("tg:chat:1001")).toEqual({ context: { article: 12 } });
      expect(await store.claim("wechat:msg:24523658924125736181", 60_000)).toBe(false);
      expect(await store.read("http:session:flood-49")).toEqual({ article: 49 });
    });

    it("lets an entry expire after the lifetime given with the write", async () => {
      const store = make();
      await store.write("wechat:reply:msg:1", { kind: "reply", content: "好" }, 1);
      await store.write("wechat:session:u", { kind: "session", context: {} });
      await eventually(async () => (await store.read("wechat:reply:msg:1")) === undefined);
      expect(await store.read("wechat:session:u")).toEqual({ kind: "session", context: {} });
    });
  });
}
