import { describe, expect, it } from "vitest";
import {
  createSessionStorage,
  initialSession,
  isTelegramSession,
  SESSION_PREFIX,
} from "../../../src/channels/telegram/session.js";
import { createMemoryStore } from "../../../src/state/store.js";

function setup() {
  const store = createMemoryStore<unknown>();
  return { store, storage: createSessionStorage(store) };
}

describe("createSessionStorage", () => {
  it("keeps sessions under the Telegram prefix of the shared store", async () => {
    const { store, storage } = setup();
    await storage.write("1001", { context: { lawId: "law", article: 30 } });
    expect(await store.read(`${SESSION_PREFIX}1001`)).toEqual({ context: { lawId: "law", article: 30 } });
    expect(await storage.read("1001")).toEqual({ context: { lawId: "law", article: 30 } });
    expect(await store.read("1001")).toBeUndefined();
    await storage.delete("1001");
    expect(await storage.read("1001")).toBeUndefined();
  });

  it("reads a value that is not a session as no session", async () => {
    const { store, storage } = setup();
    await store.write(`${SESSION_PREFIX}7`, { context: { article: "三十" } });
    expect(await storage.read("7")).toBeUndefined();
  });
});

describe("isTelegramSession", () => {
  it("accepts a session and refuses anything else", () => {
    expect(isTelegramSession(initialSession())).toBe(true);
    expect(isTelegramSession({ context: { lawId: "x", article: 3 } })).toBe(true);
    for (const v of [
      null,
      1,
      "s",
      {},
      { context: null },
      { context: { article: 1.5 } },
      { context: { lawId: 3 } },
    ]) {
      expect(isTelegramSession(v)).toBe(false);
    }
  });
});

describe("initialSession", () => {
  it("is a fresh object every time", () => {
    expect(initialSession()).toEqual({ context: {} });
    expect(initialSession()).not.toBe(initialSession());
  });
});
