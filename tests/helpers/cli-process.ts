/**
 * A command-line program of the project run as its users run it: a real process under tsx, from the
 * project root, with the given stdin (none: stdin closed at once), its output collected.
 */
import { spawn } from "node:child_process";
import { ROOT } from "./fixtures.js";

/** What a finished run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface CliOptions {
  /** Written to the program's stdin, which is then closed. */
  stdin?: string;
  /** The environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Runs `node --import tsx <script> <args>` from the project root and waits for it to exit. */
export function runCli(script: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
