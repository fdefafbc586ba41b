/**
 * The Telegram channel's bot: a grammY `Bot` that turns updates into requests to the conversation
 * service and renders its answers. Commands (/start, /help, /article, /departments, /search),
 * inline buttons (articles, "您是不是想问" candidates, directory pages, ratings), group etiquette,
 * flood and failure handling. How updates arrive (long polling or webhook) is decided in start.ts.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { type BotError, type Composer, type Context, Bot as GrammyBot, type Transformer } from "grammy";
import type { BotCommand, InlineKeyboardButton, Message, UserFromGetMe } from "grammy/types";
import { type Logger, pino } from "pino";
import type { ConversationRequest } from "../../conversation/requests.js";
import { type Conversation, createConversation } from "../../conversation/service.js";
import type { Rating } from "../../feedback/records.js";
import {
  type Bot,
  citationLine,
  EXAMPLE_QUESTIONS,
  gistOf,
  parseArticleNumber,
  TiaowenError,
} from "../../mod.js";
import type { AnswerTracker } from "../../ops/answer-tracker.js";
import { type BotHolder, NotReadyError } from "../../ops/bot-holder.js";
import type { KeyValueStore } from "../../state/store.js";
import { decodeButton, encodeButton, lawKeyOf } from "./buttons.js";
import { renderDirectory } from "./directory.js";
import { escapeHtml, renderAnswer, type TelegramMessage } from "./render.js";
import { malformedPart } from "./update-shape.js";

/** grammY's context (the conversation lives in the conversation service, not in a grammY session). */
export type TelegramContext = Context;

/** The grammY bot that {@link createTelegramBot} builds. */
export type TelegramBot = GrammyBot<TelegramContext>;

/** What the channel logs through (a pino logger fits). */
export type TelegramLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;

/** The commands, as registered with setMyCommands (the menu next to the input field). */
export const TELEGRAM_COMMANDS: readonly BotCommand[] = [
  { command: "start", description: "开始使用：能回答什么，示例问题" },
  { command: "help", description: "使用说明" },
  { command: "article", description: "查看某一条，例如 /article 30" },
  { command: "departments", description: "各部门职责目录" },
  { command: "search", description: "按关键词查找条文，例如 /search 食品安全" },
];

/** Example questions offered as buttons by /start (each must fit in 64 bytes with "ask:"). */
export const DEFAULT_EXAMPLES: readonly string[] = EXAMPLE_QUESTIONS;

/**
 * Default flood limit per user (TELEGRAM_FLOOD_LIMIT per TELEGRAM_FLOOD_SECONDS). Five updates in
 * ten seconds is faster than anyone types or reads an answer; more is a script or a stuck key,
 * and is dropped (with one notice).
 */
export const DEFAULT_RATE_LIMIT = { limit: 5, timeFrameMs: 10_000 } as const;

/** What grammY's rate limiter needs of a shared store (an ioredis client, or a wrapper of one). */
export interface FloodCounterStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** Options of {@link createTelegramBot}. */
export interface TelegramBotOptions {
  /** The token from @BotFather. */
  token: string;
  /** The conversation service every channel shares (main.ts). */
  conversation?: Conversation;
  /**
   * Without `conversation`: the core, or a function that returns the one serving now, answered
   * through a conversation service of the bot's own (with `store`, `tracker`, `hotline`).
   */
  bot?: Bot | (() => Bot);
  /** Where conversations live (without `conversation`); default in memory. */
  store?: KeyValueStore<unknown>;
  /** The citizen hotline (without `conversation`). Default 12345. */
  hotline?: string;
  /** Records answers (without `conversation`) and counts updates refused by the flood limit. */
  tracker?: AnswerTracker;
  logger?: TelegramLogger;
  /** Root of the Bot API server (a self-hosted one, or a fake in tests). Default grammY's: api.telegram.org. */
  apiRoot?: string;
  /** The bot's own user, when known: saves the getMe call at start (tests). */
  botInfo?: UserFromGetMe;
  /** Updates per user per time frame. Default {@link DEFAULT_RATE_LIMIT}. */
  rateLimit?: { limit?: number; timeFrameMs?: number };
  /** Example questions for /start. Default {@link DEFAULT_EXAMPLES}. */
  examples?: readonly string[];
  /** Where the flood limit counts (shared by instances, in Redis); default this process's memory. */
  floodStore?: FloodCounterStore;
}

