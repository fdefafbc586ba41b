/**
 * Dumps every answer of the question sets, so that a speed change can be checked to change no
 * answer: run it before and after, and `diff -r` the two folders (every line must be identical).
 *
 *   npx tsx bench/dump-answers.ts OUT_DIR [--national]
 *
 * Questions: ../shared/eval/dev.jsonl (when present), bench/residents/*.jsonl (conversations turn
 * by turn, each answer's context passed to the next) and bench/paraphrases*.jsonl. Each set is
 * answered by the seed alone and by the seed with the ten laws of ../shared/corpus/*.md beside it
 * (and, with --national, with the national laws beside it). Also dumped: typed requests (every
 * home article, help, greeting, follow-ups) and the HTTP API's responses (status, headers but the
 * date and the random answer id, body) to the same questions, with sessions for conversations.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import {
  type Bot,
  type ConversationContext,
  createBot,
  DEFAULT_SEEDS_DIR,
  PROJECT_ROOT,
} from "../src/mod.js";
import { serveForBench } from "./serve.js";

const SHARED = join(PROJECT_ROOT, "..", "shared");

interface Sets {
  /** Single questions, by set name. */
  single: Map<string, string[]>;
  /** Conversations: each a list of turns. */
  conversations: string[][];
}

function rows(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function questionSets(): Sets {
  const single = new Map<string, string[]>();
  const conversations: string[][] = [];
  const files = [
    join(SHARED, "eval", "dev.jsonl"),
    ...readdirSync(join(PROJECT_ROOT, "bench", "residents")).map((f) =>
      join(PROJECT_ROOT, "bench", "residents", f),
    ),
    ...readdirSync(join(PROJECT_ROOT, "bench"))
      .filter((f) => /^paraphrases.*\.jsonl$/.test(f))
      .map((f) => join(PROJECT_ROOT, "bench", f)),
  ].sort();
  for (const file of files) {
    let list: Record<string, unknown>[];
    try {
      list = rows(file);
    } catch {
      continue;
    }
    const qs: string[] = [];
    for (const r of list) {
      if (typeof r.q === "string") qs.push(r.q);
      if (Array.isArray(r.turns)) {
        const turns = (r.turns as { q: string }[]).map((t) => t.q);
        conversations.push(turns);
        qs.push(...turns);
      }
    }
    single.set(file.split("/").slice(-1)[0] as string, qs);
  }
  return { single, conversations };
}

/** The ten laws of ../shared/corpus/*.md in a folder of their own (the corpus folder also holds subfolders). */
function tenLawsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-ten-"));
  for (const f of readdirSync(join(SHARED, "corpus")).filter((f) => f.endsWith(".md") && f !== "SOURCES.md"))
    symlinkSync(join(SHARED, "corpus", f), join(dir, f));
  return dir;
}

function dumpCore(bot: Bot, sets: Sets, out: string): void {
  mkdirSync(out, { recursive: true });
  for (const [name, qs] of sets.single)
    writeFileSync(join(out, name), qs.map((q) => `${JSON.stringify(bot.ask(q))}\n`).join(""));
  const lines: string[] = [];
  for (const turns of sets.conversations) {
    let context: ConversationContext = {};
    for (const q of turns) {
      const a = bot.ask(q, context);
      lines.push(JSON.stringify(a));
      context = a.context;
    }
  }
  writeFileSync(join(out, "conversations.turns"), `${lines.join("\n")}\n`);
  const typed: string[] = [];
  for (const lang of ["zh", "en"] as const) {
    typed.push(JSON.stringify(bot.help(lang)), JSON.stringify(bot.greet(lang)));
    for (const law of bot.homeLaws)
      for (const a of law.articles) {
        const context = { lawId: law.id, article: a.number };
        typed.push(JSON.stringify(bot.article(law.id, a.number, { lang })));
        for (const facet of ["next", "previous", "fulltext", "department"] as const)
          typed.push(JSON.stringify(bot.followUp(facet, context, lang)));
      }
  }
  for (const q of ["食品安全", "数据共享 平台", "公安", "智慧"])
    typed.push(
      JSON.stringify(
        bot.search(q, { limit: 5 }).map((h) => [h.entry.law.id, h.entry.article.number, h.score]),
      ),
    );
  writeFileSync(join(out, "typed"), `${typed.join("\n")}\n`);
}

