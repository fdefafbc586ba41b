/**
 * The soak section of `npm run bench`: two instances of `npm start` sharing one redis-server, as a
 * city runs them, under a steady mix for a minute — widget questions with follow-ups in sessions
 * that move between the instances, ratings of the answers, WeChat messages — from thousands of
 * client addresses (X-Forwarded-For, as behind the load balancer). It reports throughput, latency,
 * errors (which must be 0) and each instance's memory at the start and the end of the measured
 * minute (growth beyond 10% suggests a leak).
 *
 * The memory at "start" is taken after a warm-up: the answer cache, the JIT and V8's heap (which
 * sizes its generations to the load: its total rose from about 95 to 130–150 MB over the first
 * 40 s in a four-minute run, then stayed there while the live heap kept returning to 30–40 MB)
 * fill first, which is growth by design, not a leak. Each figure is the peak of a five-second
 * window, since garbage collection makes single samples swing by tens of megabytes.
 *
 * Needs redis-server (apt-get install -y redis-server); without it the section says so and is
 * skipped. Run alone: `npx tsx bench/soak.ts [seconds]`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { BENCH_QUESTIONS } from "./http.js";

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Length of the measured run. Default 60 s. */
  seconds?: number;
  /** Unmeasured load before it, so that caches, the JIT and the heap settle. Default 30 s. */
  warmupSeconds?: number;
  /** Concurrent connections per instance. Default 5. */
  connections?: number;
}

/** One instance's memory, in megabytes. */
export interface InstanceMemory {
  /** Resident set size once ready, before any load. */
  readyMb: number;
  /** Peak of the last five seconds of the warm-up, when the measured run starts. */
  startMb: number;
  /** Peak of the last five seconds of the measured run. */
  endMb: number;
  /** endMb against startMb, in percent. */
  growthPct: number;
}

/** What the soak measured. */
export interface SoakFigures {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Over both instances (the worse of the two). */
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx responses, connection errors and timeouts: must be 0. */
  errors: number;
  /** Answers the two instances gave during the measured run, by their own metrics. */
  answers: number;
  memory: InstanceMemory[];
}

/** Above this memory growth over the measured minute the soak flags a possible leak. */
export const MAX_RSS_GROWTH_PCT = 10;

const WECHAT_TOKEN = "soakWechatToken2024";
const ACCOUNT = "gh_3f2a1b0c9d8e";
const CLIENTS = 5_000;
const SESSIONS = 2_000;

function redisInstalled(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  return typeof address === "object" && address ? address.port : 0;
}

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  while (!out.includes("Ready to accept connections")) {
    const [chunk] = (await Promise.race([
      once(child.stdout, "data"),
      once(child, "exit").then(() => {
        throw new Error(`redis-server exited: ${out}`);
      }),
    ])) as [Buffer];
    out += chunk.toString();
  }
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** src/main.ts through tsx from the sources, or dist/src/main.js from the build. */
function mainScript(): { command: string; args: string[] } {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith(".ts")
    ? { command: process.execPath, args: ["--import", "tsx", join(self, "..", "..", "src", "main.ts")] }
    : { command: process.execPath, args: [join(self, "..", "..", "src", "main.js")] };
}

async function startInstance(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const { command, args } = mainScript();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  for (;;) {
    const [chunk] = (await Promise.race([
      once(child.stdout as NodeJS.ReadableStream, "data"),
      once(child, "exit").then(() => {
        throw new Error(`an instance exited at start: ${out}`);
      }),
    ])) as [Buffer];
    out += chunk.toString();
    const m = /tiaowen listening on (http:\/\/\S+) /.exec(out);
    if (m?.[1]) {
      // Its log (one line per answer) goes on; read it, or the pipe fills and the instance stalls.
      child.stdout?.resume();
      return { url: m[1], child };
    }
  }
}

/** A sample of the instance's own Prometheus metrics. */
async function sample(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(name) && (line[name.length] === " " || line[name.length] === "{")) {
      sum += Number(line.split(" ").at(-1));
    }
  }
  return sum;
}

const rssMb = async (url: string) => (await sample(url, "tiaowen_process_resident_memory_bytes")) / 2 ** 20;

