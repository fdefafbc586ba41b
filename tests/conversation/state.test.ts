import { describe, expect, it } from "vitest";
import { createStateStore, readState } from "../../src/conversation/state.js";
import { createMemoryStore } from "../../src/state/store.js";

describe("readState", () => {
  it("reads a stored conversation, including one an older version wrote", () => {
    expect(readState({ context: { lawId: "L", article: 3 } })).toEqual({
      context: { lawId: "L", article: 3 },
    });
    expect(
      readState({ kind: "session", context: { lawId: "L", article: 3 }, lang: "en", lastAnswerId: "abc" }),
    ).toEqual({
      context: { lawId: "L", article: 3 },
      lang: "en",
      lastAnswerId: "abc",
    });
  });

  it("reads anything damaged as a fresh conversation", () => {
    for (const value of [undefined, null, 7, "x", { context: { lawId: 3, article: "x" } }, { context: [] }])
      expect(readState(value)).toEqual({ context: {} });
    expect(readState({ context: {}, offered: [{ lawId: "L", article: 2 }, { lawId: 1 }] }).offered).toEqual([
      { lawId: "L", article: 2 },
    ]);
  });
});

describe("createStateStore", () => {
  it("writes only what changed, and deletes a conversation with nothing to remember", async () => {
    const kv = createMemoryStore<unknown>();
    let writes = 0;
    const counted = {
      ...kv,
      write: (k: string, v: unknown, t?: number) => {
        writes++;
        return kv.write(k, v, t);
      },
    };
    const states = createStateStore(counted);
    const a = { context: { lawId: "L", article: 3 } };
    await states.write("http", "s", a, { context: {} });
    await states.write("http", "s", { context: { lawId: "L", article: 3 } }, a);
    expect(writes).toBe(1);
    await states.write("http", "s", { context: {} }, a);
    expect(await kv.read("http:session:s")).toBeUndefined();
  });
});
