import { describe, expect, it } from "vitest";
import { createReplayGuard } from "../../../src/channels/wechat/replay-guard.js";
import { createMemoryStore } from "../../../src/state/store.js";

const REQUEST = {
  signature: "8a3f0d6c5b0e9f5d1c2b3a4e5f60718293a4b5c6",
  timestamp: "1710000000",
  nonce: "1357924680",
  body: "<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[第三十条]]></Content></xml>",
};

function setup() {
  let now = 1_710_000_000_000;
  const store = createMemoryStore<unknown>({ now: () => now });
  return { guard: createReplayGuard(store, 600_000), store, advance: (ms: number) => (now += ms) };
}

describe("createReplayGuard", () => {
  it("accepts a signed request once, and its byte-identical repeat (a WeChat retry)", async () => {
    const { guard } = setup();
    expect(await guard.accept(REQUEST)).toBe(true);
    expect(await guard.accept(REQUEST)).toBe(true);
  });

  it("refuses the signature and nonce with another body, however often", async () => {
    const { guard } = setup();
    expect(await guard.accept(REQUEST)).toBe(true);
    const forged = { ...REQUEST, body: REQUEST.body.replace("第三十条", "第三十一条") };
    expect(await guard.accept(forged)).toBe(false);
    expect(await guard.accept(forged)).toBe(false);
  });

  it("tells apart requests that differ in nonce, timestamp or signature", async () => {
    const { guard } = setup();
    expect(await guard.accept(REQUEST)).toBe(true);
    const other = { ...REQUEST, body: "<xml/>" };
    expect(await guard.accept({ ...other, nonce: "1357924681" })).toBe(true);
    expect(await guard.accept({ ...other, timestamp: "1710000001" })).toBe(true);
    expect(await guard.accept({ ...other, signature: "0".repeat(40) })).toBe(true);
  });

  it("forgets a request once it can no longer be accepted anyway", async () => {
    const { guard, advance } = setup();
    expect(await guard.accept(REQUEST)).toBe(true);
    advance(600_000);
    expect(await guard.accept({ ...REQUEST, body: "<xml/>" })).toBe(true);
  });

  it("shares what it has seen through the store, as instances do through Redis", async () => {
    const { guard, store } = setup();
    const other = createReplayGuard(store, 600_000);
    expect(await guard.accept(REQUEST)).toBe(true);
    expect(await other.accept({ ...REQUEST, body: "<xml/>" })).toBe(false);
  });
});
