/**
 * A server as main.ts wires it, in the test process: the runtime (reloadable bot, store, feedback
 * log, metrics, tracker, the conversation service) from a configuration, and the HTTP app on 127.0.0.1 with its rate
 * limiters, /metrics and /admin. Feedback goes to a fresh temporary folder unless told otherwise.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import pino from "pino";
import { type RunningServer, startServer } from "../../src/channels/http/server.js";
import { type Config, loadConfig } from "../../src/config.js";
import { createRuntimeApp } from "../../src/ops/http-app.js";
import { createRuntime, type Runtime } from "../../src/ops/runtime.js";

/** A running server and its runtime. */
export interface RuntimeServer {
  server: RunningServer;
  runtime: Runtime;
  config: Config;
  close(): Promise<void>;
}

/** Starts a runtime and the HTTP app on a free port. */
export async function startRuntimeServer(
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<RuntimeServer> {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-runtime-"));
  const config = loadConfig({
    FEEDBACK_FILE: join(dir, "feedback.jsonl"),
    CACHE_DIR: join(dir, "cache"),
    ...env,
  });
  const logger = options.logger ?? pino({ level: "silent" });
  const runtime = await createRuntime({ config, logger });
  const app = createRuntimeApp(runtime, config, logger);
  await runtime.holder.ready;
  const server = await startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 500 });
  return {
    server,
    runtime,
    config,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