/**
 * Memory is sampled every second, and each figure is the highest sample of a five-second window:
 * the garbage collector makes a single sample swing by tens of megabytes, a window's peak does not.
 */
const WINDOW_S = 5;

/** Samples each instance's RSS every second until stopped; `peak(fromS)` is the highest since then. */
function watchMemory(urls: string[]) {
  const samples: Array<{ at: number; mb: number[] }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push({ at: Date.now(), mb: await Promise.all(urls.map(rssMb)) });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();
  return {
    /** Per instance, the highest sample of the last `seconds`. */
    peak(seconds: number): number[] {
      const since = Date.now() - seconds * 1_000;
      const recent = samples.filter((s) => s.at >= since);
      return urls.map((_, i) => Math.max(...recent.map((s) => s.mb[i] ?? 0)));
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** A WeChat text message, signed as WeChat signs it (sha1 of the sorted token, timestamp, nonce). */
function wechatRequest(question: string, user: string, msgId: number): { path: string; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(100_000 + (msgId % 900_000));
  const signature = createHash("sha1").update([WECHAT_TOKEN, timestamp, nonce].sort().join("")).digest("hex");
  const body = `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${question}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  return { path: `/wechat?${new URLSearchParams({ signature, timestamp, nonce })}`, body };
}

/** The mix each connection cycles through: a question, its follow-up, a rating, a WeChat message. */
function mix(seed: number): autocannon.Request[] {
  let n = seed * 1_000_003;
  let messages = 0;
  type Context = { session?: string; client?: string; answerId?: string };
  const json = { "content-type": "application/json" };
  return [
    {
      method: "POST",
      path: "/api/ask",
      setupRequest: (req, context) => {
        const c = context as Context;
        n++;
        // Sessions are shared by the two load generators: follow-ups cross instances.
        c.session = `soak-session-${n % SESSIONS}`;
        const client = (n * 7919) % CLIENTS;
        c.client = `10.0.${Math.floor(client / 256)}.${client % 256}`;
        const q = BENCH_QUESTIONS[n % BENCH_QUESTIONS.length];
        return {
          ...req,
          headers: { ...json, "x-forwarded-for": c.client },
          body: JSON.stringify({ q, session: c.session }),
        };
      },
      onResponse: (_status, _body, context, headers) => {
        const h = (headers ?? {}) as Record<string, string>;
        (context as Context).answerId = h["X-Answer-Id"] ?? h["x-answer-id"];
      },
    },
    {
      method: "POST",
      path: "/api/ask",
      setupRequest: (req, context) => {
        const c = context as Context;
        return {
          ...req,
          headers: { ...json, "x-forwarded-for": c.client ?? "10.0.0.1" },
          body: JSON.stringify({ q: n % 2 === 0 ? "下一条" : "那由哪个部门负责？", session: c.session }),
        };
      },
    },
    {
      method: "POST",
      path: "/api/feedback",
      setupRequest: (req, context) => {
        const c = context as Context;
        return {
          ...req,
          headers: { ...json, "x-forwarded-for": c.client ?? "10.0.0.1" },
          body: JSON.stringify({ answerId: c.answerId, rating: n % 3 === 0 ? "down" : "up" }),
        };
      },
    },
    {
      method: "POST",
      setupRequest: (req) => {
        const { path, body } = wechatRequest(
          BENCH_QUESTIONS[(n * 7) % BENCH_QUESTIONS.length] as string,
          `oSoakResident${n % SESSIONS}`,
          // A MsgId of its own for every message (seeds keep the two load generators apart).
          seed * 100_000_000 + ++messages,
        );
        return { ...req, path, headers: { "content-type": "text/xml" }, body };
      },
    },
  ];
}

async function load(urls: string[], seconds: number, connections: number): Promise<autocannon.Result[]> {
  return Promise.all(
    urls.map((url, i) => autocannon({ url, connections, duration: seconds, requests: mix(i + 1) })),
  );
}

/** Runs the soak and prints its section; resolves with its figures, or undefined when skipped. */
export async function runSoak(options: SoakOptions = {}): Promise<SoakFigures | undefined> {
  const seconds = options.seconds ?? 60;
  const warmup = options.warmupSeconds ?? 30;
  const connections = options.connections ?? 5;
  console.log(
    `\n## soak: two instances on one Redis, ${seconds} s (after ${warmup} s of warm-up) of questions, follow-ups, ratings and WeChat messages, ${connections} connections each`,
  );
  if (!redisInstalled()) {
    console.log("skipped: redis-server is not installed (apt-get install -y redis-server)");
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-soak-"));
  const redis = await startRedis();
  const instances: Array<{ url: string; child: ChildProcess }> = [];
  try {
    const env = {
      HOST: "127.0.0.1",
      PORT: "0",
      REDIS_URL: redis.url,
      REDIS_PREFIX: "soak:",
      TRUST_PROXY: "loopback",
      RATE_LIMIT_PER_MINUTE: "100000",
      LOOKUP_RATE_LIMIT_PER_MINUTE: "1000000",
      WECHAT_TOKEN,
      FEEDBACK_FILE: join(dir, "feedback.jsonl"),
      FEEDBACK_SALT: "soak-salt-0123456789",
      LOG_LEVEL: "info",
    };
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])));
    const urls = instances.map((i) => i.url);
    const ready = await Promise.all(urls.map(rssMb));
    const memory = watchMemory(urls);
    await load(urls, warmup, connections);
    const answered = async () =>
      (await Promise.all(urls.map((u) => sample(u, "tiaowen_answers_total")))).reduce((a, b) => a + b, 0);
    const start = memory.peak(WINDOW_S);
    const answersBefore = await answered();
    const results = await load(urls, seconds, connections);
    const end = memory.peak(WINDOW_S);
    const answers = (await answered()) - answersBefore;
    await memory.stop();

    const requests = results.reduce((s, r) => s + r.requests.total, 0);
    const figures: SoakFigures = {
      seconds,
      requests,
      requestsPerSecond: requests / seconds,
      p50Ms: Math.max(...results.map((r) => r.latency.p50)),
      p99Ms: Math.max(...results.map((r) => r.latency.p99)),
      errors: results.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
      answers,
      memory: urls.map((_, i) => {
        const startMb = start[i] ?? 0;
        const endMb = end[i] ?? 0;
        return { readyMb: ready[i] ?? 0, startMb, endMb, growthPct: ((endMb - startMb) / startMb) * 100 };
      }),
    };
    printSoak(figures);
    return figures;
  } finally {
    for (const { child } of instances) child.kill("SIGTERM");
    await Promise.all(
      instances.map(({ child }) => (child.exitCode === null ? once(child, "exit") : undefined)),
    );
    redis.child.kill("SIGTERM");
    await once(redis.child, "exit");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the figures as the bench's other sections do. */
export function printSoak(f: SoakFigures): void {
  const errors = f.errors === 0 ? "0" : `${f.errors}   (!) must be 0`;
  console.log(`requests                          ${f.requests} in ${f.seconds} s (${f.answers} answers)`);
  console.log(
    `throughput                        ${f.requestsPerSecond.toFixed(0)} req/s over both instances`,
  );
  console.log(
    `latency                           p50 ${f.p50Ms.toFixed(1)} ms   p99 ${f.p99Ms.toFixed(1)} ms`,
  );
  console.log(`errors                            ${errors}`);
  f.memory.forEach((m, i) => {
    const flag = m.growthPct > MAX_RSS_GROWTH_PCT ? `   (!) more than ${MAX_RSS_GROWTH_PCT}%` : "";
    console.log(
      `RSS instance ${i + 1}                    ${m.readyMb.toFixed(0)} MB ready, ${m.startMb.toFixed(0)} MB after warm-up → ${m.endMb.toFixed(0)} MB at the end (${m.growthPct >= 0 ? "+" : ""}${m.growthPct.toFixed(1)}%)${flag}`,
    );
  });
}

// Run alone: npx tsx bench/soak.ts [seconds]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.argv[2] ?? 60);
  runSoak({ seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 })
    .then((f) => {
      if (f && (f.errors > 0 || f.memory.some((m) => m.growthPct > MAX_RSS_GROWTH_PCT))) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