async function dumpHttp(sets: Sets, out: string, corpusDirs: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-dump-http-"));
  const config = {
    ...loadConfig({ FEEDBACK_FILE: join(dir, "feedback.jsonl"), CACHE_DIR: join(dir, "cache") }),
    CORPUS_DIRS: corpusDirs,
    RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER,
    LOOKUP_RATE_LIMIT_PER_MINUTE: Number.MAX_SAFE_INTEGER,
  };
  const { runtime, server } = await serveForBench(config, { answerCacheSize: 0 });
  // Every header but the date, the connection's and the random answer id; the remaining count
  // of a limit lifted to 2^53 varies in its last digit between runs.
  const skipped = new Set(["date", "keep-alive", "connection", "ratelimit-remaining"]);
  const show = async (r: Response): Promise<string> => {
    const headers: string[] = [];
    r.headers.forEach((v, k) => {
      if (!skipped.has(k)) headers.push(k === "x-answer-id" ? `${k}: <id>` : `${k}: ${v}`);
    });
    return `${r.status}\n${headers.join("\n")}\n${await r.text()}`;
  };
  const ask = (body: unknown) =>
    fetch(`${server.url}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(show);
  try {
    mkdirSync(out, { recursive: true });
    const all = [...sets.single.values()].flat();
    const lines: string[] = [];
    for (const q of all) lines.push(await ask({ q }));
    for (const [i, turns] of sets.conversations.entries())
      for (const q of turns) lines.push(await ask({ q, session: `s${i}` }));
    lines.push(await ask({ q: "" }), await ask({ q: "x".repeat(501) }), await ask({ nope: 1 }));
    lines.push(await ask({ request: { kind: "help" } }), await ask({ request: { kind: "greet" } }));
    // Bodies and URLs the router and the error handler see: each must be answered as before.
    const raw = (path: string, init: RequestInit) => fetch(`${server.url}${path}`, init).then(show);
    const json = { "content-type": "application/json" };
    lines.push(
      await raw("/api/ask", { method: "POST", headers: json, body: "{not json" }),
      await raw("/api/ask", { method: "POST", headers: json, body: "[1]" }),
      await raw("/api/ask", { method: "POST", headers: json, body: "" }),
      await raw("/api/ask", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: '{"q":"第三十条"}',
      }),
      await raw("/api/ask", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ q: "x".repeat(20_000) }),
      }),
      await raw("/api/ask", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ q: "第三十条", session: "bad id!" }),
      }),
      await raw("/api/ask", { method: "POST", headers: json, body: JSON.stringify({ q: 30 }) }),
      await raw("/api/ask", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ request: { kind: "article", lawId: "nope", article: 1 } }),
      }),
      await raw("/api/ask/", { method: "POST", headers: json, body: JSON.stringify({ q: "第三十条" }) }),
      await raw("/api/ask?x=1", { method: "POST", headers: json, body: JSON.stringify({ q: "第三十条" }) }),
      await raw("/API/ASK", { method: "POST", headers: json, body: JSON.stringify({ q: "第三十条" }) }),
      await raw("/api/ask", { method: "GET" }),
      await raw("/api/ask", { method: "PUT", headers: json, body: JSON.stringify({ q: "第三十条" }) }),
      await raw("/api/nothing", { method: "POST", headers: json, body: "{}" }),
    );
    for (const path of ["/healthz", "/api/laws", "/api/departments", "/api/search?q=食品安全&limit=5"])
      lines.push(await fetch(`${server.url}${encodeURI(path)}`).then(show));
    writeFileSync(join(out, "http"), `${lines.join("\n")}\n`);
  } finally {
    await server.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out || out.startsWith("-")) {
    console.error("usage: npx tsx bench/dump-answers.ts OUT_DIR [--national]");
    process.exit(out === "--help" || out === "-h" ? 0 : 2);
  }
  const sets = questionSets();
  const ten = tenLawsDir();
  const configs: [string, string[]][] = [
    ["seed", [DEFAULT_SEEDS_DIR]],
    ["seed+ten", [DEFAULT_SEEDS_DIR, ten]],
  ];
  if (process.argv.includes("--national"))
    configs.push(["seed+national", [DEFAULT_SEEDS_DIR, join(SHARED, "corpus", "lawtext-national")]]);
  try {
    for (const [name, dirs] of configs) {
      const bot = await createBot({ corpusDirs: dirs, cacheDir: join(PROJECT_ROOT, ".cache") });
      dumpCore(bot, sets, join(out, name));
      console.error(`${name}: done`);
    }
    await dumpHttp(sets, join(out, "http-seed"), [DEFAULT_SEEDS_DIR]);
    await dumpHttp(sets, join(out, "http-seed+ten"), [DEFAULT_SEEDS_DIR, ten]);
  } finally {
    rmSync(ten, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