/** What the handlers share. */
interface Handling {
  conversation: Conversation;
  examples: readonly string[];
  logger: TelegramLogger;
  /** Views of the bot serving now, built once per bot. */
  viewsOf(core: Bot): CoreViews;
  /** Asks the service and sends the rendered answer. */
  answer(ctx: TelegramContext, input: string | ConversationRequest, replyTo?: number): Promise<void>;
}

/** What the channel derives from one bot: built once per bot, again after a reload. */
interface CoreViews {
  lawIdByKey: Map<string, string>;
  directoryPages: TelegramMessage[];
  manyLaws: boolean;
}

/** Middleware that ends a malformed update (see update-shape.ts) with one warning naming the field. */
function dropMalformed(logger: TelegramLogger) {
  return async (ctx: TelegramContext, next: () => Promise<void>) => {
    const problem = malformedPart(ctx.update);
    if (problem === undefined) return next();
    logger.warn({ update_id: ctx.update.update_id, problem }, "ignored a malformed Telegram update");
  };
}

/** Builds the grammY bot with all middleware installed; it still needs `init()` and a source of updates. */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const conversation = options.conversation ?? conversationOf(options);
  const logger = options.logger ?? pino({ level: "silent" });
  const telegram = new GrammyBot<TelegramContext>(options.token, {
    client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Logging inside auto-retry sees every failed attempt, including the 429s that are retried.
  telegram.api.config.use(logFailures(logger));
  // Retry 429 (after the retry_after Telegram asks for) and 5xx, but not for ever: an answer that
  // would arrive a minute late is better replaced by the apology. Network errors are not retried
  // here, because auto-retry would retry them without a bound; the runner retries its own polling.
  telegram.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));

  const onError = apologise(conversation, logger);
  // bot.catch covers long polling; the boundary below also covers handleUpdate and the webhook,
  // where grammY rethrows instead of calling bot.catch.
  telegram.catch(onError);
  // A malformed update (a message without a chat…) would throw in a handler and be logged as a
  // crash: drop it here with a warning that names the field.
  telegram.use(dropMalformed(logger));
  // One update per chat at a time, so that a follow-up never reads the conversation before the
  // previous answer has written it (the runner and the webhook both deliver concurrently).
  telegram.use(sequentialize(chatKey));
  // Everything below runs inside the error boundary, and only for updates meant for the bot.
  const safe = telegram.errorBoundary(onError).filter(addressedToBot);
  const rate = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  safe.use(
    limit<TelegramContext, FloodCounterStore>({
      limit: rate.limit,
      timeFrame: rate.timeFrameMs,
      alwaysReply: true,
      onLimitExceeded: tooFast(rate.timeFrameMs, conversation.texts.tooFast("zh"), () =>
        options.tracker?.rateLimited("telegram"),
      ),
      keyPrefix: "tg:flood:",
      ...(options.floodStore ? { storageClient: options.floodStore } : {}),
    }),
  );

  const views = new WeakMap<Bot, CoreViews>();
  const handling: Handling = {
    conversation,
    logger,
    examples: options.examples ?? DEFAULT_EXAMPLES,
    viewsOf(core) {
      let v = views.get(core);
      if (!v) {
        v = {
          lawIdByKey: new Map(core.laws.map((l) => [lawKeyOf(l.id), l.id])),
          directoryPages: renderDirectory(core.directory),
          manyLaws: core.laws.length > 1,
        };
        views.set(core, v);
      }
      return v;
    },
    async answer(ctx, input, replyTo) {
      const chat = chatKey(ctx);
      const { answer, answerId } = await conversation.ask("telegram", chat, input);
      const core = conversation.bot();
      const hasArticle = (lawId: string, n: number) => core.entry(lawId, n) !== undefined;
      await send(ctx, renderAnswer(answer, { hasArticle, ...(answerId ? { answerId } : {}) }), replyTo);
    },
  };
  registerCommands(safe, handling);
  registerButtons(safe, handling);
  registerMessages(safe, handling);
  return telegram;
}

