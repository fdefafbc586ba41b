/**
 * The WeChat Official Account channel as an express Router, to mount at /wechat (the server URL
 * entered on the admin page, 开发 → 基本配置).
 *
 * - GET: server verification — echo `echostr` when the signature matches.
 * - POST: messages in plaintext, compatible or safe mode (`encrypt_type=aes`); the reply is a
 *   passive text reply, encrypted in the mode the message came in, or "success" for none.
 *
 * Every request is checked before any work: signature (constant time), a 5-minute timestamp
 * window against replays, a signature+nonce accepted once (replay-guard.ts), a 64 KB body limit,
 * XML without DTDs, and with `requireSafeMode` no plaintext at all. A refused request gets a short
 * plain-text status line, never a stack trace. Without a Token the route is off and says how to
 * turn it on.
 */
import { randomInt } from "node:crypto";
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import { type Conversation, createConversation } from "../../conversation/service.js";
import type { Bot } from "../../mod.js";
import { createMemoryStore } from "../../state/store.js";
import { createWechatCipher, type WechatCipher } from "./crypto.js";
import { WechatConfigError, WechatRequestError } from "./errors.js";
import { readWechatMessage, type WechatMessage } from "./message.js";
import { createReplayGuard, type ReplayGuard } from "./replay-guard.js";
import {
  createWechatResponder,
  type WechatLogger,
  type WechatRecord,
  type WechatResponderOptions,
} from "./responder.js";
import { signatureMatches, signatureOf, TIMESTAMP_WINDOW_MS, timestampState } from "./signature.js";
import { encryptedReplyXml, parseWechatXml, textReplyXml } from "./xml.js";

/** WeChat never sends more than a few KB; anything past this is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What the route answers when WeChat is not configured. */
export const WECHAT_OFF_MESSAGE =
  "WeChat is off: set WECHAT_TOKEN to the Token entered on the Official Account admin page " +
  "(开发 → 基本配置 → 服务器配置) and restart; for safe mode (安全模式) also set " +
  "WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID.";

