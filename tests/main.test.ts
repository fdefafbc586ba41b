/**
 * `npm start` as a user runs it: a child process on a free port that prints its address, becomes
 * ready, and stops cleanly on SIGTERM — finishing the requests in flight and writing every
 * feedback record first; a bad variable stops it with a message naming it; and nothing it logs
 * contains a secret of its configuration or a resident's raw id.
 */

import { once } from "node:events";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getSignature } from "@wecom/crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SECRET_HEADER } from "../src/channels/telegram/webhook.js";
import { messageXml, simulateWechat } from "./channels/wechat/simulated-wechat.js";
import { startFakeTelegram, TEST_TOKEN } from "./helpers/fake-telegram.js";
import { SEED_FILE } from "./helpers/fixtures.js";
import { post } from "./helpers/http-server.js";
import { logLines, type MainProcess, startMain } from "./helpers/main-process.js";
import { skipRedisTests, startRedis } from "./helpers/redis.js";
import { createUpdateFactory } from "./helpers/telegram-updates.js";

const WECHAT_TOKEN = "wxTok3n-Datong-2024-prod";
const WECHAT_AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
const WECHAT_APP_ID = "wx5823bf96d3bd56c7";
const ACCOUNT_ID = "gh_3f2a1b0c9d8e";
const OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

const running: MainProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

function setup(env: Record<string, string> = {}): MainProcess {
  const p = startMain(env);
  running.push(p);
  return p;
}

/**
 * A POST whose headers reach the server (which confirms with "100 Continue") while its body is held
 * back: a request in flight, for as long as the test wants, without a timer.
 */
function heldPost(url: string, path: string, body: string, contentType: string) {
  const u = new URL(url);
  const req = request({
    host: u.hostname,
    port: u.port,
    path,
    method: "POST",
    agent: false,
    headers: {
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(body),
      Expect: "100-continue",
    },
  });
  const started = new Promise<void>((resolve, reject) => {
    req.on("continue", () => resolve());
    req.on("error", reject);
  });
  const response = new Promise<{ status: number; body: string; complete: boolean }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, complete: res.complete }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  // Failures surface through `response`; these copies only keep them from being unhandled.
  started.catch(() => {});
  response.catch(() => {});
  req.flushHeaders();
  return { started, send: () => req.end(body), response: () => response };
}

/** One HTTP/1.1 response as read off a raw socket. */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A raw TCP connection speaking HTTP/1.1 by hand: keep-alive is HTTP/1.1's default, and nothing
 * (no agent, no pool) opens, reuses or closes the socket behind the test's back.
 */
async function rawConnection(url: string) {
  const u = new URL(url);
  const socket = connect(Number(u.port), u.hostname);
  await once(socket, "connect");
  let buffer = Buffer.alloc(0);
  let ended = false;
  const changed = () => new Promise<void>((resolve) => socket.once("data", resolve).once("close", resolve));
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
  });
  const closed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      ended = true;
      resolve();
    }),
  );
  socket.on("error", () => {});
  /** The next complete response (interim 1xx responses included), taken off the buffer. */
  const response = async (): Promise<RawResponse> => {
    for (;;) {
      const head = buffer.indexOf("\r\n\r\n");
      if (head !== -1) {
        const [statusLine = "", ...lines] = buffer.subarray(0, head).toString("utf8").split("\r\n");
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
        );
        const length = Number(headers["content-length"] ?? 0);
        if (buffer.length >= head + 4 + length) {
          const body = buffer.subarray(head + 4, head + 4 + length).toString("utf8");
          buffer = buffer.subarray(head + 4 + length);
          return { status: Number(statusLine.split(" ")[1]), headers, body };
        }
      }
      if (ended) throw new Error(`connection closed before a whole response: ${buffer.toString("utf8")}`);
      await changed();
    }
  };
  return { write: (text: string) => socket.write(text), response, closed, isClosed: () => ended };
}

