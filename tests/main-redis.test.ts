/**
 * Two instances of `npm start` (real processes, different ports) sharing one real redis-server, as
 * a city runs them behind a load balancer: they behave as one bot — follow-ups, retries, rate
 * limits, ratings, the review and reloads cross from one to the other — and when Redis goes away
 * both keep answering, say so once, and share again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_HEADER } from "../src/channels/telegram/webhook.js";
import { messageXml, simulateWechat } from "./channels/wechat/simulated-wechat.js";
import { type FakeTelegram, startFakeTelegram } from "./helpers/fake-telegram.js";
import { copyIntents } from "./helpers/intents.js";
import { logLines, type MainProcess, startMain } from "./helpers/main-process.js";
import { skipRedisTests, startRedis, type TestRedis } from "./helpers/redis.js";
import { createUpdateFactory } from "./helpers/telegram-updates.js";

const WECHAT_TOKEN = "wxTok3n-Datong-2024-prod";
const ACCOUNT_ID = "gh_3f2a1b0c9d8e";
const WEBHOOK_SECRET = "tgWebhookSecret_9f8e7d6c5b4a";
const ADMIN_TOKEN = "adm-7f3c9e1a2b4d6f80a1c3e5";
const PATIENCE = { timeout: 30_000, interval: 100 };

let redis: TestRedis;
let telegram: FakeTelegram;
let intents: ReturnType<typeof copyIntents>;
let a: MainProcess;
let b: MainProcess;
const url: { a: string; b: string } = { a: "", b: "" };
const updates = createUpdateFactory();
let clients = 0;
let msgIds = 24523658924125740000n;

beforeAll(async () => {
  if (skipRedisTests) return;
  [redis, telegram] = await Promise.all([startRedis(), startFakeTelegram()]);
  intents = copyIntents();
  const env = {
    REDIS_URL: redis.url,
    // Clients are told apart by X-Forwarded-For, as behind the city's load balancer.
    TRUST_PROXY: "loopback",
    RATE_LIMIT_PER_MINUTE: "3",
    WECHAT_TOKEN,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: "https://bot.datong.example/telegram/webhook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ADMIN_TOKEN,
    FEEDBACK_SALT: "salt-4b8d2f6a0c1e3g5h7i9j",
    INTENTS_DIR: intents.dir,
    LOG_LEVEL: "info",
  };
  a = startMain(env);
  b = startMain(env);
  [url.a, url.b] = await Promise.all([a.ready(), b.ready()]);
  // Telegram is set up after the address is printed.
  while (!(a.out().includes("Telegram: webhook") && b.out().includes("Telegram: webhook"))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 120_000);

afterAll(async () => {
  for (const p of [a, b]) p?.child.kill("SIGTERM");
  const codes = await Promise.all([a, b].map((p) => p?.exited));
  for (const p of [a, b]) p?.kill();
  await telegram?.close();
  await redis?.stop();
  if (!skipRedisTests) expect(codes.map((c) => c?.[0])).toEqual([0, 0]);
}, 60_000);

/** A new client address (X-Forwarded-For), so each test has rate limits of its own. */
function client(): string {
  return `198.51.100.${++clients}`;
}

async function ask(base: string, q: string, from: string, session?: string) {
  const res = await fetch(`${base}/api/ask`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": from },
    body: JSON.stringify(session ? { q, session } : { q }),
  });
  const body = (await res.json()) as {
    answered: boolean;
    citations: Array<{ label: string }>;
    error?: { code: string };
  };
  return { status: res.status, body, answerId: res.headers.get("x-answer-id") };
}

function wechatAt(base: string) {
  return simulateWechat({
    url: `${base}/wechat`,
    token: WECHAT_TOKEN,
    encodingAESKey: "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR",
    appId: "wx5823bf96d3bd56c7",
    id: ACCOUNT_ID,
  });
}

function wechatText(content: string, user: string, msgId = String(msgIds++)): string {
  return messageXml({
    ToUserName: ACCOUNT_ID,
    FromUserName: user,
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: "text",
    Content: content,
    MsgId: msgId,
  });
}

