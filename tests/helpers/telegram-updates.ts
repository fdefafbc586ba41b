/**
 * Real-shaped Telegram updates for tests: private and group messages (with the entities
 * Telegram computes for commands and mentions), edited messages, stickers, button presses.
 * Each factory numbers its updates and messages itself, so tests do not depend on each other.
 */
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { TEST_BOT } from "./fake-telegram.js";

/** A message of a chat (not of a channel), as updates carry it. */
export type ChatMessage = NonNullable<Update["message"]>;
/** An update with a message. */
export type MessageUpdate = Update & { message: ChatMessage };

/** Options of a message. */
export interface MessageOptions {
  /** Sender's user id; default the chat id for private chats, 4242 in groups. */
  from?: number;
  /** A group (supergroup) chat instead of a private one. */
  group?: boolean;
  /** The message this one replies to. */
  replyTo?: ChatMessage;
}

/** Update builders. */
export interface UpdateFactory {
  /** A text message; bot_command and mention entities are set as Telegram would. */
  text(chatId: number, text: string, options?: MessageOptions): MessageUpdate;
  /** The edit of a message update: same message_id, new text. */
  edited(original: MessageUpdate, text: string): Update;
  /** A sticker. */
  sticker(chatId: number, options?: MessageOptions): Update;
  /** A press on an inline button under a message the bot sent in `chatId`. */
  callback(chatId: number, data: string, options?: { from?: number; messageId?: number }): Update;
  /** A message the bot sent (to reply to). */
  botMessage(chatId: number, text: string): ChatMessage;
}

const DATE = 1_717_200_000;

function userOf(id: number): User {
  return {
    id,
    is_bot: false,
    first_name: "李明",
    last_name: "王",
    username: `resident${id}`,
    language_code: "zh-hans",
  };
}

function chatOf(id: number, group: boolean): Chat {
  return group
    ? ({ id, type: "supergroup", title: "大同市民服务交流群" } as Chat)
    : ({ id, type: "private", first_name: "李明", last_name: "王", username: `resident${id}` } as Chat);
}

/** The entities Telegram sets on a text: a leading /command and every @mention. */
export function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) {
    if (command && m.index < command[0].length) continue;
    entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities;
}

/** A new factory; update ids start at `firstUpdateId`. */
export function createUpdateFactory(
  firstUpdateId = 600_000_000,
  bot: UserFromGetMe = TEST_BOT,
): UpdateFactory {
  let updateId = firstUpdateId;
  let messageId = 1;
  const base = (chatId: number, options: MessageOptions) => {
    const group = options.group ?? chatId < 0;
    const from = options.from ?? (group ? 4242 : chatId);
    return {
      message_id: messageId++,
      from: userOf(from),
      chat: chatOf(chatId, group),
      date: DATE,
      ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
    };
  };
  return {
    text(chatId, text, options = {}) {
      const entities = entitiesOf(text);
      const message = {
        ...base(chatId, options),
        text,
        ...(entities.length > 0 ? { entities } : {}),
      } as ChatMessage;
      return { update_id: updateId++, message };
    },
    edited(original, text) {
      const entities = entitiesOf(text);
      const edited_message = {
        ...original.message,
        text,
        edit_date: DATE + 60,
        ...(entities.length > 0 ? { entities } : {}),
      } as Message;
      if (entities.length === 0) delete (edited_message as { entities?: unknown }).entities;
      return { update_id: updateId++, edited_message } as Update;
    },
    sticker(chatId, options = {}) {
      const message = {
        ...base(chatId, options),
        sticker: {
          file_id: "CAACAgIAAxkBAAEBa2Zmfake",
          file_unique_id: "AgADfake",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji: "👍",
          set_name: "HotCherry",
        },
      } as ChatMessage;
      return { update_id: updateId++, message };
    },
    callback(chatId, data, options = {}) {
      const group = chatId < 0;
      const from = options.from ?? (group ? 4242 : chatId);
      return {
        update_id: updateId++,
        callback_query: {
          id: `${from}${updateId}`,
          from: userOf(from),
          message: {
            message_id: options.messageId ?? 900,
            from: bot,
            chat: chatOf(chatId, group),
            date: DATE,
            text: "……",
          } as Message,
          chat_instance: `-${chatId}77`,
          data,
        },
      } as Update;
    },
    botMessage(chatId, text) {
      return {
        message_id: messageId++,
        from: bot,
        chat: chatOf(chatId, chatId < 0),
        date: DATE,
        text,
      } as ChatMessage;
    },
  };
}
