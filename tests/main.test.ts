/**
 * `npm start` as a user runs it: a child process on a free port that prints its address, becomes
 * ready, and stops cleanly on SIGTERM; a bad variable stops it with a message naming it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function setup(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = once(child, "exit") as Promise<[number | null, string | null]>;
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function address(child: ChildProcess, out: () => string): Promise<string> {
  for (;;) {
    const m = /tiaowen listening on (http:\/\/\S+) \(widget \/, console \/console, API \/api\)/.exec(out());
    if (m?.[1]) return m[1];
    if (child.exitCode !== null) throw new Error(`exited early: ${out()}`);
    await once(child.stdout as NodeJS.ReadableStream, "data");
  }
}

describe("npm start (src/main.ts)", () => {
  it("serves on its defaults, prints its address once ready, and stops on SIGTERM", async () => {
    const { child, exited, out } = setup({});
    try {
      const url = await address(child, out);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const answer = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ q: "第三十条" }),
      });
      expect(((await answer.json()) as { citations: Array<{ label: string }> }).citations[0]?.label).toBe(
        "第三十条",
      );
      child.kill("SIGTERM");
      expect(await exited).toEqual([0, null]);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("refuses a bad variable, naming it", async () => {
    const { exited, err } = setup({ RATE_LIMIT_PER_MINUTE: "lots" });
    const [code] = await exited;
    expect(code).toBe(1);
    expect(err()).toContain("RATE_LIMIT_PER_MINUTE");
  }, 60_000);
});
