/**
 * The HTTP section of `npm run bench`: requests per second and latency of POST /api/ask (a mix
 * of real questions) next to GET /healthz on the same server, and their ratio. The ratio says
 * what answering costs on top of express itself (aims: above 0.7 from the answer cache, at least
 * 0.45 with every question computed). The server is wired as `npm start` wires it: the
 * conversation service records every answer (bench/http-server.ts).
 *
 * The server runs in a child process, not in this one: autocannon is busy too, and on one event
 * loop the two would share a core and the figures would measure autocannon as much as the
 * server. With two processes each gets a core of its own, as a real client and server would.
 *
 * Run alone: `npx tsx bench/http.ts [seconds]`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

/** Options of {@link runHttpBench}. */
export interface HttpBenchOptions {
  /** Length of each measurement. Default 10 s. */
  seconds?: number;
  /** Concurrent connections. Default 10. */
  connections?: number;
  /** Also measure ask with the answer cache off (every question computed). Default true. */
  uncached?: boolean;
}

/** One measurement. */
export interface HttpFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not 2xx, and connection errors: both should be 0. */
  failures: number;
  /**
   * The server's CPU time (user and system) per request: on a shared machine steadier than
   * requests per second, which also count the time the server waited for a core.
   */
  cpuUsPerRequest: number;
}

/** The bench server in its child process. */
interface BenchServer {
  url: string;
  child: ChildProcess;
  /** The CPU time the server has used so far, in microseconds. */
  cpuUs(): Promise<number>;
}

// Real questions of the kinds residents ask: responsibility, article, topic, metadata, structure,
// one the law does not cover, one in English.
export const BENCH_QUESTIONS = [
  "谁负责食品安全监管？",
  "第三十条讲什么",
  "城市APP有哪些功能？",
  "条例什么时候施行？",
  "智慧交通由哪个部门负责",
  "数据共享有什么规定",
  "公安机关负责什么",
  "第二十二条",
  "应急管理部门的职责",
  "条例一共有几章",
  "智慧医疗",
  "违反条例有什么法律责任",
  "怎么办护照",
  "Who handles food safety monitoring?",
  "第四十五条",
  "智慧教育由谁推进",
];

function serverScript(): { command: string; args: string[] } {
  const self = fileURLToPath(import.meta.url);
  // From the sources (tsx) run the .ts sibling through tsx; from dist/ the compiled .js.
  return self.endsWith(".ts")
    ? { command: process.execPath, args: ["--import", "tsx", self.replace(/http\.ts$/, "http-server.ts")] }
    : { command: process.execPath, args: [self.replace(/http\.js$/, "http-server.js")] };
}

async function startChild(env: Record<string, string>): Promise<BenchServer> {
  const { command, args } = serverScript();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const nextJson = async (): Promise<Record<string, unknown>> => {
    for (;;) {
      const next = await Promise.race([
        lines.next(),
        once(child, "exit").then(() => {
          throw new Error("the bench server exited");
        }),
      ]);
      if (next.done) throw new Error("the bench server closed its output");
      if (next.value.startsWith("{")) return JSON.parse(next.value) as Record<string, unknown>;
    }
  };
  const { url } = (await nextJson()) as { url: string };
  return {
    url,
    child,
    cpuUs: async () => {
      child.stdin?.write("cpu\n");
      return ((await nextJson()) as { cpuUs: number }).cpuUs;
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.stdin?.end();
  await exited;
}

async function measure(
  server: BenchServer,
  request: "ask" | "healthz",
  seconds: number,
  connections: number,
): Promise<HttpFigures> {
  let i = 0;
  const requests: autocannon.Request[] =
    request === "ask"
      ? [
          {
            method: "POST",
            path: "/api/ask",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ q: BENCH_QUESTIONS[i++ % BENCH_QUESTIONS.length] }),
            }),
          },
        ]
      : [{ method: "GET", path: "/healthz" }];
  const cpuBefore = await server.cpuUs();
  const result = await autocannon({ url: server.url, connections, duration: seconds, requests });
  const cpu = (await server.cpuUs()) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuUsPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

function line(label: string, f: HttpFigures): string {
  const failures = f.failures > 0 ? `   (!) ${f.failures} failed` : "";
  return `${label.padEnd(34)}${f.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${f.p50Ms.toFixed(1)} ms   p99 ${f.p99Ms.toFixed(1)} ms   server CPU ${f.cpuUsPerRequest.toFixed(0)} µs/request${failures}`;
}

/** Runs the HTTP benchmark and prints its section. */
export async function runHttpBench(options: HttpBenchOptions = {}): Promise<void> {
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 10;
  // A short unmeasured run first: the JIT and the answer cache warm up as in a running server.
  const warmup = Math.max(1, Math.min(2, Math.round(seconds / 5)));

  console.log(
    `\n## http: server in a child process, autocannon ${seconds} s each, ${connections} connections`,
  );
  const server = await startChild({});
  let ask: HttpFigures;
  let health: HttpFigures;
  try {
    await measure(server, "ask", warmup, connections);
    await measure(server, "healthz", warmup, connections);
    health = await measure(server, "healthz", seconds, connections);
    ask = await measure(server, "ask", seconds, connections);
  } finally {
    await stopChild(server.child);
  }
  console.log(line("GET  /healthz", health));
  console.log(line(`POST /api/ask (${BENCH_QUESTIONS.length} questions)`, ask));
  const ratio = ask.requestsPerSecond / health.requestsPerSecond;
  console.log(`ratio ask/healthz                 ${ratio.toFixed(2)}   (aim: > 0.7)`);

  if (options.uncached ?? true) {
    const cold = await startChild({ BENCH_ANSWER_CACHE: "0" });
    let uncached: HttpFigures;
    try {
      await measure(cold, "ask", warmup, connections);
      uncached = await measure(cold, "ask", seconds, connections);
    } finally {
      await stopChild(cold.child);
    }
    console.log(line("POST /api/ask, answer cache off", uncached));
    console.log(
      `ratio ask/healthz, cache off      ${(uncached.requestsPerSecond / health.requestsPerSecond).toFixed(2)}   (aim: ≥ 0.45; every question computed)`,
    );
  }
}

// Run alone: npx tsx bench/http.ts [seconds]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.argv[2] ?? 10);
  runHttpBench({ seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 10 }).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