/** Options of {@link createWechatRouter}. */
export interface WechatRouterOptions extends Omit<WechatResponderOptions, "conversation"> {
  /** The Token of 服务器配置. Without it the route is off (503). */
  token?: string | undefined;
  /** The EncodingAESKey (43 characters), for compatible and safe mode. */
  encodingAESKey?: string | undefined;
  /** The account's AppID: written into encrypted replies and required in encrypted messages. */
  appId?: string | undefined;
  /** The conversation service that answers (main.ts passes the one every channel shares). */
  conversation?: Conversation;
  /** Without `conversation`: the bot to answer with, in a conversation service of the router's own. */
  bot?: Bot;
  /**
   * Refuse plaintext messages (WECHAT_REQUIRE_SAFE_MODE): only safe and compatible mode, whose
   * msg_signature covers the body, are answered. Needs the EncodingAESKey.
   */
  requireSafeMode?: boolean | undefined;
  /** Body limit in bytes. Default 64 KB. */
  maxBodyBytes?: number;
  /** Accepted distance between a request's timestamp and our clock. Default 5 minutes. */
  timestampWindowMs?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

/** The router, plus what shutdown needs. */
export interface WechatRouter extends Router {
  /** False when the Token is missing and every request gets 503. */
  readonly enabled: boolean;
  /** Resolves once answers still in progress (past their reply budget) are finished and stored. */
  settled(): Promise<void>;
}

const silent: WechatLogger = { warn() {}, error() {} };

/**
 * Creates the /wechat router.
 * @throws WechatConfigError when neither `conversation` nor `bot` is given, the EncodingAESKey is
 *   malformed or comes without an AppID, or safe mode is required without the EncodingAESKey.
 */
export function createWechatRouter(options: WechatRouterOptions): WechatRouter {
  const router = express.Router();
  const token = options.token?.trim() || undefined;
  if (!token) {
    router.use((_req, res) => {
      res.status(503).type("text/plain").send(`WECHAT_OFF: ${WECHAT_OFF_MESSAGE}`);
    });
    return Object.assign(router, { enabled: false, settled: async () => {} });
  }

  // One store for processed messages, cut replies and used nonces (and, with a router's own
  // conversation service, conversations): with Redis, shared by instances.
  const store = options.store ?? createMemoryStore<WechatRecord>();
  const conversation =
    options.conversation ?? (options.bot ? createConversation({ bot: options.bot, store }) : undefined);
  if (!conversation) throw new WechatConfigError("createWechatRouter needs `conversation` (or a `bot`)");
  const cipher: WechatCipher | undefined = options.encodingAESKey
    ? createWechatCipher(options.encodingAESKey, options.appId ?? "")
    : undefined;
  const requireSafeMode = options.requireSafeMode === true;
  if (requireSafeMode && !cipher) {
    throw new WechatConfigError(
      "WECHAT_REQUIRE_SAFE_MODE is set but WECHAT_ENCODING_AES_KEY is not: set it (and WECHAT_APP_ID) from 开发 → 基本配置, or unset WECHAT_REQUIRE_SAFE_MODE",
    );
  }
  const now = options.now ?? Date.now;
  const windowMs = options.timestampWindowMs ?? TIMESTAMP_WINDOW_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const logger = options.logger ?? silent;
  // A signature+nonce is remembered while its timestamp can be accepted: up to the window either
  // side of our clock.
  const replays = createReplayGuard(store, 2 * windowMs);
  const responder = createWechatResponder({
    conversation,
    logger,
    store,
    replyBudgetMs: options.replyBudgetMs,
    answerTimeoutMs: options.answerTimeoutMs,
    maxReplyBytes: options.maxReplyBytes,
    welcome: options.welcome,
  });

  const verifiedQuery = createQueryCheck(token, now, windowMs);

  router.get("/", (req, res) => {
    const q = verifiedQuery(req);
    if (q.signature === undefined || q.echostr === undefined) {
      throw new WechatRequestError("WECHAT_BAD_QUERY", "server verification needs signature and echostr");
    }
    res.type("text/plain").send(q.echostr);
  });

  const checkBeforeBody: RequestHandler = (req, res, next) => {
    // Signatures before the body: an unsigned request is refused without reading or parsing it.
    const q = verifiedQuery(req);
    if (requireSafeMode && !q.encrypted) {
      throw new WechatRequestError(
        "WECHAT_PLAINTEXT",
        "plaintext messages are refused (WECHAT_REQUIRE_SAFE_MODE): choose 安全模式 under 开发 → 基本配置 → 消息加解密方式",
      );
    }
    res.locals.wechatQuery = q;
    next();
  };

  router.post(
    "/",
    checkBeforeBody,
    express.text({ type: () => true, limit: maxBodyBytes, defaultCharset: "utf-8" }),
    answerMessage({ token, cipher, now, replays, reply: (m) => responder.reply(m) }),
  );

  router.all("/", (_req, res) => {
    res.status(405).set("Allow", "GET, POST").type("text/plain").send("method not allowed: use GET or POST");
  });

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const refusal = asRefusal(error, maxBodyBytes);
    if (refusal) {
      logger.warn({ code: refusal.code, method: req.method }, `wechat: refused — ${refusal.message}`);
      res.status(refusal.status).type("text/plain").send(`${refusal.code}: ${refusal.message}`);
      return;
    }
    logger.error({ err: error }, "wechat: request failed");
    res.status(500).type("text/plain").send("internal error");
  });

  return Object.assign(router, { enabled: true, settled: () => responder.settled() });
}

/** The check of the query parameters WeChat signs: present, fresh, and signed with our Token. */
function createQueryCheck(token: string, now: () => number, windowMs: number) {
  return (req: Request) => {
    const q = {
      signature: param(req, "signature"),
      timestamp: param(req, "timestamp"),
      nonce: param(req, "nonce"),
      echostr: param(req, "echostr"),
      encryptType: param(req, "encrypt_type"),
      msgSignature: param(req, "msg_signature"),
    };
    if (q.timestamp === undefined || q.nonce === undefined) {
      throw new WechatRequestError(
        "WECHAT_BAD_QUERY",
        "timestamp and nonce are missing: this URL is for WeChat's servers",
      );
    }
    const state = timestampState(q.timestamp, now(), windowMs);
    if (state === "malformed") {
      throw new WechatRequestError("WECHAT_BAD_QUERY", "timestamp must be seconds since 1970");
    }
    if (state === "stale") {
      throw new WechatRequestError(
        "WECHAT_STALE",
        `the timestamp is more than ${windowMs / 60_000} minutes away from the server clock: a replay, or a clock to set right (NTP)`,
      );
    }
    const encrypted = q.encryptType !== undefined && q.encryptType.toLowerCase() === "aes";
    // The plain signature is required unless msg_signature (which also covers the body) will be
    // checked; when WeChat sends both, both must match.
    if (q.signature === undefined && !(encrypted && q.msgSignature !== undefined)) {
      throw new WechatRequestError("WECHAT_BAD_QUERY", "signature is missing");
    }
    if (q.signature !== undefined && !signatureMatches(q.signature, token, q.timestamp, q.nonce)) {
      throw signatureError();
    }
    return { ...q, timestamp: q.timestamp, nonce: q.nonce, encrypted };
  };
}

