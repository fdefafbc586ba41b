/**
 * The webhook: an express Router that the HTTP server mounts. Telegram POSTs each update as
 * JSON with the secret it was given in setWebhook; the router checks that secret before it
 * reads the body, answers 400 to anything that is not an update, hands every update_id to
 * grammY once, and acknowledges repeats without handling them again.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from "express";
import { webhookCallback } from "grammy";
import type { KeyValueStore } from "../../state/store.js";
import type { TelegramBot, TelegramLogger } from "./bot.js";

/** The header in which Telegram sends the webhook's secret token. */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/**
 * How long an update_id is remembered. Telegram redelivers an update until the webhook answers
 * 2xx and keeps undelivered updates for up to 24 hours, so a repeat can come that late.
 */
export const UPDATE_DEDUPE_TTL_MS = 24 * 60 * 60_000;

/**
 * Largest body read. Updates are a few kilobytes; Telegram's own limit on a message is 4096
 * characters plus entities, so 256 KB leaves room for any real update and refuses junk early.
 */
export const WEBHOOK_BODY_LIMIT = "256kb";

/**
 * grammY answers a webhook only after the update is handled. Past this, the router answers 200
 * anyway and lets the handling finish, rather than have Telegram time out and redeliver.
 */
export const WEBHOOK_HANDLER_TIMEOUT_MS = 8_000;

/** Options of {@link createTelegramWebhook}. */
export interface TelegramWebhookOptions {
  /** The grammY bot from createTelegramBot, initialised (`await bot.init()`) or not. */
  bot: TelegramBot;
  /** The secret given to setWebhook as `secret_token`. */
  secretToken: string;
  /** Remembers update_ids (`claim("tg:update:<id>")`). */
  store: KeyValueStore<unknown>;
  /** The path Telegram POSTs to, e.g. "/telegram/webhook" (the path of TELEGRAM_WEBHOOK_URL). */
  path: string;
  logger?: TelegramLogger;
}

/** True for an object that looks like a Telegram Update: a non-negative integer update_id. */
export function isUpdate(body: unknown): body is { update_id: number } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const id = (body as { update_id?: unknown }).update_id;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0;
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The webhook router: `POST <path>` only. Responses: 401 without the right secret (the body
 * is not even read), 400 for malformed JSON or a body that is not an update, 413 for an
 * oversized body, 200 for an update — handled the first time its update_id is seen, only
 * acknowledged after that.
 */
export function createTelegramWebhook(options: TelegramWebhookOptions): Router {
  const { bot, secretToken, store, path, logger } = options;
  const handle = webhookCallback(bot, "express", {
    secretToken,
    onTimeout: "return",
    timeoutMilliseconds: WEBHOOK_HANDLER_TIMEOUT_MS,
  });

  const checkSecret: RequestHandler = (req, res, next) => {
    if (sameSecret(req.get(SECRET_HEADER), secretToken)) {
      next();
      return;
    }
    logger?.warn({ ip: req.ip }, "Telegram webhook: request without the right secret token");
    res.status(401).json({ ok: false, error: "secret token is missing or wrong" });
  };

  const checkUpdate: RequestHandler = async (req, res, next) => {
    const body: unknown = req.body;
    if (!isUpdate(body)) {
      res.status(400).json({ ok: false, error: "the body is not a Telegram update (JSON with update_id)" });
      return;
    }
    if (!(await store.claim(`tg:update:${body.update_id}`, UPDATE_DEDUPE_TTL_MS))) {
      logger?.debug(
        { update_id: body.update_id },
        "Telegram webhook: repeated update acknowledged, not handled",
      );
      res.status(200).end();
      return;
    }
    next();
  };

  // body-parser's errors carry the status to send (400 malformed JSON, 413 too large, 415 charset).
  const bodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    const status = (error as { status?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (typeof status === "number" && status >= 400 && status < 500 && typeof type === "string") {
      res.status(status).json({ ok: false, error: `unreadable body (${type})` });
      return;
    }
    next(error);
  };

  const router = express.Router();
  router.post(
    path,
    checkSecret,
    express.json({ limit: WEBHOOK_BODY_LIMIT, type: () => true }),
    checkUpdate,
    handle,
    bodyErrors,
  );
  return router;
}