/** The feedback records a process wrote. */
function records(p: MainProcess): Array<Record<string, unknown>> {
  return readFileSync(p.feedbackFile, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("npm start (src/main.ts)", () => {
  it("serves on its defaults, prints its address once ready, and stops on SIGTERM", async () => {
    const p = setup();
    const url = await p.ready();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const answer = await post(`${url}/api/ask`, { q: "第三十条" });
    expect(((await answer.json()) as { citations: Array<{ label: string }> }).citations[0]?.label).toBe(
      "第三十条",
    );
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual([0, null]);
  }, 60_000);

  it("refuses a bad variable, naming it", async () => {
    const p = setup({ RATE_LIMIT_PER_MINUTE: "lots" });
    const [code] = await p.exited;
    expect(code).toBe(1);
    expect(p.err()).toContain("RATE_LIMIT_PER_MINUTE");
  }, 60_000);

  it("stops with exit code 1 and the fix when the Bot API refuses the Telegram token", async () => {
    const telegram = await startFakeTelegram();
    try {
      telegram.failNext("getMe", { error_code: 401, description: "Unauthorized" });
      const p = setup({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
      const [code] = await p.exited;
      expect(code).toBe(1);
      expect(p.err()).toContain(
        "the Bot API refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather",
      );
    } finally {
      await telegram.close();
    }
  }, 60_000);

  it("on SIGTERM finishes the requests in flight, writes every record and exits 0", async () => {
    const p = setup({ WECHAT_TOKEN, LOG_LEVEL: "info" });
    const url = await p.ready();
    // Recorded before the signal: an unanswered question and a 👎.
    await post(`${url}/api/ask`, { q: "谁负责舌尖安全", session: "resident-1" });
    const rated = await post(`${url}/api/ask`, { q: "第三十条讲什么" });
    const answerId = rated.headers.get("x-answer-id");
    expect((await post(`${url}/api/feedback`, { answerId, rating: "down" })).status).toBe(200);

    // In flight when the signal comes: a widget question and a WeChat message, headers sent,
    // bodies held back.
    const widget = heldPost(url, "/api/ask", JSON.stringify({ q: "网约车归谁管" }), "application/json");
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = "1357924680";
    const signature = getSignature(WECHAT_TOKEN, timestamp, nonce, "");
    const xml = messageXml({
      ToUserName: ACCOUNT_ID,
      FromUserName: OPENID,
      CreateTime: Number(timestamp),
      MsgType: "text",
      Content: "怎么办护照",
      MsgId: "24523658924125736999",
    });
    const wechat = heldPost(
      url,
      `/wechat?${new URLSearchParams({ signature, timestamp, nonce })}`,
      xml,
      "text/xml",
    );
    await Promise.all([widget.started, wechat.started]);

    p.child.kill("SIGTERM");
    // The server has stopped taking new connections once it logs that it is shutting down.
    await expect.poll(() => logLines(p.out()).some((l) => l.msg === "shutting down")).toBe(true);
    widget.send();
    wechat.send();

    const answered = await widget.response();
    expect(answered.status).toBe(200);
    expect(answered.complete).toBe(true);
    expect((JSON.parse(answered.body) as { answered: boolean }).answered).toBe(false);
    const replied = await wechat.response();
    expect(replied.status).toBe(200);
    expect(replied.body).toContain("<Content><![CDATA[");
    expect(replied.body).toContain("12345");

    expect(await p.exited).toEqual([0, null]);
    expect(records(p).map((r) => [r.kind, r.question, r.channel])).toEqual([
      ["unanswered", "谁负责舌尖安全", "http"],
      ["rating", "第三十条讲什么", "http"],
      ["unanswered", "网约车归谁管", "http"],
      ["unanswered", "怎么办护照", "wechat"],
    ]);
    expect(logLines(p.out()).at(-1)).toMatchObject({ msg: "stopped", code: 0 });
  }, 60_000);
});

describe("npm start (src/main.ts) on SIGTERM with keep-alive connections", () => {
  it("closes idle ones, answers those in flight with Connection: close and exits once they are done", async () => {
    const grace = 30_000;
    const p = setup({ SHUTDOWN_GRACE_MS: String(grace), LOG_LEVEL: "info" });
    const url = await p.ready();
    const host = `Host: ${new URL(url).host}\r\n`;
    // Two keep-alive connections, each used once; the second then sends a question whose body
    // it holds back until the signal has come.
    const idle = await rawConnection(url);
    const busy = await rawConnection(url);
    for (const c of [idle, busy]) {
      c.write(`GET /healthz HTTP/1.1\r\n${host}\r\n`);
      const ok = await c.response();
      expect([ok.status, ok.headers.connection]).toEqual([200, "keep-alive"]);
    }
    const question = JSON.stringify({ q: "第三十条" });
    busy.write(
      `POST /api/ask HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(question)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    expect((await busy.response()).status).toBe(100);

    const signalled = Date.now();
    p.child.kill("SIGTERM");
    await expect.poll(() => logLines(p.out()).some((l) => l.msg === "shutting down")).toBe(true);
    // The idle connection is closed by the server, not left for the client to reuse and be reset.
    await idle.closed;
    busy.write(question);
    const answered = await busy.response();
    expect(answered.status).toBe(200);
    expect(answered.headers.connection).toBe("close");
    expect(
      (JSON.parse(answered.body) as { citations: Array<{ article: number }> }).citations[0]?.article,
    ).toBe(30);
    await busy.closed;

    expect(await p.exited).toEqual([0, null]);
    // Exited because the last response was out, not because the grace period ran out.
    expect(Date.now() - signalled).toBeLessThan(grace);
    expect(logLines(p.out()).filter((l) => l.msg === "shutdown: gave up waiting")).toEqual([]);
  }, 60_000);
});

describe.skipIf(skipRedisTests)("what npm start logs", () => {
  it("has one line per answer and never a secret of the configuration or a resident's raw id", async () => {
    const redisPassword = "r3dis-Pa55word-Datong";
    const redis = await startRedis({ password: redisPassword });
    const telegram = await startFakeTelegram();
    const secrets = {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: "tgWebhookSecret_9f8e7d6c5b4a",
      WECHAT_TOKEN,
      WECHAT_ENCODING_AES_KEY: WECHAT_AES_KEY,
      ADMIN_TOKEN: "adm-7f3c9e1a2b4d6f80a1c3e5",
      FEEDBACK_SALT: "salt-4b8d2f6a0c1e3g5h7i9j",
    };
    const widgetSession = "0d7f3c4e-9b1a-4c2d-8e6f-123456789abc";
    const chatId = 318_273_645;
    try {
      const p = setup({
        ...secrets,
        WECHAT_APP_ID,
        REDIS_URL: redis.url,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: "https://bot.datong.example/telegram/webhook",
        LOG_LEVEL: "debug",
      });
      const url = await p.ready();
      await expect.poll(() => p.out().includes("Telegram: webhook")).toBe(true);

      // The widget, with a session.
      await post(`${url}/api/ask`, { q: "谁负责食品安全监管", session: widgetSession });
      await post(`${url}/api/ask`, { q: "谁负责舌尖安全", session: widgetSession });
      // WeChat, in safe mode and in plaintext.
      const wechat = simulateWechat({
        url: `${url}/wechat`,
        token: WECHAT_TOKEN,
        encodingAESKey: WECHAT_AES_KEY,
        appId: WECHAT_APP_ID,
        id: ACCOUNT_ID,
      });
      const message = (content: string, msgId: string) =>
        messageXml({
          ToUserName: ACCOUNT_ID,
          FromUserName: OPENID,
          CreateTime: Math.floor(Date.now() / 1000),
          MsgType: "text",
          Content: content,
          MsgId: msgId,
        });
      expect((await wechat.send(message("第三十条", "24523658924125736001"), { mode: "safe" })).status).toBe(
        200,
      );
      expect((await wechat.send(message("2", "24523658924125736002"))).status).toBe(200);
      expect((await wechat.send(message("x", "1"), { signature: "forged" })).status).toBe(401);
      // Telegram, by webhook: a question, a forged request, then a failure of the Bot API.
      const updates = createUpdateFactory();
      const hook = (update: unknown, secret = secrets.TELEGRAM_WEBHOOK_SECRET) =>
        fetch(`${url}/telegram/webhook`, {
          method: "POST",
          headers: { "Content-Type": "application/json", [SECRET_HEADER]: secret },
          body: JSON.stringify(update),
        });
      expect((await hook(updates.text(chatId, "第三十条讲什么"))).status).toBe(200);
      expect((await hook(updates.text(chatId, "第一条"), "wrong")).status).toBe(401);
      await telegram.close();
      expect((await hook(updates.text(chatId, "第二条"))).status).toBe(200);
      // Staff, with and without the token.
      expect(
        (await fetch(`${url}/admin/review`, { headers: { Authorization: `Bearer ${secrets.ADMIN_TOKEN}` } }))
          .status,
      ).toBe(200);
      expect(
        (await fetch(`${url}/admin/review`, { headers: { Authorization: "Bearer guess" } })).status,
      ).toBe(401);

      p.child.kill("SIGTERM");
      expect(await p.exited).toEqual([0, null]);
      const output = p.out() + p.err();
      const lines = logLines(p.out());

      const answers = lines.filter((l) => l.msg === "answer");
      expect(answers.map((l) => l.channel).sort()).toEqual([
        "http",
        "http",
        "telegram",
        "telegram",
        "wechat",
      ]);
      for (const l of answers) {
        expect(Object.keys(l)).toEqual(
          expect.arrayContaining([
            "channel",
            "intent",
            "answered",
            "confidence",
            "latencyMs",
            "user",
            "answerId",
          ]),
        );
        expect(l.user).toMatch(/^[0-9a-f]{32}$/);
      }
      // The Bot API's failure was logged (its error quotes the URL it called, token and all).
      expect(lines.some((l) => l.msg === "Telegram API call failed")).toBe(true);

      for (const [name, value] of Object.entries({
        ...secrets,
        REDIS_PASSWORD: redisPassword,
        WIDGET_SESSION: widgetSession,
        OPENID,
        TELEGRAM_CHAT: String(chatId),
      })) {
        expect(output.includes(value), `${name} appears in the log`).toBe(false);
      }
      // The token's number part alone (the bot's id) is not secret, but its key part is.
      expect(output).not.toContain(TEST_TOKEN.split(":")[1]);
    } finally {
      await telegram.close().catch(() => {});
      await redis.stop();
    }
  }, 90_000);
});

describe("npm start with a file it cannot read", () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A corpus folder with the given files (name → text, or the seed). */
  function corpus(files: Record<string, string | typeof SEED_FILE>): string {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-start-"));
    made.push(dir);
    for (const [name, text] of Object.entries(files)) {
      if (text === SEED_FILE) copyFileSync(SEED_FILE, join(dir, name));
      else writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  const BROKEN = "---\ntitle: 甲条例\ntitle: 乙条例\n---\n\n第一条 内容。\n";

  it("alone, stops with file:line: problem and the configured folder", async () => {
    const dir = corpus({ "坏.md": BROKEN });
    const p = setup({ CORPUS_DIRS: dir });
    const [code] = await p.exited;
    expect(code).toBe(1);
    const message = p.err().trim();
    expect(message).toMatch(
      new RegExp(
        `^tiaowen: no law could be read from ${dir}: ${join(dir, "坏.md")}:3: front matter is not valid YAML: `,
      ),
    );
    expect(message).toContain(`put at least one readable law into ${dir}`);
    expect(message).not.toContain("seeds/");
    expect(message).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("beside other laws, serves them, logs the file and the warnings, and lists the file in /readyz", async () => {
    const dir = corpus({
      "大同市智慧城市促进条例.md": SEED_FILE,
      "坏.md": BROKEN,
      "x.md": "# 示例市条例\n\n第一条 甲。\n\n第三条 丙。\n\n第二条 乙。\n",
    });
    const p = setup({ CORPUS_DIRS: dir, LOG_LEVEL: "info" });
    const url = await p.ready();
    // pino writes asynchronously: the lines may follow the "listening" line.
    const messages = () => logLines(p.out()).map((l) => String(l.msg));
    for (let waited = 0; !messages().some((m) => m.startsWith("x.md:")) && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const logged = messages();
    expect(logged.find((m) => m.includes("坏.md"))).toMatch(
      new RegExp(`^${join(dir, "坏.md")}:3: front matter is not valid YAML: .* — this file is not served$`),
    );
    expect(logged.find((m) => m.startsWith("x.md:"))?.split("\n")).toEqual([
      "x.md:5: article 2 is missing before 第三条",
      "x.md:7: 第二条 comes after 第三条; it is read where it stands",
    ]);
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { laws: number; problems: unknown[] };
    expect(ready.laws).toBe(2);
    expect(ready.problems).toEqual([
      {
        file: "坏.md",
        line: 3,
        problem: expect.stringMatching(/^front matter is not valid YAML/),
        kind: "unreadable",
      },
    ]);
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual([0, null]);
  }, 60_000);
});