/** What {@link createQueryCheck} returns for an accepted request. */
type VerifiedQuery = ReturnType<ReturnType<typeof createQueryCheck>>;

/** What {@link answerMessage} needs. */
interface MessageHandling {
  token: string;
  cipher: WechatCipher | undefined;
  now: () => number;
  /** Refuses a signed query string that came before with another body. */
  replays: ReplayGuard;
  reply: (message: WechatMessage) => Promise<string | undefined>;
}

/** POST /: reads the (decrypted) message, asks for the reply, answers in the message's mode. */
function answerMessage({ token, cipher, now, replays, reply }: MessageHandling): RequestHandler {
  return async (req, res) => {
    const q = res.locals.wechatQuery as VerifiedQuery;
    const body: unknown = req.body;
    if (typeof body !== "string" || body.trim() === "") {
      throw new WechatRequestError("WECHAT_BAD_XML", "the body is empty: WeChat posts an <xml> message");
    }
    let fields = parseWechatXml(body);
    if (q.encrypted) {
      if (!cipher) {
        throw new WechatRequestError(
          "WECHAT_SAFE_MODE_OFF",
          "the message is encrypted (encrypt_type=aes) but WECHAT_ENCODING_AES_KEY and WECHAT_APP_ID are not set",
        );
      }
      const encrypt = fields.Encrypt;
      if (!encrypt) throw new WechatRequestError("WECHAT_MISSING_FIELD", "the message has no Encrypt");
      if (q.msgSignature === undefined) {
        throw new WechatRequestError("WECHAT_BAD_QUERY", "msg_signature is missing");
      }
      if (!signatureMatches(q.msgSignature, token, q.timestamp, q.nonce, encrypt)) throw signatureError();
      // In compatible mode the plaintext fields come too; only the signed ciphertext is trusted.
      fields = parseWechatXml(cipher.decrypt(encrypt));
    }
    // Authenticated by now (signature, or msg_signature over the ciphertext): the last check is
    // that this signed query string has not come before with another body.
    const signature = q.signature ?? q.msgSignature ?? "";
    if (!(await replays.accept({ signature, timestamp: q.timestamp, nonce: q.nonce, body }))) {
      throw new WechatRequestError(
        "WECHAT_REPLAY",
        "this signature and nonce were already used for another message: a replayed request",
      );
    }
    const message = readWechatMessage(fields);
    const content = await reply(message);
    if (content === undefined) {
      res.type("text/plain").send("success");
      return;
    }
    const createTime = Math.floor(now() / 1000);
    const xml = textReplyXml({ to: message.user, from: message.account, createTime, content });
    if (!q.encrypted || !cipher) {
      res.type("application/xml").send(xml);
      return;
    }
    const timestamp = String(createTime);
    const nonce = String(randomInt(1_000_000_000, 9_999_999_999));
    const encrypt = cipher.encrypt(xml);
    const msgSignature = signatureOf(token, timestamp, nonce, encrypt);
    res.type("application/xml").send(encryptedReplyXml({ encrypt, msgSignature, timestamp, nonce }));
  };
}

/** One query parameter as a string; repeated or nested parameters are refused. */
function param(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new WechatRequestError("WECHAT_BAD_QUERY", `${name} must be given once`);
  }
  return value;
}

function signatureError(): WechatRequestError {
  return new WechatRequestError(
    "WECHAT_SIGNATURE",
    "signature mismatch: WECHAT_TOKEN must equal the Token on the admin page (开发 → 基本配置)",
  );
}

/** Our refusals, and body-parser's (413 too large, 415 charset, 400 aborted), as status lines. */
function asRefusal(
  error: unknown,
  maxBodyBytes: number,
): { status: number; code: string; message: string } | undefined {
  if (error instanceof WechatRequestError) return error;
  const e = error as { status?: unknown; type?: unknown } | null;
  if (typeof e?.status !== "number" || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === "entity.too.large") {
    return {
      status: 413,
      code: "WECHAT_TOO_LARGE",
      message: `the body is larger than ${Math.round(maxBodyBytes / 1024)} KB`,
    };
  }
  return { status: e.status, code: "WECHAT_BAD_BODY", message: "the body cannot be read" };
}
