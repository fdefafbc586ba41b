import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import { TELEGRAM_COMMANDS } from "../../../src/channels/telegram/bot.js";
import { TelegramSetupError } from "../../../src/channels/telegram/errors.js";
import {
  ALLOWED_UPDATES,
  deriveWebhookSecret,
  keepStartingTelegram,
  type StartTelegramOptions,
  startTelegram,
  type TelegramChannel,
} from "../../../src/channels/telegram/start.js";
import { SECRET_HEADER } from "../../../src/channels/telegram/webhook.js";
import { loadConfig } from "../../../src/config.js";
import { createChannelStatus } from "../../../src/ops/channel-status.js";
import { createMemoryStore } from "../../../src/state/store.js";
import { captureLog, LEVEL } from "../../helpers/capture-log.js";
import { type FakeTelegram, startFakeTelegram, TEST_TOKEN } from "../../helpers/fake-telegram.js";
import { createUpdateFactory } from "../../helpers/telegram-updates.js";

const CHAT = 1001;

let core: Bot;
beforeAll(async () => {
  core = await createBot();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fake Bot API server and startTelegram's options for an environment pointing at it. */
async function setup(env: Record<string, string> = {}) {
  const fake: FakeTelegram = await startFakeTelegram();
  cleanups.push(() => fake.close());
  const log = captureLog();
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env });
  const options: StartTelegramOptions = {
    config,
    bot: core,
    store: createMemoryStore(),
    logger: log.logger,
    telegram: { rateLimit: { limit: 1000, timeFrameMs: 600_000 } },
  };
  const start = async (overrides: Partial<StartTelegramOptions> = {}) => {
    const channel: TelegramChannel = await startTelegram({ ...options, ...overrides });
    cleanups.push(() => channel.stop());
    return channel;
  };
  return { fake, log, options, start, updates: createUpdateFactory() };
}

