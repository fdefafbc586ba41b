#!/usr/bin/env node
/**
 * Smoke test of the production build, as CI runs it after `npm run build`:
 *
 *   node deploy/smoke.mjs [DIR]
 *
 * starts the `start:prod` script of DIR's package.json (default: the project folder) on a free
 * port — its command run directly rather than through npm, so that the signal and the exit code
 * are the server's own, as under a supervisor — waits for /healthz to say 200 and /readyz to say
 * ready, fetches the widget and console pages, asks one question over HTTP, expects an answer
 * that cites an article, then stops the server with SIGTERM and expects exit code 0. Plain Node
 * with no dependency, so that it runs where only the production files are (see README,
 * "Deploying"). Prints one line per step; exits 1 with the server's output on any failure.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const dir = resolve(process.argv[2] ?? fileURLToPath(new URL("..", import.meta.url)));
const state = mkdtempSync(join(tmpdir(), "tiaowen-smoke-"));
/** How long the server may take to build its index and answer: generous for a slow CI machine. */
const PATIENCE_MS = 120_000;
const QUESTION = "谁负责食品安全监管？";

const script = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts?.["start:prod"] ?? "";
const [command, ...args] = script.split(/\s+/);
if (command !== "node") {
  console.error(`smoke: the start:prod script must be "node …", not ${JSON.stringify(script)}`);
  process.exit(1);
}
console.log(`smoke: start:prod is ${script}`);
const server = spawn(process.execPath, args, {
  cwd: dir,
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "warn",
    CACHE_DIR: join(state, "cache"),
    FEEDBACK_FILE: join(state, "feedback.jsonl"),
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
server.stdout.setEncoding("utf8").on("data", (chunk) => {
  output += chunk;
});
server.stderr.setEncoding("utf8").on("data", (chunk) => {
  output += chunk;
});
const exited = once(server, "exit");

function fail(message) {
  console.error(`smoke: FAILED — ${message}\n--- server output ---\n${output}`);
  if (server.exitCode === null) server.kill("SIGKILL");
  process.exit(1);
}

const deadline = Date.now() + PATIENCE_MS;
const pause = () => new Promise((done) => setTimeout(done, 200));

async function address() {
  for (;;) {
    const m = /tiaowen listening on (http:\/\/\S+)/.exec(output);
    if (m) return m[1];
    if (server.exitCode !== null) fail(`start:prod exited with ${server.exitCode} before listening`);
    if (Date.now() > deadline) fail("start:prod did not print its address");
    await pause();
  }
}

async function statusOf(url) {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

async function until(url, status) {
  while ((await statusOf(url)) !== status) {
    if (server.exitCode !== null) fail(`the server exited while waiting for ${url}`);
    if (Date.now() > deadline) fail(`${url} never answered ${status}`);
    await pause();
  }
}

const started = Date.now();
const url = await address();
await until(`${url}/healthz`, 200);
console.log(`smoke: ${url}/healthz 200 after ${Date.now() - started} ms`);
await until(`${url}/readyz`, 200);
console.log(`smoke: ready after ${Date.now() - started} ms`);
// The pages are files read at run time, not compiled: they must be found from the build too.
for (const page of ["/", "/console", "/assets/widget.js"]) {
  const got = await fetch(`${url}${page}`);
  if (got.status !== 200) fail(`GET ${page} answered ${got.status}`);
}
console.log("smoke: the widget, the console and their assets are served");
const res = await fetch(`${url}/api/ask`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ q: QUESTION }),
});
const answer = await res.json();
if (res.status !== 200 || !answer.answered || !answer.citations?.[0]?.label) {
  fail(`POST /api/ask answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
}
console.log(`smoke: ${QUESTION} → ${answer.citations[0].label}: ${answer.lead}`);
server.kill("SIGTERM");
const [code, signal] = await exited;
if (code !== 0) fail(`after SIGTERM the server exited with ${code ?? signal}, not 0`);
console.log("smoke: stopped on SIGTERM with exit code 0");
