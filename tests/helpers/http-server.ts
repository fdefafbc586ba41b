/**
 * A real tiaowen server on 127.0.0.1 (random port) for tests: the real app, the real bot on the
 * seed ordinance, a silent logger.
 */
import pino from "pino";
import { type Bot, createBot } from "../../src/bot.js";
import { type AppOptions, createApp } from "../../src/channels/http/app.js";
import { type RunningServer, startServer } from "../../src/channels/http/server.js";
import { type Config, loadConfig } from "../../src/config.js";

let shared: Promise<Bot> | undefined;

/** The bot on the seed ordinance, built once per test file. */
export function seedBot(): Promise<Bot> {
  shared ??= createBot();
  return shared;
}

/** What a test may change. */
export interface TestServerOptions extends Partial<Omit<AppOptions, "config">> {
  /** Environment variables, read through loadConfig as in production. */
  env?: Record<string, string>;
  /** Settings to override after loading. */
  config?: Partial<Config>;
}

/** Starts the app on a free port; call close() when done. */
export async function startTestServer(options: TestServerOptions = {}): Promise<RunningServer> {
  const { env, config, ...rest } = options;
  const app = createApp({
    bot: rest.bot ?? seedBot(),
    logger: pino({ level: "silent" }),
    ...rest,
    config: { ...loadConfig(env ?? {}), ...config },
  });
  return startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 500 });
}

/** POSTs JSON (or raw text) to the server. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
