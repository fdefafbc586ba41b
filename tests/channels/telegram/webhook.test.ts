import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import { createTelegramBot } from "../../../src/channels/telegram/bot.js";
import { createTelegramWebhook, isUpdate, SECRET_HEADER } from "../../../src/channels/telegram/webhook.js";
import { createMemoryStore } from "../../../src/state/store.js";
import { captureLog } from "../../helpers/capture-log.js";
import { type FakeTelegram, startFakeTelegram } from "../../helpers/fake-telegram.js";
import { createUpdateFactory } from "../../helpers/telegram-updates.js";

const SECRET = "webhook_secret-0123456789";
const PATH = "/telegram/webhook";
const CHAT = 1001;

let core: Bot;
beforeAll(async () => {
  core = await createBot();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** The webhook router on a small express app on 127.0.0.1, the bot talking to a fake Bot API. */
async function setup() {
  const fake: FakeTelegram = await startFakeTelegram();
  const store = createMemoryStore<unknown>();
  const log = captureLog();
  const telegram = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, bot: core, store });
  const app = express();
  app.use(
    createTelegramWebhook({ bot: telegram, secretToken: SECRET, store, path: PATH, logger: log.logger }),
  );
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fake.close();
  });
  const post = (body: string, headers: Record<string, string> = { [SECRET_HEADER]: SECRET }) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { fake, post, url, updates: createUpdateFactory(), log };
}

describe("createTelegramWebhook", () => {
  it("handles an update with the right secret: 200 and a reply", async () => {
    const { fake, post, updates } = await setup();
    const res = await post(JSON.stringify(updates.text(CHAT, "第三十条")));
    expect(res.status).toBe(200);
    expect(fake.messages(CHAT)).toHaveLength(1);
    expect(fake.messages(CHAT)[0]?.plain).toMatch(/^《大同市智慧城市促进条例》第三十条/);
  });

  it("refuses a wrong or missing secret with 401, and handles nothing", async () => {
    const { fake, post, updates, log } = await setup();
    const wrong = await post(JSON.stringify(updates.text(CHAT, "第三十条")), { [SECRET_HEADER]: "guess" });
    const missing = await post(JSON.stringify(updates.text(CHAT, "第三十条")), {});
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual({ ok: false, error: "secret token is missing or wrong" });
    expect(fake.calls).toEqual([]);
    expect(log.lines.filter((l) => l.msg?.includes("without the right secret token"))).toHaveLength(2);
  });

  it("checks the secret before reading the body", async () => {
    const { post } = await setup();
    const res = await post("{not json", { [SECRET_HEADER]: "guess" });
    expect(res.status).toBe(401);
  });

  it("answers malformed JSON with 400 and keeps running", async () => {
    const { fake, post, updates } = await setup();
    const res = await post('{"update_id": 1, "message": {');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: "unreadable body (entity.parse.failed)" });
    const next = await post(JSON.stringify(updates.text(CHAT, "第三十条")));
    expect(next.status).toBe(200);
    expect(fake.messages(CHAT)).toHaveLength(1);
  });

  it("answers a body that is not an update with 400", async () => {
    const { fake, post } = await setup();
    for (const body of ["[]", '{"message":{}}', '{"update_id":"7"}', '{"update_id":-1}', "null", '"text"']) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
    }
    expect(fake.calls).toEqual([]);
  });

  it("refuses an oversized body with 413", async () => {
    const { post } = await setup();
    const res = await post(JSON.stringify({ update_id: 1, padding: "x".repeat(300_000) }));
    expect(res.status).toBe(413);
  });

  it("handles a repeated update_id once", async () => {
    const { fake, post, updates } = await setup();
    const body = JSON.stringify(updates.text(CHAT, "第三十条"));
    const first = await post(body);
    const again = await post(body);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(fake.messages(CHAT)).toHaveLength(1);
  });

  it("handles an update delivered twice at the same time once", async () => {
    const { fake, post, updates } = await setup();
    const body = JSON.stringify(updates.text(CHAT, "第三十条"));
    const statuses = await Promise.all([post(body), post(body), post(body)]).then((r) =>
      r.map((x) => x.status),
    );
    expect(statuses).toEqual([200, 200, 200]);
    expect(fake.messages(CHAT)).toHaveLength(1);
  });

  it("keeps the conversation across webhook deliveries", async () => {
    const { fake, post, updates } = await setup();
    await post(JSON.stringify(updates.text(CHAT, "第三十条讲什么")));
    await post(JSON.stringify(updates.text(CHAT, "那由哪个部门负责？")));
    await post(JSON.stringify(updates.text(CHAT, "下一条")));
    const [, who, next] = fake.messages(CHAT).map((m) => m.plain);
    expect(who).toMatch(/^根据《大同市智慧城市促进条例》第三十条（第四章 智慧治理），负责的是/);
    expect(next).toMatch(/^《大同市智慧城市促进条例》第三十一条/);
  });

  it("apologises through the webhook too when handling fails", async () => {
    const { fake, post, updates } = await setup();
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    const res = await post(JSON.stringify(updates.text(CHAT, "第三十条")));
    expect(res.status).toBe(200);
    expect(fake.messages(CHAT)[0]?.plain).toMatch(/^抱歉，处理您的消息时出了点问题/);
  });

  it("only answers POST on its path", async () => {
    const { url, post } = await setup();
    expect((await fetch(url)).status).toBe(404);
    const other = await fetch(url.replace(PATH, "/elsewhere"), {
      method: "POST",
      headers: { [SECRET_HEADER]: SECRET },
      body: "{}",
    });
    expect(other.status).toBe(404);
    expect((await post('{"update_id": 5}')).status).toBe(200);
  });
});

describe("isUpdate", () => {
  it("accepts an object with a non-negative integer update_id", () => {
    expect(isUpdate({ update_id: 0 })).toBe(true);
    expect(isUpdate({ update_id: 123, message: {} })).toBe(true);
    for (const v of [null, [], {}, { update_id: 1.5 }, { update_id: "1" }, { update_id: -3 }]) {
      expect(isUpdate(v)).toBe(false);
    }
  });
});