/** An express app listening on 127.0.0.1. */
async function listen(app: express.Express): Promise<string> {
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("startTelegram", () => {
  it("is off without a token, and says so", async () => {
    const log = captureLog();
    const channel = await startTelegram({
      config: loadConfig({}),
      bot: core,
      store: createMemoryStore(),
      logger: log.logger,
    });
    expect(channel.mode).toBe("off");
    expect(channel.bot).toBeUndefined();
    expect(log.lines.map((l) => [l.level, l.msg])).toEqual([
      [LEVEL.info, "Telegram bot is off: set TELEGRAM_BOT_TOKEN to run it"],
    ]);
    await channel.stop();
  });

  describe("long polling (the default)", () => {
    it("checks the token, registers the commands, removes a webhook, then polls", async () => {
      const { fake, start, log } = await setup();
      const channel = await start();
      expect(channel.mode).toBe("polling");
      expect(fake.calls.slice(0, 3).map((c) => c.method)).toEqual([
        "getMe",
        "setMyCommands",
        "deleteWebhook",
      ]);
      expect(fake.callsOf("setMyCommands")[0]?.params).toEqual({ commands: TELEGRAM_COMMANDS });
      expect(log.lines.find((l) => l.msg === "Telegram bot is on: long polling")?.username).toBe(
        "tiaowen_test_bot",
      );
    });

    it("answers updates it fetches with getUpdates, in order, and follows the conversation", async () => {
      const { fake, start, updates } = await setup();
      await start();
      const asked = [updates.text(CHAT, "第三十条讲什么"), updates.text(CHAT, "那由哪个部门负责？")];
      fake.queueUpdates(...asked);
      await fake.until(() => fake.messages(CHAT).length >= 2);
      fake.queueUpdates(updates.text(CHAT, "下一条"));
      await fake.until(() => fake.messages(CHAT).length >= 3);
      const [article, who, next] = fake.messages(CHAT).map((m) => m.plain);
      expect(article).toMatch(/^《大同市智慧城市促进条例》第三十条/);
      expect(who).toMatch(/^根据《大同市智慧城市促进条例》第三十条（第四章 智慧治理），负责的是/);
      expect(next).toMatch(/^《大同市智慧城市促进条例》第三十一条/);
      const polls = fake.callsOf("getUpdates");
      expect(polls[0]?.params).toMatchObject({ allowed_updates: [...ALLOWED_UPDATES], timeout: 30 });
      // The next poll confirms the updates handled so far.
      expect(polls.map((p) => p.params.offset)).toContain((asked[1]?.update_id ?? 0) + 1);
    });

    it("keeps two chats apart when their messages arrive together", async () => {
      const { fake, start, updates } = await setup();
      await start();
      fake.queueUpdates(
        updates.text(CHAT, "第三十条"),
        updates.text(2002, "第十条"),
        updates.text(CHAT, "下一条"),
        updates.text(2002, "下一条"),
      );
      await fake.until(() => fake.messages().length >= 4);
      expect(fake.messages(CHAT)[1]?.plain).toMatch(/^《大同市智慧城市促进条例》第三十一条/);
      expect(fake.messages(2002)[1]?.plain).toMatch(/^《大同市智慧城市促进条例》第十一条/);
    });

    it("stops polling on stop()", async () => {
      const { fake, start, updates } = await setup();
      const channel = await start();
      fake.queueUpdates(updates.text(CHAT, "第三十条"));
      await fake.until(() => fake.messages(CHAT).length === 1);
      await channel.stop();
      await fake.until(() => fake.openPolls === 0);
      const polls = fake.callsOf("getUpdates").length;
      // A long poll still waiting would be answered (and recorded) right here.
      fake.queueUpdates(updates.text(CHAT, "第三十一条"));
      expect(fake.callsOf("getUpdates").length).toBe(polls);
      expect(fake.messages(CHAT)).toHaveLength(1);
    });
  });

  describe("webhook (TELEGRAM_WEBHOOK_URL set)", () => {
    it("sets the webhook with its secret and mounts the router at the URL's path", async () => {
      const { fake, start, updates } = await setup({
        TELEGRAM_WEBHOOK_URL: "https://bot.example.cn/hooks/telegram",
        TELEGRAM_WEBHOOK_SECRET: "my_secret-1",
      });
      const app = express();
      const channel = await start({ app });
      expect(channel.mode).toBe("webhook");
      expect(fake.webhook).toEqual({
        url: "https://bot.example.cn/hooks/telegram",
        secret_token: "my_secret-1",
        allowed_updates: [...ALLOWED_UPDATES],
      });
      expect(fake.callsOf("getUpdates")).toEqual([]);
      const base = await listen(app);
      const post = (secret: string) =>
        fetch(`${base}/hooks/telegram`, {
          method: "POST",
          headers: { "content-type": "application/json", [SECRET_HEADER]: secret },
          body: JSON.stringify(updates.text(CHAT, "第三十条")),
        });
      expect((await post("wrong")).status).toBe(401);
      expect((await post("my_secret-1")).status).toBe(200);
      expect(fake.messages(CHAT)).toHaveLength(1);
    });

    it("mounts on a router the app mounted earlier, before its 404 handler", async () => {
      // The HTTP server builds its app (ending in a 404 handler) before the core bot exists; it
      // mounts an empty router in its place, and startTelegram fills that router later.
      const { fake, start, updates } = await setup({ TELEGRAM_WEBHOOK_URL: "https://bot.example.cn/tg" });
      const telegramRoutes = express.Router();
      const app = express();
      app.use(telegramRoutes);
      app.use((_req, res) => {
        res.status(404).json({ error: "not found" });
      });
      const base = await listen(app);
      await start({ app: telegramRoutes });
      const res = await fetch(`${base}/tg`, {
        method: "POST",
        headers: { "content-type": "application/json", [SECRET_HEADER]: deriveWebhookSecret(TEST_TOKEN) },
        body: JSON.stringify(updates.text(CHAT, "第三十条")),
      });
      expect(res.status).toBe(200);
      expect(fake.messages(CHAT)).toHaveLength(1);
      expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    });

    it("derives the secret from the token when none is configured", async () => {
      const { fake, start } = await setup({ TELEGRAM_WEBHOOK_URL: "https://bot.example.cn/tg" });
      await start({ app: express() });
      const secret = fake.webhook?.secret_token;
      expect(secret).toBe(deriveWebhookSecret(TEST_TOKEN));
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(deriveWebhookSecret("another:token")).not.toBe(secret);
    });

    it("needs an app to mount on", async () => {
      const { start } = await setup({ TELEGRAM_WEBHOOK_URL: "https://bot.example.cn/tg" });
      const error = await start().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TelegramSetupError);
      expect(error).toMatchObject({ code: "TELEGRAM_WEBHOOK_SERVER" });
    });

    it("refuses a secret Telegram would refuse", async () => {
      const { start, fake } = await setup({
        TELEGRAM_WEBHOOK_URL: "https://bot.example.cn/tg",
        TELEGRAM_WEBHOOK_SECRET: "not allowed!",
      });
      await expect(start({ app: express() })).rejects.toThrow(
        "TELEGRAM_WEBHOOK_SECRET may only contain A–Z, a–z, 0–9, _ and - (1 to 256 characters): choose another, or unset it to derive one from the token",
      );
      expect(fake.calls).toEqual([]);
    });

    it("says what to fix when Telegram refuses the webhook", async () => {
      const { start, fake } = await setup({ TELEGRAM_WEBHOOK_URL: "https://bot.example.cn:8080/tg" });
      fake.failNext("setWebhook", {
        error_code: 400,
        description: "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
      });
      const error = await start({ app: express() }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "TELEGRAM_SETUP",
        message:
          "Telegram refused setWebhook (400 Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443): check TELEGRAM_WEBHOOK_URL: Telegram needs a public HTTPS URL on port 443, 80, 88 or 8443",
      });
    });
  });

  describe("setup errors", () => {
    it("names the token when the Bot API refuses it", async () => {
      const { options } = await setup();
      const config = { ...options.config, TELEGRAM_BOT_TOKEN: "7000000001:AAHwrong" };
      const error = await startTelegram({ ...options, config }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TelegramSetupError);
      expect(error).toMatchObject({
        code: "TELEGRAM_TOKEN",
        message:
          "the Bot API refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather",
      });
    });

    it("names TELEGRAM_API_ROOT when the Bot API cannot be reached", async () => {
      const { options } = await setup();
      // A port that was just free: nothing listens there.
      const closed: Server = createServer();
      closed.listen(0, "127.0.0.1");
      await new Promise<void>((resolve) => closed.once("listening", () => resolve()));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const apiRoot = `http://127.0.0.1:${port}`;
      const config = { ...options.config, TELEGRAM_API_ROOT: apiRoot };
      const error = await startTelegram({ ...options, config }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "TELEGRAM_UNREACHABLE",
        message: `cannot reach the Telegram Bot API at ${apiRoot}: check the network, or set TELEGRAM_API_ROOT to a Bot API server you can reach`,
      });
    });
  });
});