function hook(base: string, update: unknown) {
  return fetch(`${base}/telegram/webhook`, {
    method: "POST",
    headers: { "Content-Type": "application/json", [SECRET_HEADER]: WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
}

/** The sum of a metric's samples whose line starts with `prefix`, on both instances. */
async function metric(prefix: string): Promise<number> {
  let sum = 0;
  for (const base of [url.a, url.b]) {
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const line of text.split("\n")) if (line.startsWith(prefix)) sum += Number(line.split(" ").at(-1));
  }
  return sum;
}

describe.skipIf(skipRedisTests)("two instances sharing Redis", { timeout: 60_000 }, () => {
  it("keep a conversation's context when its follow-up lands on the other instance", async () => {
    const from = client();
    await ask(url.a, "第三十条", from, "widget-session-1");
    expect((await ask(url.b, "下一条", from, "widget-session-1")).body.citations[0]?.label).toBe(
      "第三十一条",
    );

    const openid = "oWechatResidentFollowUp0001";
    await wechatAt(url.a).send(wechatText("第三十条", openid));
    const next = await wechatAt(url.b).send(wechatText("下一条", openid));
    expect(next.reply?.Content).toContain("第三十一条");

    const chat = 424_242;
    await hook(url.a, updates.text(chat, "第三十条"));
    await hook(url.b, updates.text(chat, "下一条"));
    const [first, second] = telegram.messages(chat).map((m) => m.plain);
    expect(first).toMatch(/^《大同市智慧城市促进条例》第三十条（/);
    expect(second).toMatch(/^《大同市智慧城市促进条例》第三十一条（/);
  });

  it("answer a WeChat retry or a repeated Telegram update once, whichever instance it reaches", async () => {
    const answered = async (channel: string) => metric(`tiaowen_answers_total{channel="${channel}"`);
    const wechatBefore = await answered("wechat");
    const message = wechatText("谁负责食品安全监管", "oWechatResidentRetry00001");
    const first = await wechatAt(url.a).send(message);
    const retry = await wechatAt(url.b).send(message);
    expect(retry.reply?.Content).toBe(first.reply?.Content);
    expect(first.reply?.Content).toContain("市场监督管理部门");
    expect(await answered("wechat")).toBe(wechatBefore + 1);

    const chat = 515_151;
    const update = updates.text(chat, "第十条");
    expect((await hook(url.a, update)).status).toBe(200);
    expect((await hook(url.b, update)).status).toBe(200);
    expect(telegram.messages(chat)).toHaveLength(1);
  });

  it("refuse a WeChat query string replayed with another body on the other instance", async () => {
    const sent = { timestamp: Math.floor(Date.now() / 1000), nonce: "8642097531" };
    const openid = "oWechatResidentReplay0001";
    expect((await wechatAt(url.a).send(wechatText("第三十条", openid), sent)).status).toBe(200);
    const replayed = await wechatAt(url.b).send(wechatText("第三十一条", openid), sent);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatch(/^WECHAT_REPLAY: /);
  });

  it("count a client's questions against one rate limit", async () => {
    const from = client();
    expect((await ask(url.a, "第一条", from)).status).toBe(200);
    expect((await ask(url.b, "第二条", from)).status).toBe(200);
    expect((await ask(url.a, "第三条", from)).status).toBe(200);
    const refused = await ask(url.b, "第四条", from);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe("RATE_LIMITED");
    expect((await ask(url.a, "第五条", from)).status).toBe(429);
    expect((await ask(url.a, "第五条", client())).status).toBe(200);
    expect(await metric('tiaowen_rate_limited_total{channel="http"}')).toBe(2);
  });

  it("take a rating on either instance and review what both recorded", async () => {
    const question = "城市大脑由谁建设";
    const asked = await ask(url.a, question, client(), "widget-session-review");
    expect(asked.body.answered).toBe(false);
    const good = await ask(url.a, "第二十条讲什么", client());
    const rated = await fetch(`${url.b}/api/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": client() },
      body: JSON.stringify({ answerId: good.answerId, rating: "down" }),
    });
    expect(await rated.json()).toMatchObject({ recorded: true });
    // Telegram's 👎 under an answer of instance A, pressed and delivered to instance B.
    const chat = 616_161;
    await hook(url.a, updates.text(chat, "第八条"));
    const thumbsDown = telegram.messages(chat)[0]?.keyboard?.at(-1)?.[1]?.callback_data ?? "";
    expect(thumbsDown).toMatch(/^fb:.{12}:d$/);
    await hook(url.b, updates.callback(chat, thumbsDown));
    expect(telegram.callsOf("answerCallbackQuery").at(-1)?.params.text).toBe(
      "感谢反馈，我们会据此完善答复。如需人工帮助，请拨打12345市民服务热线。",
    );

    await expect
      .poll(async () => {
        const res = await fetch(`${url.b}/admin/review`, {
          headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        const review = (await res.json()) as {
          groups: Array<{ normalized: string; counts: Record<string, number> }>;
        };
        return Object.fromEntries(review.groups.map((g) => [g.normalized, g.counts]));
      }, PATIENCE)
      .toMatchObject({
        城市大脑由谁建设: { unanswered: 1 },
        第二十条讲什么: { down: 1 },
        第八条: { down: 1 },
      });
  });

  it("reload together: a synonym added and reloaded on one instance answers on both", async () => {
    const question = "谁负责舌尖安全";
    expect((await ask(url.b, question, client())).body.answered).toBe(false);
    intents.addSynonym();
    const res = await fetch(`${url.a}/admin/reload`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(await res.json()).toMatchObject({ reloaded: true, generation: 2, others: 1 });
    expect((await ask(url.a, question, client())).body.citations[0]?.label).toBe("第三十条");
    await expect.poll(async () => (await ask(url.b, question, client())).body.answered, PATIENCE).toBe(true);
  });

  it("keep answering while Redis is away, say so once, and share again once it is back", async () => {
    await redis.stop();
    await expect.poll(() => metric("tiaowen_redis_up"), PATIENCE).toBe(0);
    for (let i = 0; i < 3; i++) {
      const answer = await ask(url.a, "谁负责食品安全监管", client(), "widget-session-outage");
      expect(answer.status).toBe(200);
      expect(answer.body.answered).toBe(true);
    }
    // Follow-ups are answered without context meanwhile.
    await ask(url.a, "第三十条", client(), "widget-session-outage");
    const next = await ask(url.a, "下一条", client(), "widget-session-outage");
    expect(next.status).toBe(200);
    expect(next.body.answered).toBe(false);
    const wechat = await wechatAt(url.b).send(wechatText("第三十条", "oWechatResidentOutage0001"));
    expect(wechat.reply?.Content).toContain("第三十条");

    await redis.start();
    await expect.poll(() => metric("tiaowen_redis_up"), PATIENCE).toBe(2);
    await ask(url.a, "第三十条", client(), "widget-session-after");
    expect((await ask(url.b, "下一条", client(), "widget-session-after")).body.citations[0]?.label).toBe(
      "第三十一条",
    );
    for (const p of [a, b]) {
      const lines = logLines(p.out());
      expect(lines.filter((l) => String(l.msg).startsWith("Redis is unreachable"))).toHaveLength(1);
      expect(lines.filter((l) => String(l.msg).startsWith("Redis is back"))).toHaveLength(1);
    }
  });
});
