/**
 * The HTTP server as `npm start` wires it (runtime, conversation service, app), with logging off:
 * what the benchmarks that talk HTTP (bench/http-server.ts, bench/dump-answers.ts) serve.
 */
import pino from "pino";
import { type RunningServer, startServer } from "../src/channels/http/server.js";
import type { Config } from "../src/config.js";
import { createRuntimeApp } from "../src/ops/http-app.js";
import { createRuntime, type Runtime } from "../src/ops/runtime.js";

/** Builds the runtime from `config`, waits for its bot and serves it on 127.0.0.1 (a free port). */
export async function serveForBench(
  config: Config,
  options: { answerCacheSize?: number } = {},
): Promise<{ runtime: Runtime; server: RunningServer }> {
  const logger = pino({ level: "silent" });
  const runtime = await createRuntime({ config, logger, ...options });
  await runtime.holder.ready;
  const app = createRuntimeApp(runtime, config, logger);
  const server = await startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 100 });
  return { runtime, server };
}