/** A conversation service for a bot given without one (tests, tools). */
function conversationOf(options: TelegramBotOptions): Conversation {
  const source = options.bot;
  if (!source)
    throw new TiaowenError("TELEGRAM_SETUP", "createTelegramBot needs `conversation` (or a `bot`)");
  const bot: Bot | BotHolder =
    typeof source === "function"
      ? {
          current: source,
          state: () => "ready",
          ready: Promise.resolve(source()),
          reload: async () => {
            throw new Error("not reloadable");
          },
          onSwap: () => {},
        }
      : source;
  return createConversation({
    bot,
    ...(options.store ? { store: options.store } : {}),
    ...(options.tracker ? { tracker: options.tracker } : {}),
    ...(options.hotline ? { hotline: options.hotline } : {}),
  });
}

/** The error handler: logs the failure and tells the resident, instead of staying silent. */
function apologise(conversation: Conversation, logger: TelegramLogger) {
  return async (error: BotError<TelegramContext>) => {
    const ctx = error.ctx;
    const update_id = ctx.update.update_id;
    const notReady = error.error instanceof NotReadyError;
    if (!notReady) logger.error({ err: error.error, update_id }, "Telegram update failed");
    try {
      // A pressed button whose handler failed would otherwise keep its spinner.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      const texts = conversation.texts;
      if (ctx.chat && ctx.chat.type !== "channel")
        await ctx.reply(notReady ? texts.notReady("zh") : texts.apology("zh"));
    } catch (e) {
      logger.warn({ err: e, update_id }, "could not send the apology either");
    }
  };
}

/** /start, /help, /article, /departments, /search. */
function registerCommands(safe: Composer<TelegramContext>, h: Handling): void {
  const { conversation, examples } = h;
  safe.command("start", async (ctx) => {
    await conversation.reset("telegram", chatKey(ctx));
    const laws = conversation
      .bot()
      .homeLaws.map((l) => `《${l.title}》`)
      .join("、");
    const hotline = escapeHtml(conversation.texts.hotline);
    const html = [
      "<b>您好！我是条文助手。</b>",
      `我依据${escapeHtml(laws)}回答市民的问题，并注明出处条文和负责部门。`,
      "",
      "我可以回答：",
      "· 哪个部门负责某项工作",
      "· 某一条讲什么（例如 /article 30）",
      "· 条例何时施行、由谁批准、有几章",
      "· 各部门的职责：/departments",
      "· 按关键词查找条文：/search 关键词",
      "",
      `直接输入您的问题，或点下面的例子试试。条例没有规定的事项，请拨打${hotline}市民服务热线。`,
    ].join("\n");
    const rows: InlineKeyboardButton[][] = [];
    for (const question of examples) {
      const data = encodeButton({ kind: "ask", question });
      if (data) rows.push([{ text: question, callback_data: data }]);
    }
    await send(ctx, [{ html, ...(rows.length > 0 ? { keyboard: { inline_keyboard: rows } } : {}) }]);
  });

  safe.command("help", async (ctx) => {
    const { answer } = await conversation.ask("telegram", chatKey(ctx), { kind: "help" });
    const commands = TELEGRAM_COMMANDS.map((c) => `/${c.command} — ${escapeHtml(c.description)}`).join("\n");
    await send(ctx, [{ html: `${escapeHtml(answer.text)}\n\n<b>命令</b>\n${commands}` }], groupReply(ctx));
  });

  safe.command("article", async (ctx) => {
    const n = parseArticleNumber(ctx.match);
    if (n === undefined) {
      await send(ctx, [{ html: "请在命令后写条号，例如：/article 30 或 /article 三十" }], groupReply(ctx));
      return;
    }
    const home = conversation.bot().homeLaws[0];
    if (home) await h.answer(ctx, { kind: "article", lawId: home.id, article: n }, groupReply(ctx));
  });

  safe.command("departments", async (ctx) => {
    const first = h.viewsOf(conversation.bot()).directoryPages[0];
    if (first) await send(ctx, [first], groupReply(ctx));
  });

  safe.command("search", async (ctx) => {
    const words = ctx.match.trim();
    if (words === "") {
      await send(ctx, [{ html: "请在命令后写关键词，例如：/search 食品安全" }], groupReply(ctx));
      return;
    }
    await send(
      ctx,
      [searchMessage(conversation, h.viewsOf(conversation.bot()).manyLaws, words)],
      groupReply(ctx),
    );
  });
}

