/**
 * A fake Telegram Bot API server for tests: plain node:http on 127.0.0.1, a random port. The real
 * grammY Bot talks to it through `client.apiRoot`. It answers getMe, getUpdates (long polling,
 * from a queue the test fills), sendMessage, editMessageText, answerCallbackQuery,
 * setMyCommands, setWebhook and deleteWebhook the way Telegram does — including Telegram's
 * refusals: HTML that does not parse, a text over 4096 characters, callback data over 64 bytes,
 * getUpdates while a webhook is set — and records every call.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";

/** A token of the right shape; the fake accepts only this one unless told otherwise. */
export const TEST_TOKEN = "7000000001:AAHfakeTokenForTestsOnly-0123456789ab";

/** The bot the fake server says it is (getMe). */
export const TEST_BOT: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: "条文",
  username: "tiaowen_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** One Bot API call as the server received it. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** Whether the fake answered ok: true. */
  ok: boolean;
  /** Telegram's description of a refusal. */
  description?: string;
}

/** A message the bot sent or edited, as the user sees it. */
export interface SentMessage {
  method: "sendMessage" | "editMessageText";
  chatId: number;
  /** The text as sent (HTML when parse_mode is HTML). */
  text: string;
  /** The text after entity parsing: what the user reads, what Telegram's 4096 limit counts. */
  plain: string;
  parseMode?: string;
  /** The inline keyboard, if any. */
  keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>>;
  /** message_id this one replies to. */
  replyTo?: number;
  params: Record<string, unknown>;
}

/** A refusal in Telegram's shape. */
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** The fake server. */
export interface FakeTelegram {
  /** For grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every call, in order. */
  readonly calls: ApiCall[];
  /** The calls of one method. */
  callsOf(method: string): ApiCall[];
  /** Messages sent (and accepted), optionally of one chat. */
  messages(chatId?: number): SentMessage[];
  /** Messages edited (and accepted). */
  edits(): SentMessage[];
  /** getUpdates requests not finished yet: received, not answered, client still there. */
  readonly openPolls: number;
  /** Current webhook registration (setWebhook parameters), or undefined. */
  readonly webhook: Record<string, unknown> | undefined;
  /** Makes updates available to getUpdates (and wakes a waiting long poll). */
  queueUpdates(...updates: Update[]): void;
  /** The next `times` calls of `method` are refused with `error`. */
  failNext(method: string, error: ApiError, times?: number): void;
  /** Resolves once `predicate` holds, checking after every call (no timers). */
  until(predicate: () => boolean): Promise<void>;
  close(): Promise<void>;
}

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "tg-emoji",
  "code",
  "pre",
  "blockquote",
]);

