/**
 * `npm start` as an operator runs it: src/main.ts in a child process (node --import tsx) on a
 * free port, with the environment the test gives. Its output is collected, its address read from
 * the line it prints once ready.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A running (or finished) src/main.ts. */
export interface MainProcess {
  child: ChildProcess;
  /** Resolves with [code, signal] when the process has exited. */
  exited: Promise<[number | null, string | null]>;
  /** Everything written to stdout and stderr so far. */
  out(): string;
  err(): string;
  /** The feedback file of this process (in a temporary folder unless FEEDBACK_FILE was given). */
  feedbackFile: string;
  /** Resolves with http://127.0.0.1:PORT once the process says it is listening and ready. */
  ready(): Promise<string>;
  /** Sends SIGKILL if still running (cleanup). */
  kill(): void;
}

/** Starts src/main.ts with `env` on top of a quiet, isolated default environment. */
export function startMain(env: Record<string, string> = {}): MainProcess {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-main-"));
  const feedbackFile = env.FEEDBACK_FILE ?? join(dir, "feedback.jsonl");
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
      FEEDBACK_FILE: feedbackFile,
      CACHE_DIR: join(dir, "cache"),
      ...env,
    },
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
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    feedbackFile,
    async ready() {
      for (;;) {
        const m = /tiaowen listening on (http:\/\/\S+) \(widget \/, console \/console, API \/api\)/.exec(
          stdout,
        );
        if (m?.[1]) return m[1];
        if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}): ${stderr || stdout}`);
        await Promise.race([once(child.stdout as NodeJS.ReadableStream, "data"), once(child, "exit")]);
      }
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** The log lines (JSON) a process wrote to stdout. */
export function logLines(out: string): Array<Record<string, unknown>> {
  return out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