/** The reply to /search: the matching articles, each with a button that shows it. */
function searchMessage(conversation: Conversation, manyLaws: boolean, words: string): TelegramMessage {
  const hits = conversation
    .bot()
    .search(words, { limit: 5 })
    .filter((hit) => hit.matched.length > 0);
  if (hits.length === 0) {
    const hotline = escapeHtml(conversation.texts.hotline);
    return {
      html: `没有找到与“${escapeHtml(words)}”相关的条文。可以换个关键词，或直接提问；也可拨打${hotline}市民服务热线。`,
    };
  }
  const lines = hits.map((hit, i) => {
    const where = manyLaws
      ? citationLine({ law: hit.entry.law.title, label: hit.entry.article.label, chapter: null })
      : hit.entry.article.label;
    return `${i + 1}. <b>${escapeHtml(where)}</b>：${escapeHtml(gistOf(hit.entry.article, 40))}`;
  });
  const rows: InlineKeyboardButton[][] = [];
  for (const hit of hits) {
    const data = encodeButton({
      kind: "article",
      lawKey: lawKeyOf(hit.entry.law.id),
      article: hit.entry.article.number,
    });
    if (data) rows.push([{ text: `查看${hit.entry.article.label}`, callback_data: data }]);
  }
  return {
    html: `<b>与“${escapeHtml(words)}”相关的条文</b>\n${lines.join("\n")}`,
    keyboard: { inline_keyboard: rows },
  };
}

/** Inline buttons: articles, candidates, directory pages, example questions, ratings. */
function registerButtons(safe: Composer<TelegramContext>, h: Handling): void {
  const { conversation } = h;
  const { texts } = conversation;
  safe.on("callback_query:data", async (ctx) => {
    const action = decodeButton(ctx.callbackQuery.data);
    const { lawIdByKey, directoryPages } = h.viewsOf(conversation.bot());
    switch (action?.kind) {
      case "article":
      case "candidate": {
        const lawId = lawIdByKey.get(action.lawKey);
        if (lawId === undefined || conversation.bot().entry(lawId, action.article) === undefined) {
          await ctx.answerCallbackQuery({ text: texts.staleButton("zh") });
          return;
        }
        await ctx.answerCallbackQuery();
        await h.answer(ctx, { kind: action.kind, lawId, article: action.article });
        return;
      }
      case "directory": {
        const page = directoryPages[action.page];
        if (!page) {
          await ctx.answerCallbackQuery({ text: "目录已更新，请重新发送 /departments" });
          return;
        }
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(page.html, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(page.keyboard ? { reply_markup: page.keyboard } : {}),
        });
        return;
      }
      case "ask":
        await ctx.answerCallbackQuery();
        await h.answer(ctx, action.question);
        return;
      case "feedback": {
        await ctx.answerCallbackQuery({
          text: await rate(conversation, chatKey(ctx), action.answerId, action.rating),
        });
        return;
      }
      case undefined:
        await ctx.answerCallbackQuery({ text: texts.staleButton("zh") });
    }
  });
  // Buttons of other kinds (games, inline mode) are not ours, but their spinner must still stop.
  safe.on("callback_query", (ctx) => ctx.answerCallbackQuery());
}

/** Records a 👍/👎 press; the notice to show, in the conversation's language. */
async function rate(
  conversation: Conversation,
  chat: string,
  answerId: string,
  rating: Rating,
): Promise<string> {
  const outcome = await conversation.rate("telegram", answerId, rating);
  const { lang } = await conversation.state("telegram", chat);
  return conversation.texts.ratingReply(outcome, rating, lang ?? "zh");
}

/** Text messages (questions, edited questions, unknown commands) and everything else. */
function registerMessages(safe: Composer<TelegramContext>, h: Handling): void {
  const textOnly = () => escapeHtml(h.conversation.texts.textOnly("zh", h.examples[0] ?? "第三十条讲什么"));
  safe.on(["message:text", "edited_message:text"], async (ctx) => {
    const message = ctx.msg;
    if (commandOf(message)) {
      // Commands are handled above; an unknown one (or an edited command) gets a pointer to /help.
      if (ctx.chat.type === "private" && ctx.message)
        await send(ctx, [{ html: "没有这个命令。可用命令见 /help" }]);
      return;
    }
    const question = questionOf(message, ctx.me);
    if (question === "") {
      await send(ctx, [{ html: textOnly() }], groupReply(ctx));
      return;
    }
    // An edited question is answered again, as a reply to it: the resident corrected a typo
    // and expects the answer to the corrected question, next to it.
    const replyTo = ctx.editedMessage ? message.message_id : groupReply(ctx);
    await h.answer(ctx, question, replyTo);
  });
  // Stickers, photos, voice: the core reads text only.
  safe.on("message", (ctx) => send(ctx, [{ html: textOnly() }], groupReply(ctx)));
}