/**
 * Telegram's HTML, strictly: only its tags, properly nested; `<`, `>` and `&` only as tags or
 * as the entities &lt; &gt; &amp; &quot; (or numeric ones). Returns the visible text or
 * Telegram's kind of error description.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const at = (i: number) => `at byte offset ${Buffer.byteLength(html.slice(0, i))}`;
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return { error: `Can't parse entities: unclosed start tag ${at(i)}` };
      const inner = html.slice(i + 1, end);
      if (inner.startsWith("/")) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (open !== name) return { error: `Can't parse entities: unmatched end tag "${name}" ${at(i)}` };
      } else {
        const m = /^([a-z-]+)(?:\s+([\s\S]*))?$/i.exec(inner);
        const name = m?.[1]?.toLowerCase() ?? inner;
        if (!m || !ALLOWED_TAGS.has(name)) {
          return { error: `Can't parse entities: unsupported start tag "${name}" ${at(i)}` };
        }
        if (name === "a" && !/^href="[^"<>]*"$/.test(m[2] ?? "")) {
          return { error: `Can't parse entities: bad "a" tag ${at(i)}` };
        }
        if (stack.includes("blockquote") && name === "blockquote") {
          return { error: `Can't parse entities: nested blockquote ${at(i)}` };
        }
        stack.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(html.slice(i, i + 12));
      if (!m) return { error: `Can't parse entities: character "&" must be escaped ${at(i)}` };
      const name = (m[1] as string).toLowerCase();
      text +=
        name === "lt"
          ? "<"
          : name === "gt"
            ? ">"
            : name === "amp"
              ? "&"
              : name === "quot"
                ? '"'
                : String.fromCodePoint(
                    name.startsWith("#x") ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
                  );
      i += m[0].length;
      continue;
    }
    if (ch === ">") return { error: `Can't parse entities: character ">" must be escaped ${at(i)}` };
    text += ch;
    i++;
  }
  const open = stack.at(-1);
  if (open) return { error: `Can't find end tag corresponding to start tag "${open}"` };
  return { text };
}

/** Checks an inline keyboard the way Telegram does; returns a description of what is wrong. */
function keyboardProblem(markup: unknown): string | undefined {
  if (markup === undefined) return undefined;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return "Bad Request: can't parse reply keyboard markup JSON object";
  for (const row of rows) {
    if (!Array.isArray(row)) return "Bad Request: can't parse inline keyboard button: row is not an array";
    for (const button of row as Array<Record<string, unknown>>) {
      if (typeof button.text !== "string" || button.text === "")
        return "Bad Request: text buttons are unallowed";
      const data = button.callback_data;
      const url = button.url;
      if ((data === undefined) === (url === undefined))
        return 'Bad Request: can\'t find field "callback_data"';
      if (data !== undefined) {
        const bytes = typeof data === "string" ? Buffer.byteLength(data) : 0;
        if (bytes < 1 || bytes > 64) return "Bad Request: BUTTON_DATA_INVALID";
      }
      if (url !== undefined && (typeof url !== "string" || !/^(https?|tg):\/\/\S+$/.test(url))) {
        return `Bad Request: inline keyboard button URL '${String(url)}' is invalid`;
      }
    }
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw.trim() === "") return {};
  return JSON.parse(raw) as Record<string, unknown>;
}

