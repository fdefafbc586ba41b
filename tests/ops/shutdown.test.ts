import { describe, expect, it } from "vitest";
import { createShutdown, type ShutdownStep } from "../../src/ops/shutdown.js";
import { captureLog } from "../helpers/capture-log.js";

function setup(steps: ShutdownStep[], graceMs = 10_000) {
  const { logger, lines } = captureLog();
  const exits: number[] = [];
  const shutdown = createShutdown({ logger, graceMs, steps: () => steps, exit: (code) => exits.push(code) });
  return { shutdown, lines, exits };
}

describe("createShutdown", () => {
  it("runs the steps in order, then exits 0", async () => {
    const done: string[] = [];
    const step = (name: string): ShutdownStep => ({ name, run: async () => done.push(name) });
    const { shutdown, exits, lines } = setup([step("stop"), step("finish"), step("flush")]);
    expect(shutdown.started).toBe(false);
    expect(await shutdown.run("SIGTERM")).toBe(0);
    expect(done).toEqual(["stop", "finish", "flush"]);
    expect(exits).toEqual([0]);
    expect(shutdown.started).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(["shutting down", "stopped"]);
  });

  it("logs a failed step, still runs the rest, and exits 1", async () => {
    const done: string[] = [];
    const { shutdown, exits, lines } = setup([
      { name: "close", run: async () => Promise.reject(new Error("port in use")) },
      { name: "flush", run: async () => done.push("flush") },
    ]);
    expect(await shutdown.run("SIGTERM")).toBe(1);
    expect(done).toEqual(["flush"]);
    expect(exits).toEqual([1]);
    expect(lines.find((l) => l.msg === "shutdown: a step failed")?.step).toBe("close");
  });

  it("abandons a bounded step that outlasts the grace period, but waits for an unbounded one", async () => {
    let flushed = false;
    const { shutdown, exits, lines } = setup(
      [
        { name: "finish WeChat answers", run: () => new Promise(() => {}) },
        {
          name: "flush",
          bounded: false,
          run: () =>
            new Promise<void>((resolve) =>
              setImmediate(() => {
                flushed = true;
                resolve();
              }),
            ),
        },
      ],
      0,
    );
    expect(await shutdown.run("SIGTERM")).toBe(0);
    expect(flushed).toBe(true);
    expect(exits).toEqual([0]);
    expect(lines.find((l) => l.msg === "shutdown: gave up waiting")?.step).toBe("finish WeChat answers");
  });

  it("exits at once with 1 on a second signal", async () => {
    let release: () => void = () => {};
    const { shutdown, exits } = setup([{ name: "slow", run: () => new Promise<void>((r) => (release = r)) }]);
    const first = shutdown.run("SIGTERM");
    expect(await shutdown.run("SIGINT")).toBe(1);
    expect(exits).toEqual([1]);
    release();
    await first;
  });
});