/** Sends messages in order; the first one replies to `replyTo` when given. */
async function send(ctx: TelegramContext, messages: TelegramMessage[], replyTo?: number): Promise<void> {
  for (const [i, m] of messages.entries()) {
    await ctx.reply(m.html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
      ...(i === 0 && replyTo !== undefined
        ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
        : {}),
    });
  }
}

/** The conversation and sequencing key: the chat (or, for updates without one, the user). */
function chatKey(ctx: Context): string {
  if (ctx.chat) return String(ctx.chat.id);
  return ctx.from ? `user:${ctx.from.id}` : "unknown";
}

/** In a group, the message to reply to, so that the asker sees which question is answered. */
function groupReply(ctx: Context): number | undefined {
  return ctx.chat && ctx.chat.type !== "private" ? ctx.msg?.message_id : undefined;
}

/** The `/command` and its `@target` when a message starts with one. */
function commandOf(message: Message): { command: string; target?: string } | undefined {
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity || !message.text) return undefined;
  const [command = "", target] = message.text.slice(1, entity.length).split("@");
  return target === undefined ? { command } : { command, target };
}

/** The entities of a message that name the bot (@username, or a text mention of its user). */
function mentionsOf(message: Message, me: UserFromGetMe) {
  const text = message.text ?? message.caption ?? "";
  const entities = message.entities ?? message.caption_entities ?? [];
  const handle = `@${me.username}`.toLowerCase();
  return entities.filter(
    (e) =>
      (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === "text_mention" && e.user.id === me.id),
  );
}

/**
 * Group etiquette: in a group, the bot only speaks when spoken to — a command for it, a
 * message that mentions it, or a reply to one of its messages. Private chats and buttons
 * always get an answer; channel posts and other updates never.
 */
export function addressedToBot(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message ?? ctx.editedMessage;
  // Malformed updates are dropped earlier; this keeps the exported check total all the same.
  if (!message?.chat) return false;
  if (message.chat.type === "private") return true;
  if (message.reply_to_message?.from?.id === ctx.me.id) return true;
  const command = commandOf(message);
  if (command)
    return command.target === undefined || command.target.toLowerCase() === ctx.me.username.toLowerCase();
  return mentionsOf(message, ctx.me).length > 0;
}

/** The question in a message: its text without the mentions of the bot. */
export function questionOf(message: Message, me: UserFromGetMe): string {
  let text = message.text ?? message.caption ?? "";
  // From the end, so that earlier offsets stay valid.
  const mentions = mentionsOf(message, me).sort((a, b) => b.offset - a.offset);
  for (const e of mentions) text = text.slice(0, e.offset) + text.slice(e.offset + e.length);
  return text.replace(/^[\s,，:：]+/, "").trim();
}

/** Logs every failed Bot API call (method, code, Telegram's description); the caller still sees it. */
function logFailures(logger: TelegramLogger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        logger.warn(
          { method, error_code: result.error_code, description: result.description },
          "Telegram API call failed",
        );
      }
      return result;
    } catch (error) {
      // Network failures (grammY's HttpError); a stopped long poll aborts on purpose.
      if (!signal?.aborted) logger.warn({ method, err: error }, "Telegram API call failed");
      throw error;
    }
  };
}

/**
 * What happens to an update over the flood limit: a pressed button still gets its spinner
 * stopped (with a notice), a message gets one notice per time frame and is otherwise dropped.
 */
function tooFast(timeFrameMs: number, text: string, counted: () => void) {
  const warned = new Map<number, number>();
  return async (ctx: TelegramContext) => {
    counted();
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text });
      return;
    }
    const user = ctx.from?.id;
    if (user === undefined || !ctx.chat) return;
    const now = Date.now();
    if (now - (warned.get(user) ?? Number.NEGATIVE_INFINITY) < timeFrameMs) return;
    warned.set(user, now);
    // Bounded: drop the oldest notices once many users have been warned.
    if (warned.size > 10_000) warned.delete(warned.keys().next().value as number);
    await ctx.reply(text);
  };
}
