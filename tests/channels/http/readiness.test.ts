import { describe, expect, it } from "vitest";
import type { Bot } from "../../../src/bot.js";
import { gateBot } from "../../../src/channels/http/readiness.js";

// The gate never looks inside the bot: a stand-in object is enough.
const bot = { laws: [] } as unknown as Bot;

describe("gateBot", () => {
  it("is ready at once for a bot", () => {
    const gate = gateBot(bot);
    expect(gate.state()).toBe("ready");
    expect(gate.current()).toBe(bot);
  });

  it("is starting until the promise resolves", async () => {
    let resolve: (b: Bot) => void = () => {};
    const gate = gateBot(new Promise<Bot>((r) => (resolve = r)));
    expect(gate.state()).toBe("starting");
    expect(gate.current()).toBeUndefined();
    resolve(bot);
    await expect(gate.ready).resolves.toBe(bot);
    expect(gate.state()).toBe("ready");
    expect(gate.current()).toBe(bot);
  });

  it("records a failed start", async () => {
    const failing = Promise.reject(new Error("no ordinance"));
    const gate = gateBot(failing);
    await expect(gate.ready).rejects.toThrow("no ordinance");
    expect(gate.state()).toBe("failed");
  });
});
