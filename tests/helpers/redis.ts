/**
 * A real redis-server for tests: started on 127.0.0.1 and a free port, without persistence, and
 * stopped by the test. Never the system's Redis service. Without redis-server the tests skip with
 * a message — except in CI, where they must run (and fail loudly if it is missing).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** True when redis-server can be started. */
export const redisInstalled = (() => {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** True when the Redis tests should be skipped: no redis-server, and not in CI. */
export const skipRedisTests = !redisInstalled && !process.env.CI;
if (skipRedisTests) {
  console.warn(
    "skipping Redis tests: redis-server is missing. Install it with: apt-get update && apt-get install -y redis-server",
  );
}

/** A free TCP port on 127.0.0.1: bound to port 0, read, released (redis-server refuses --port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

/** A running redis-server. */
export interface TestRedis {
  readonly port: number;
  /** redis://127.0.0.1:PORT (with the password when one was set). */
  readonly url: string;
  /** Stops the server (SIGKILL: an outage, not a shutdown); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop()). */
  start(): Promise<void>;
}

/** Options of {@link startRedis}. */
export interface StartRedisOptions {
  /** requirepass: clients must authenticate. */
  password?: string;
}

/** Starts redis-server on a free port and resolves once it accepts connections. */
export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "no",
    "--protected-mode",
    "yes",
    ...(options.password ? ["--requirepass", options.password] : []),
  ];
  const start = async () => {
    const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    let out = "";
    for (;;) {
      const [chunk] = (await Promise.race([
        once(proc.stdout, "data"),
        once(proc, "exit").then(() => {
          throw new Error(`redis-server exited at start: ${out}`);
        }),
      ])) as [Buffer];
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) break;
    }
    // Keep reading, or a full pipe would block the server.
    proc.stdout.resume();
    proc.stderr.resume();
  };
  await start();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    async stop() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = once(proc, "exit");
      proc.kill("SIGKILL");
      await exited;
    },
    start,
  };
}