describe("deriveWebhookSecret", () => {
  it("is stable, fits Telegram's alphabet and does not contain the token", () => {
    const secret = deriveWebhookSecret(TEST_TOKEN);
    expect(deriveWebhookSecret(TEST_TOKEN)).toBe(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(secret).not.toContain(TEST_TOKEN.split(":")[1]);
  });
});

describe("keepStartingTelegram", () => {
  /** A Bot API that drops every connection while `down`, then passes requests on to the fake. */
  async function flakyApi(target: string) {
    const state = { down: true, attempts: 0 };
    const server = createServer(async (req, res) => {
      state.attempts++;
      if (state.down) {
        req.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const r = await fetch(`${target}${req.url}`, {
        method: req.method ?? "POST",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        ...(req.method === "POST" ? { body: Buffer.concat(chunks) } : {}),
      });
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(Buffer.from(await r.arrayBuffer()));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it("tries again with backoff while the Bot API cannot be reached, reporting it, then runs", async () => {
    const { fake, options } = await setup();
    const api = await flakyApi(fake.apiRoot);
    const status = createChannelStatus();
    const started = keepStartingTelegram(
      { ...options, config: { ...options.config, TELEGRAM_API_ROOT: api.url } },
      { status, firstDelayMs: 30 },
    );
    await expect.poll(() => api.state.attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(status.snapshot().telegram).toMatchObject({ state: "retrying", retryAt: expect.any(String) });
    expect(status.snapshot().telegram?.detail).toContain("cannot reach the Telegram Bot API");
    api.state.down = false;
    const channel = await started;
    if (channel) cleanups.push(() => channel.stop());
    expect(channel?.mode).toBe("polling");
    expect(status.snapshot().telegram).toEqual({ state: "up", detail: "polling" });
  });

  it("stops trying on shutdown, and does not retry a refused token", async () => {
    const { options } = await setup();
    const status = createChannelStatus();
    const stop = new AbortController();
    const unreachable = { ...options.config, TELEGRAM_API_ROOT: "http://127.0.0.1:9" };
    const pending = keepStartingTelegram(
      { ...options, config: unreachable },
      { status, firstDelayMs: 60_000, signal: stop.signal },
    );
    await expect.poll(() => status.snapshot().telegram?.state, { timeout: 10_000 }).toBe("retrying");
    stop.abort();
    expect(await pending).toBeUndefined();

    const { fake, options: refused } = await setup();
    fake.failNext("getMe", { error_code: 401, description: "Unauthorized" });
    await expect(keepStartingTelegram(refused, { status })).rejects.toMatchObject({ code: "TELEGRAM_TOKEN" });
    expect(status.snapshot().telegram?.state).toBe("failed");
  });
});
