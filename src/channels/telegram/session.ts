/**
 * Conversation state per Telegram chat: what the last answer was about, so that "下一条",
 * "原文" and "那由哪个部门负责？" can refer to it. Kept in the shared key–value store under its
 * own prefix, so Telegram chats, WeChat users and widget visitors never share a key.
 */
import type { StorageAdapter } from "grammy";
import type { ConversationContext } from "../../mod.js";
import type { KeyValueStore } from "../../state/store.js";

/** What a chat remembers between messages. */
export interface TelegramSession {
  /** The previous answer's context, handed back to the core with the next question. */
  context: ConversationContext;
}

/** Key prefix of Telegram sessions in the store. */
export const SESSION_PREFIX = "tg:chat:";

/** A fresh session. */
export function initialSession(): TelegramSession {
  return { context: {} };
}

/** True for a value that has the shape of a session (the store may hold data from an older version). */
export function isTelegramSession(value: unknown): value is TelegramSession {
  if (typeof value !== "object" || value === null) return false;
  const context = (value as { context?: unknown }).context;
  if (typeof context !== "object" || context === null) return false;
  const { lawId, article } = context as { lawId?: unknown; article?: unknown };
  return (
    (lawId === undefined || typeof lawId === "string") &&
    (article === undefined || (typeof article === "number" && Number.isInteger(article)))
  );
}

/**
 * grammY session storage over a {@link KeyValueStore}: keys get {@link SESSION_PREFIX}, and a
 * stored value that is not a session reads as absent (a fresh session) instead of crashing.
 */
export function createSessionStorage(store: KeyValueStore<unknown>): StorageAdapter<TelegramSession> {
  return {
    async read(key) {
      const value = await store.read(SESSION_PREFIX + key);
      return isTelegramSession(value) ? value : undefined;
    },
    write: (key, value) => store.write(SESSION_PREFIX + key, value),
    delete: (key) => store.delete(SESSION_PREFIX + key),
  };
}