/** Starts a fake Bot API server on 127.0.0.1 and a random port. */
export async function startFakeTelegram(
  options: { token?: string; botInfo?: UserFromGetMe } = {},
): Promise<FakeTelegram> {
  const token = options.token ?? TEST_TOKEN;
  const botInfo = options.botInfo ?? TEST_BOT;
  const calls: ApiCall[] = [];
  const sent: SentMessage[] = [];
  const edited: SentMessage[] = [];
  const failures = new Map<string, ApiError[]>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let queue: Update[] = [];
  let webhook: Record<string, unknown> | undefined;
  let messageId = 100;
  const pollers = new Set<() => void>();
  let openPolls = 0;

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const record = (call: ApiCall) => {
    calls.push(call);
    events.emit("call");
  };

  const messageOf = (
    method: SentMessage["method"],
    params: Record<string, unknown>,
  ): SentMessage | ApiError => {
    const text = params.text;
    if (typeof text !== "string" || text.trim() === "") {
      return { error_code: 400, description: "Bad Request: message text is empty" };
    }
    let plain = text;
    if (params.parse_mode === "HTML") {
      const parsed = parseTelegramHtml(text);
      if ("error" in parsed) return { error_code: 400, description: `Bad Request: ${parsed.error}` };
      plain = parsed.text;
    } else if (params.parse_mode !== undefined) {
      return { error_code: 400, description: "Bad Request: unsupported parse_mode in this fake" };
    }
    if (plain.length > 4096) return { error_code: 400, description: "Bad Request: message is too long" };
    const problem = keyboardProblem(params.reply_markup);
    if (problem) return { error_code: 400, description: problem };
    const replyTo = (params.reply_parameters as { message_id?: number } | undefined)?.message_id;
    const keyboard = (params.reply_markup as { inline_keyboard?: SentMessage["keyboard"] } | undefined)
      ?.inline_keyboard;
    return {
      method,
      chatId: Number(params.chat_id),
      text,
      plain,
      ...(typeof params.parse_mode === "string" ? { parseMode: params.parse_mode } : {}),
      ...(keyboard ? { keyboard } : {}),
      ...(replyTo !== undefined ? { replyTo } : {}),
      params,
    };
  };

  const methods: Record<string, (params: Record<string, unknown>) => unknown> = {
    getMe: () => botInfo,
    setMyCommands: () => true,
    deleteMyCommands: () => true,
    sendChatAction: () => true,
    answerCallbackQuery: (params) => {
      if (typeof params.callback_query_id !== "string") {
        return { error_code: 400, description: "Bad Request: query_id is empty" } satisfies ApiError;
      }
      return true;
    },
    setWebhook: (params) => {
      webhook = params;
      return true;
    },
    deleteWebhook: () => {
      webhook = undefined;
      return true;
    },
    getWebhookInfo: () => ({
      url: webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: 0,
    }),
    sendMessage: (params) => {
      const m = messageOf("sendMessage", params);
      if ("error_code" in m) return m;
      sent.push(m);
      const chatId = Number(params.chat_id);
      return {
        message_id: ++messageId,
        from: botInfo,
        chat:
          chatId < 0
            ? { id: chatId, type: "supergroup", title: "群" }
            : { id: chatId, type: "private", first_name: "李" },
        date: Math.floor(Date.now() / 1000),
        text: m.plain,
        ...(m.keyboard ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
      };
    },
    editMessageText: (params) => {
      const m = messageOf("editMessageText", params);
      if ("error_code" in m) return m;
      edited.push(m);
      const chatId = Number(params.chat_id);
      return {
        message_id: Number(params.message_id),
        from: botInfo,
        chat: { id: chatId, type: chatId < 0 ? "supergroup" : "private" },
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        text: m.plain,
      };
    },
  };

  const getUpdates = (params: Record<string, unknown>, res: ServerResponse) => {
    if (webhook) {
      const error = {
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      };
      record({ method: "getUpdates", params, ok: false, description: error.description });
      reply(res, 409, { ok: false, ...error });
      return;
    }
    const offset = typeof params.offset === "number" ? params.offset : 0;
    const max = typeof params.limit === "number" ? params.limit : 100;
    const timeout = typeof params.timeout === "number" ? params.timeout : 0;
    // Telegram forgets the updates below the offset: they are confirmed.
    queue = queue.filter((u) => u.update_id >= offset);
    const respond = () => {
      const batch = queue.slice(0, max);
      record({ method: "getUpdates", params, ok: true });
      reply(res, 200, { ok: true, result: batch });
    };
    if (queue.length > 0 || timeout === 0) {
      respond();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const wake = () => {
      pollers.delete(wake);
      clearTimeout(timer);
      respond();
    };
    pollers.add(wake);
    timer = setTimeout(wake, timeout * 1000);
    res.on("close", () => {
      clearTimeout(timer);
      pollers.delete(wake);
    });
  };

  const server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!match) {
      reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const [, givenToken, method = ""] = match;
    if (method === "getUpdates") {
      openPolls++;
      // Answered or abandoned by the client (a stopped runner aborts its poll): either way over.
      res.on("close", () => {
        openPolls--;
        events.emit("call");
      });
    }
    let params: Record<string, unknown>;
    try {
      params = await readBody(req);
    } catch {
      reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
      return;
    }
    if (givenToken !== token) {
      record({ method, params, ok: false, description: "Unauthorized" });
      reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    const scripted = failures.get(method)?.shift();
    if (scripted) {
      record({ method, params, ok: false, description: scripted.description });
      reply(res, scripted.error_code, { ok: false, ...scripted });
      return;
    }
    if (method === "getUpdates") {
      getUpdates(params, res);
      return;
    }
    const handler = methods[method];
    if (!handler) {
      record({ method, params, ok: false, description: "Not Found: method not found" });
      reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
      return;
    }
    const result = handler(params);
    if (typeof result === "object" && result !== null && "error_code" in result) {
      const error = result as ApiError;
      // Respond before recording, so that whoever waits on the record sees the call finished.
      reply(res, error.error_code, { ok: false, ...error });
      record({ method, params, ok: false, description: error.description });
      return;
    }
    reply(res, 200, { ok: true, result });
    record({ method, params, ok: true });
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    messages: (chatId) => (chatId === undefined ? [...sent] : sent.filter((m) => m.chatId === chatId)),
    edits: () => [...edited],
    get webhook() {
      return webhook;
    },
    get openPolls() {
      return openPolls;
    },
    queueUpdates(...updates) {
      queue.push(...updates);
      for (const wake of [...pollers]) wake();
    },
    failNext(method, error, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(error);
      failures.set(method, list);
    },
    until(predicate) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve) => {
        const check = () => {
          if (!predicate()) return;
          events.off("call", check);
          resolve();
        };
        events.on("call", check);
      });
    },
    async close() {
      for (const wake of [...pollers]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
