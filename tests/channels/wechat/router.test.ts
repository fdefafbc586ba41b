import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WechatConfigError } from "../../../src/channels/wechat/errors.js";
import {
  ONLY_TEXT_REPLY,
  type WechatLogger,
  type WechatRecord,
} from "../../../src/channels/wechat/responder.js";
import {
  createWechatRouter,
  WECHAT_OFF_MESSAGE,
  type WechatRouter,
  type WechatRouterOptions,
} from "../../../src/channels/wechat/router.js";
import { describeRequest } from "../../../src/conversation/requests.js";
import { type Conversation, createConversation } from "../../../src/conversation/service.js";
import { type Bot, createBot } from "../../../src/mod.js";
import { createMemoryStore } from "../../../src/state/store.js";
import { type Account, messageXml, simulateWechat } from "./simulated-wechat.js";

const TOKEN = "tiaowenDatong2024";
const AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
const APP_ID = "wx5823bf96d3bd56c7";
const ACCOUNT_ID = "gh_3f2a1b0c9d8e";
const USER = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

let bot: Bot;
const servers: Server[] = [];
beforeAll(async () => {
  bot = await createBot();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

let msgIds = 24523658924125736181n;
let clock = 1_710_000_000;

/** A text message as WeChat posts it; a fresh MsgId and CreateTime unless given. */
function textMessage(content: string, user = USER, msgId = String(msgIds++)): string {
  return messageXml({
    ToUserName: ACCOUNT_ID,
    FromUserName: user,
    CreateTime: clock++,
    MsgType: "text",
    Content: content,
    MsgId: msgId,
  });
}

function eventMessage(event: string, user = USER, createTime = clock++): string {
  return messageXml({
    ToUserName: ACCOUNT_ID,
    FromUserName: user,
    CreateTime: createTime,
    MsgType: "event",
    Event: event,
  });
}

/** A gate an answer waits at: the "deliberately slow" answer, opened by the test, not a clock. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Starts an express app with the router at /wechat on 127.0.0.1; returns a simulated WeChat for it. */
async function setup(
  options: Partial<WechatRouterOptions> & { slowFor?: string; slow?: Promise<void> } = {},
) {
  const asked: string[] = [];
  const logged: string[] = [];
  const logger: WechatLogger = {
    warn: (_d, message) => logged.push(message),
    error: (_d, message) => logged.push(message),
  };
  const base = createConversation({ bot, ...(options.store ? { store: options.store } : {}) });
  const conversation: Conversation = {
    ...base,
    async ask(channel, user, input, opts) {
      const question = typeof input === "string" ? input : describeRequest(input);
      asked.push(question);
      if (options.slow && question === options.slowFor) await options.slow;
      return base.ask(channel, user, input, opts);
    },
  };
  const router: WechatRouter = createWechatRouter({
    token: TOKEN,
    encodingAESKey: AES_KEY,
    appId: APP_ID,
    conversation,
    logger,
    ...options,
  });
  const app = express();
  app.use("/wechat", router);
  app.get("/health", (_req, res) => {
    res.send("ok");
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const account: Account = {
    url: `http://127.0.0.1:${port}/wechat`,
    token: TOKEN,
    encodingAESKey: AES_KEY,
    appId: APP_ID,
    id: ACCOUNT_ID,
  };
  return { wechat: simulateWechat(account), router, asked, logged, base: `http://127.0.0.1:${port}` };
}

/** A refusal is one status line: a stable code and a message, never a stack trace. */
function expectRefusal(body: string, code: string) {
  expect(body.startsWith(`${code}: `)).toBe(true);
  expect(body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe("createWechatRouter — server verification (GET)", () => {
  it("echoes echostr when the signature matches", async () => {
    const { wechat } = await setup();
    const res = await wechat.verify({ echostr: "6147402284830582736" });
    expect(res).toEqual({ status: 200, body: "6147402284830582736" });
  });

  it("refuses a wrong signature with 401", async () => {
    const { wechat } = await setup();
    const res = await wechat.verify({ signature: "0".repeat(40) });
    expect(res.status).toBe(401);
    expect(res.body).toBe(
      "WECHAT_SIGNATURE: signature mismatch: WECHAT_TOKEN must equal the Token on the admin page (开发 → 基本配置)",
    );
  });

  it("refuses a timestamp outside five minutes with 401 (replay)", async () => {
    const { wechat } = await setup();
    const res = await wechat.verify({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expectRefusal(res.body, "WECHAT_STALE");
  });

  it("refuses a request without the signed parameters with 400", async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/wechat`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      "WECHAT_BAD_QUERY: timestamp and nonce are missing: this URL is for WeChat's servers",
    );
    const repeated = await fetch(`${base}/wechat?timestamp=1&timestamp=2&nonce=1`);
    expect(repeated.status).toBe(400);
  });
});

describe("createWechatRouter — messages (POST)", () => {
  for (const mode of ["plaintext", "compatible", "safe"] as const) {
    it(`answers a text question with the article and the department (${mode} mode)`, async () => {
      const { wechat } = await setup();
      const res = await wechat.send(textMessage("谁负责食品安全监管？"), { mode });
      expect(res.status).toBe(200);
      expect(res.reply).toMatchObject({ ToUserName: USER, FromUserName: ACCOUNT_ID, MsgType: "text" });
      expect(res.reply?.Content).toContain("负责的是市、县（区）人民政府市场监督管理部门");
      expect(res.reply?.Content).toContain("出处：《大同市智慧城市促进条例》第三十条（第四章 智慧治理）");
      expect(Number(res.reply?.CreateTime)).toBeGreaterThan(1_700_000_000);
    });
  }

  it("trusts only the encrypted message in compatible mode", async () => {
    const { wechat } = await setup();
    const res = await wechat.send(textMessage("第三十条"), {
      mode: "compatible",
      compatiblePlaintext: textMessage("第一条"),
    });
    expect(res.reply?.Content).toContain("第三十条");
    expect(res.reply?.Content).not.toContain("第一条（");
  });

  it("follows up per resident: “下一条” and “那谁负责？” refer to that resident's last article", async () => {
    const { wechat } = await setup();
    await wechat.send(textMessage("第三十条", "oResidentA"));
    const next = await wechat.send(textMessage("下一条", "oResidentA"), { mode: "safe" });
    expect(next.reply?.Content).toContain("《大同市智慧城市促进条例》第三十一条");
    const who = await wechat.send(textMessage("那谁负责？", "oResidentA"));
    expect(who.reply?.Content).toContain("根据《大同市智慧城市促进条例》第三十一条");
    const other = await wechat.send(textMessage("下一条", "oResidentB"));
    expect(other.reply?.Content).toBe("请先提一个问题，我再为您查看相关条文。");
  });

  it("welcomes a new follower with example questions and says nothing on unsubscribe", async () => {
    const { wechat } = await setup();
    const welcome = await wechat.send(eventMessage("subscribe"), { mode: "safe" });
    expect(welcome.reply?.Content).toMatch(/^感谢关注！/);
    expect(welcome.reply?.Content).toContain("谁负责食品安全监管？");
    const bye = await wechat.send(eventMessage("unsubscribe"));
    expect(bye).toEqual({ status: 200, body: "success" });
  });

  it("asks for text when sent an image, video, location or link", async () => {
    const { wechat } = await setup();
    const image = messageXml({
      ToUserName: ACCOUNT_ID,
      FromUserName: USER,
      CreateTime: clock++,
      MsgType: "image",
      PicUrl: "http://mmbiz.qpic.cn/mmbiz_jpg/abc/0",
      MediaId: "media_id_1",
      MsgId: String(msgIds++),
    });
    const res = await wechat.send(image);
    expect(res.reply?.Content).toBe(ONLY_TEXT_REPLY);
    const location = messageXml({
      ToUserName: ACCOUNT_ID,
      FromUserName: USER,
      CreateTime: clock++,
      MsgType: "location",
      Location_X: 40.0768,
      Location_Y: 113.3001,
      Scale: 15,
      Label: "山西省大同市平城区",
      MsgId: String(msgIds++),
    });
    expect((await wechat.send(location, { mode: "safe" })).reply?.Content).toBe(ONLY_TEXT_REPLY);
  });

  it("answers a voice message by its Recognition, and asks for text without one", async () => {
    const { wechat } = await setup();
    const voice = (recognition: string) =>
      messageXml({
        ToUserName: ACCOUNT_ID,
        FromUserName: USER,
        CreateTime: clock++,
        MsgType: "voice",
        MediaId: "media_id_2",
        Format: "amr",
        Recognition: recognition,
        MsgId: String(msgIds++),
      });
    const heard = await wechat.send(voice("谁负责食品安全监管？"));
    expect(heard.reply?.Content).toContain("负责的是市、县（区）人民政府市场监督管理部门");
    const unheard = await wechat.send(voice(""));
    expect(unheard.reply?.Content).toBe(ONLY_TEXT_REPLY);
  });

  it("processes a retry of the same MsgId once and gives it the same reply", async () => {
    const { wechat, asked } = await setup();
    const message = textMessage("第三十条", USER, "6000000000000000001");
    const first = await wechat.send(message);
    const retry = await wechat.send(message, { mode: "plaintext" });
    expect(retry.reply?.Content).toBe(first.reply?.Content);
    expect(asked.filter((q) => q === "第三十条")).toHaveLength(1);
    // Events carry no MsgId: FromUserName + CreateTime identify the retry.
    const subscribe = eventMessage("subscribe", "oNewFollower", 1_710_009_999);
    const a = await wechat.send(subscribe);
    const b = await wechat.send(subscribe);
    expect(b.reply?.Content).toBe(a.reply?.Content);
  });

  it("replies “success” when the answer misses the budget, and gives the retry the finished answer", async () => {
    const slow = gate();
    const { wechat, router, asked } = await setup({
      replyBudgetMs: 100,
      slowFor: "谁负责食品安全监管？",
      slow: slow.opened,
    });
    const message = textMessage("谁负责食品安全监管？", USER, "6000000000000000002");
    const first = await wechat.send(message, { mode: "safe" });
    expect(first).toEqual({ status: 200, body: "success" });
    slow.open();
    await router.settled();
    const retry = await wechat.send(message, { mode: "safe" });
    expect(retry.reply?.Content).toContain("负责的是市、县（区）人民政府市场监督管理部门");
    expect(asked).toEqual(["谁负责食品安全监管？"]);
  });

  it("cuts a long reply at a sentence and sends the rest on “全文”", async () => {
    const { wechat } = await setup({ maxReplyBytes: 600 });
    const first = await wechat.send(textMessage("第六条"));
    expect(Buffer.byteLength(first.reply?.Content ?? "")).toBeLessThanOrEqual(600);
    expect(first.reply?.Content).toMatch(
      /出处：《大同市智慧城市促进条例》第六条（第一章 总则）\n\n回复“全文”查看完整条文$/,
    );
    const rest = await wechat.send(textMessage("全文"), { mode: "safe" });
    expect(rest.reply?.Content).toMatch(/^（续）/);
    expect(rest.reply?.Content).toContain("（六）建立考核评估机制，落实智慧城市推进责任。");
  });
});

describe("createWechatRouter — safe mode", () => {
  it("refuses a message encrypted for another AppID with 401", async () => {
    const { wechat } = await setup();
    const res = await wechat.send(textMessage("第三十条"), { mode: "safe", appId: "wx0000000000000000" });
    expect(res.status).toBe(401);
    expect(res.body).toBe(
      "WECHAT_APP_ID: the message is for another AppID: set WECHAT_APP_ID to this Official Account's AppID",
    );
  });

  it("refuses a wrong msg_signature with 401", async () => {
    const { wechat } = await setup();
    const res = await wechat.send(textMessage("第三十条"), { mode: "safe", signature: "f".repeat(40) });
    expect(res.status).toBe(401);
    expectRefusal(res.body, "WECHAT_SIGNATURE");
  });

  it("says so when a safe-mode message arrives but no EncodingAESKey is set (503)", async () => {
    const { wechat } = await setup({ encodingAESKey: undefined, appId: undefined });
    const res = await wechat.send(textMessage("第三十条"), { mode: "safe" });
    expect(res.status).toBe(503);
    expect(res.body).toBe(
      "WECHAT_SAFE_MODE_OFF: the message is encrypted (encrypt_type=aes) but WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID are not set",
    );
    // Plaintext still works without a key.
    expect((await wechat.send(textMessage("第三十条"))).status).toBe(200);
  });
});

describe("createWechatRouter — replays and required safe mode", () => {
  it("refuses a signed query string replayed with another body, and lets WeChat's identical retry through", async () => {
    const { wechat, asked } = await setup();
    const sent = { timestamp: Math.floor(Date.now() / 1000), nonce: "1357924680" };
    const message = textMessage("第三十条");
    expect((await wechat.send(message, sent)).status).toBe(200);
    const forged = await wechat.send(textMessage("第三十一条"), sent);
    expect(forged.status).toBe(401);
    expect(forged.body).toBe(
      "WECHAT_REPLAY: this signature and nonce were already used for another message: a replayed request",
    );
    const retry = await wechat.send(message, sent);
    expect(retry.status).toBe(200);
    expect(asked).toEqual(["第三十条"]);
  });

  it("refuses a replay that another instance saw, when they share a store", async () => {
    const store = createMemoryStore<WechatRecord>();
    const a = await setup({ store });
    const b = await setup({ store });
    const sent = { timestamp: Math.floor(Date.now() / 1000), nonce: "2468013579", mode: "safe" as const };
    expect((await a.wechat.send(textMessage("第三十条"), sent)).status).toBe(200);
    expectRefusal((await b.wechat.send(textMessage("第二条"), sent)).body, "WECHAT_REPLAY");
  });

  it("with requireSafeMode, refuses plaintext before reading it and answers safe and compatible mode", async () => {
    const { wechat, asked } = await setup({ requireSafeMode: true });
    const plain = await wechat.send(textMessage("第三十条"));
    expect(plain.status).toBe(403);
    expect(plain.body).toBe(
      "WECHAT_PLAINTEXT: plaintext messages are refused (WECHAT_REQUIRE_SAFE_MODE): choose 安全模式 under 开发 → 基本配置 → 消息加解密方式",
    );
    expect(asked).toEqual([]);
    expect((await wechat.send(textMessage("第三十条"), { mode: "safe" })).reply?.Content).toContain(
      "第三十条",
    );
    expect((await wechat.send(textMessage("第二条"), { mode: "compatible" })).status).toBe(200);
    // Server verification (GET) is never encrypted.
    expect((await wechat.verify({ echostr: "42" })).body).toBe("42");
  });

  it("refuses to start with requireSafeMode but no EncodingAESKey", () => {
    expect(() => createWechatRouter({ token: TOKEN, bot, requireSafeMode: true })).toThrow(
      new WechatConfigError(
        "WECHAT_REQUIRE_SAFE_MODE is set but WECHAT_ENCODING_AES_KEY is not: set it (and WECHAT_APP_ID) from 开发 → 基本配置, or unset WECHAT_REQUIRE_SAFE_MODE",
      ),
    );
  });
});

describe("createWechatRouter — bad input", () => {
  it("refuses a body over 64 KB with 413 and keeps serving", async () => {
    const { wechat, base } = await setup();
    const res = await wechat.send(textMessage("第三十条"), { rawBody: textMessage("条".repeat(30_000)) });
    expect(res.status).toBe(413);
    expect(res.body).toBe("WECHAT_TOO_LARGE: the body is larger than 64 KB");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await wechat.send(textMessage("第三十条"))).status).toBe(200);
  });

  it("refuses an XXE payload with 400 and reads no file and no URL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-xxe-"));
    const secret = join(dir, "secret.txt");
    writeFileSync(secret, "TOP-SECRET-MARKER");
    let fetched = 0;
    const lure = createServer((_req, res) => {
      fetched++;
      res.end("LURE-MARKER");
    });
    lure.listen(0, "127.0.0.1");
    servers.push(lure);
    await once(lure, "listening");
    const lurePort = (lure.address() as AddressInfo).port;

    const { wechat } = await setup();
    const payloads = [
      `<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file://${secret}">]>\n<xml><ToUserName>${ACCOUNT_ID}</ToUserName><FromUserName>${USER}</FromUserName><CreateTime>1710000000</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>`,
      `<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY % remote SYSTEM "http://127.0.0.1:${lurePort}/evil.dtd"> %remote;]>\n<xml><MsgType>text</MsgType></xml>`,
    ];
    for (const rawBody of payloads) {
      for (const mode of ["plaintext", "safe"] as const) {
        // In safe mode the payload travels encrypted, as an attacker holding the key would send it.
        const res = await wechat.send(rawBody, mode === "safe" ? { mode } : { rawBody });
        expect(res.status).toBe(400);
        expect(res.body).toBe(
          "WECHAT_DTD: DTDs and entity declarations are not accepted (WeChat never sends them)",
        );
      }
    }
    expect(fetched).toBe(0);
  });

  it("refuses a signed message whose DTD hides behind an attribute that looks like a comment", async () => {
    const { wechat, asked } = await setup();
    const body = `<xml a="<!--"><!DOCTYPE x [<!ENTITY e "X">]><!-- --><ToUserName>${ACCOUNT_ID}</ToUserName><FromUserName>${USER}</FromUserName><CreateTime>1710000000</CreateTime><MsgType>text</MsgType><Content>第三十条&e;</Content><MsgId>${msgIds++}</MsgId></xml>`;
    const res = await wechat.send(textMessage("第三十条"), { rawBody: body });
    expect(res.status).toBe(400);
    expectRefusal(res.body, "WECHAT_DTD");
    expect(asked).toEqual([]);
  });

  it("refuses “billion laughs” with 400", async () => {
    const { wechat } = await setup();
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join("\n");
    const body = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<xml><Content>&lol9;</Content></xml>`;
    const res = await wechat.send(textMessage("第三十条"), { rawBody: body });
    expect(res.status).toBe(400);
    expectRefusal(res.body, "WECHAT_DTD");
  });

  it("refuses malformed XML, an empty body and non-XML with 400", async () => {
    const { wechat } = await setup();
    for (const rawBody of [
      "<xml><Content>第三十条</Content>",
      "",
      "   ",
      '{"MsgType":"text"}',
      "<xml><A>1</B></xml>",
    ]) {
      const res = await wechat.send(textMessage("第三十条"), { rawBody });
      expect(res.status, rawBody).toBe(400);
      expectRefusal(res.body, "WECHAT_BAD_XML");
    }
  });

  it("refuses an undecryptable Encrypt field with 400", async () => {
    const { wechat } = await setup();
    // Correctly signed (so the Token is right) but not encrypted with our EncodingAESKey.
    const res = await wechat.send(textMessage("第三十条"), {
      mode: "safe",
      ciphertext: "bm90IGVuY3J5cHRlZA==",
    });
    expect(res.status).toBe(400);
    expectRefusal(res.body, "WECHAT_DECRYPT");
  });

  it("refuses a stale message timestamp with 401 (replay)", async () => {
    const { wechat } = await setup();
    const res = await wechat.send(textMessage("第三十条"), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(res.status).toBe(401);
    expect(res.body).toBe(
      "WECHAT_STALE: the timestamp is more than 5 minutes away from the server clock: a replay, or a clock to set right (NTP)",
    );
    const future = await wechat.send(textMessage("第三十条"), {
      mode: "safe",
      timestamp: Math.floor(Date.now() / 1000) + 3600,
    });
    expect(future.status).toBe(401);
  });

  it("refuses a wrong signature with 401 before reading the body", async () => {
    const { wechat, logged } = await setup();
    const res = await wechat.send(textMessage("第三十条"), {
      signature: "0".repeat(40),
      rawBody: "<not-even-xml",
    });
    expect(res.status).toBe(401);
    expectRefusal(res.body, "WECHAT_SIGNATURE");
    expect(logged.some((m) => m.startsWith("wechat: refused — signature mismatch"))).toBe(true);
  });

  it("refuses a message without the fields WeChat always sends with 400", async () => {
    const { wechat } = await setup();
    const noSender = messageXml({
      ToUserName: ACCOUNT_ID,
      CreateTime: 1710000000,
      MsgType: "text",
      Content: "第三十条",
    });
    for (const mode of ["plaintext", "safe"] as const) {
      const res = await wechat.send(noSender, { mode });
      expect(res.status).toBe(400);
      expect(res.body).toBe("WECHAT_MISSING_FIELD: the message has no FromUserName");
    }
    const noEncrypt = await wechat.send(textMessage("第三十条"), {
      mode: "safe",
      rawBody: `<xml><ToUserName>${ACCOUNT_ID}</ToUserName></xml>`,
    });
    expect(noEncrypt.status).toBe(400);
    expect(noEncrypt.body).toBe("WECHAT_MISSING_FIELD: the message has no Encrypt");
  });

  it("answers 405 to other methods", async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/wechat`, { method: "PUT" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
  });

  it("answers with an apology, not a crash, when the session store fails", async () => {
    const { wechat } = await setup({
      store: {
        read: () => Promise.reject(new Error("redis down at /srv/secret/path.ts:12")),
        write: () => Promise.resolve(),
        delete: () => Promise.resolve(),
        claim: () => Promise.resolve(true),
      },
    });
    const res = await wechat.send(textMessage("第三十条"));
    expect(res.status).toBe(200);
    expect(res.reply?.Content).toBe(
      "抱歉，处理您的消息时出了点问题，请稍后再试；急事请拨打12345市民服务热线。",
    );
  });
});

describe("createWechatRouter — switched off", () => {
  it("answers 503 and names the settings that turn it on when there is no Token", async () => {
    const { base, router } = await setup({ token: undefined });
    expect(router.enabled).toBe(false);
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${base}/wechat?signature=x&timestamp=1&nonce=1`, { method });
      expect(res.status).toBe(503);
      expect(await res.text()).toBe(`WECHAT_OFF: ${WECHAT_OFF_MESSAGE}`);
    }
    expect(WECHAT_OFF_MESSAGE).toContain("WECHAT_TOKEN");
    expect(WECHAT_OFF_MESSAGE).toContain("WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID");
  });

  it("refuses to start without a way to answer, or with a key but no AppID", () => {
    expect(() => createWechatRouter({ token: TOKEN })).toThrow(
      new WechatConfigError("createWechatRouter needs `conversation` (or a `bot`)"),
    );
    expect(() => createWechatRouter({ token: TOKEN, bot, encodingAESKey: AES_KEY })).toThrow(
      WechatConfigError,
    );
  });

  it("answers through a conversation service of its own when given the bot", async () => {
    const { wechat } = await setup({ conversation: undefined, bot });
    const res = await wechat.send(textMessage("第三十条"));
    expect(res.reply?.Content).toContain("《大同市智慧城市促进条例》第三十条（第四章 智慧治理）全文如下：");
  });
});
