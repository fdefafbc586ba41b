/**
 * The conversation service: what every channel does around the bot, done once. A channel turns
 * its protocol into `ask(channel, user, question | request)` and renders the Answer it gets back;
 * the service keeps the conversation (follow-up context, language, what a numbered reply refers
 * to), knows whether the bot is ready, adds the city's contacts, caches repeated questions, and
 * records each answer for the review and the metrics. `rate` and `reset` complete it.
 *
 * The core knows nothing of this module; channels know nothing of each other.
 */
import type { RatingOutcome } from "../feedback/recorder.js";
import type { Rating } from "../feedback/records.js";
import {
  type Answer,
  type Bot,
  type ConversationContext,
  MAX_QUESTION_CHARS,
  renderText,
  TiaowenError,
} from "../mod.js";
import type { AnswerTracker } from "../ops/answer-tracker.js";
import { type BotHolder, currentBot, holdBot } from "../ops/bot-holder.js";
import { createMemoryStore, type KeyValueStore } from "../state/store.js";
import { type AnswerCache, createAnswerCache } from "./answer-cache.js";
import { type ContactDirectory, NO_CONTACTS } from "./contacts.js";
import { type ConversationRequest, describeRequest } from "./requests.js";
import { createSessionQuota, type SessionQuota } from "./session-quota.js";
import {
  type ConversationChannel,
  type ConversationState,
  createStateStore,
  isEmpty,
  type OfferedArticle,
  stateKey,
} from "./state.js";
import { type ConversationTexts, createTexts, type Lang } from "./texts.js";

/** Options of {@link createConversation}. */
export interface ConversationOptions {
  /** The bot, the promise of it, or the reloadable holder (ops/bot-holder.ts) of a server. */
  bot: Bot | Promise<Bot> | BotHolder;
  /** Where conversations live (Redis when instances share them). Default: this process's memory. */
  store?: KeyValueStore<unknown>;
  /** Logs, counts and records answers; gives them the ids ratings refer to. */
  tracker?: AnswerTracker;
  /** The citizen hotline (HOTLINE). Default 12345. */
  hotline?: string;
  /** The city's offices for the departments the law names. Default: none. */
  contacts?: ContactDirectory;
  /** Answers of repeated questions kept; 0 turns the cache off. Default 2,000. */
  answerCacheSize?: number;
  /**
   * Channels whose residents reply with a number (rate the last answer with 1/2, pick the second
   * offered provision with 2): their conversations also keep the last answer's id and offers.
   * Default: WeChat.
   */
  numbered?: readonly ConversationChannel[];
  /**
   * The cap on the conversations one client keeps, for asks that name their client (the HTTP API:
   * anyone can invent widget sessions). Default {@link createSessionQuota}'s, 50 per client.
   */
  sessionQuota?: SessionQuota;
}

/** How to answer one message. */
export interface AskOptions {
  /** The context to answer in, instead of the stored one (an API client that keeps its own). */
  context?: ConversationContext;
  /** The language of a typed request (help, an article) when the conversation has none yet. */
  lang?: Lang;
  /**
   * Who asks, when anyone can start conversations (the HTTP API passes the client's address):
   * the conversations a client keeps are capped, its oldest forgotten first, so that a flood of
   * invented sessions evicts its own and not residents' (see session-quota.ts).
   */
  client?: string;
}

/** An answer and the id its rating refers to. */
export interface Reply {
  answer: Answer;
  /** Present when the answer was recorded and is one to rate (not a greeting, help or input error). */
  answerId?: string;
}

/** The conversation service. */
export interface Conversation {
  /**
   * Answers a message on `channel` from `user` (their chat id, OpenID or session; undefined for
   * a one-off question, which keeps no conversation).
   * @throws NotReadyError while the bot is being built; TiaowenError UNKNOWN_LAW for a request
   *   naming a law that is not loaded (a button from before a reload).
   */
  ask(
    channel: ConversationChannel,
    user: string | undefined,
    input: string | ConversationRequest,
    options?: AskOptions,
  ): Promise<Reply>;
  /** Records a 👍/👎 of an answer by its id. */
  rate(channel: ConversationChannel, answerId: string, rating: Rating): Promise<RatingOutcome>;
  /**
   * Rates the resident's last answer (a numbered channel's "1"/"2"); undefined when there is no
   * answer to rate. A second rating of the same answer is "repeated".
   */
  rateLast(
    channel: ConversationChannel,
    user: string,
    rating: Rating,
  ): Promise<{ outcome: RatingOutcome; lang: Lang } | undefined>;
  /** Forgets a conversation (/start, a new follower). */
  reset(channel: ConversationChannel, user: string): Promise<void>;
  /** What a conversation remembers now. */
  state(channel: ConversationChannel, user: string): Promise<ConversationState>;
  /** The bot serving now. @throws NotReadyError while there is none. */
  bot(): Bot;
  /** Where the bot is in its start-up, and the bot once ready. */
  readonly holder: BotHolder;
  readonly texts: ConversationTexts;
  readonly contacts: ContactDirectory;
}

/** Intents whose answers are about the bot, not the law: nothing to rate. */
const NOT_RATED = new Set(["greeting", "help"]);

/** Creates the conversation service. */
export function createConversation(options: ConversationOptions): Conversation {
  const holder = holdBot(options.bot);
  const store = options.store ?? createMemoryStore();
  const states = createStateStore(store);
  const quota = options.sessionQuota ?? createSessionQuota();
  const tracker = options.tracker;
  const texts = createTexts(options.hotline);
  const contacts = options.contacts ?? NO_CONTACTS;
  const numbered = new Set(options.numbered ?? ["wechat"]);
  const cache: AnswerCache = createAnswerCache(
    options.answerCacheSize === undefined ? {} : { maxEntries: options.answerCacheSize },
  );
  // The bot the cached answers came from: after a reload they are stale.
  let cachedFor: Bot | undefined;

  const botNow = (): Bot => {
    const bot = currentBot(holder);
    if (bot !== cachedFor) {
      cache.clear();
      cachedFor = bot;
    }
    return bot;
  };

  const withContacts = (answer: Answer): Answer => {
    if (contacts.size === 0 || !answer.answered || answer.departments.length === 0) return answer;
    const found = contacts.contactsFor(answer.departments);
    if (found.length === 0) return answer;
    const withThem = { ...answer, contacts: found };
    return { ...withThem, text: renderText(withThem) };
  };

  return {
    holder,
    texts,
    contacts,
    bot: botNow,
    async ask(channel, user, input, opts = {}) {
      const bot = botNow();
      const request: ConversationRequest =
        typeof input === "string" ? { kind: "question", text: input } : input;
      const state = user === undefined ? { context: {} } : await states.read(channel, user);
      const context = opts.context ?? state.context;
      const lang = opts.lang ?? state.lang ?? "zh";
      const started = performance.now();
      const answer = withContacts(
        answerOf(bot, cache, request, { context, lang, offered: state.offered ?? [] }),
      );
      const latencyMs = performance.now() - started;

      let answerId: string | undefined;
      if (tracker && channel !== "cli") {
        const question = describeRequest(request);
        const id = await tracker.track({
          channel,
          ...(user === undefined ? {} : { user }),
          question,
          answer,
          latencyMs,
        });
        if (id && isRateable(request, answer)) answerId = id;
      }
      if (user !== undefined) {
        const next = nextState(answer, numbered.has(channel) ? answerId : false);
        await states.write(channel, user, next, state);
        if (opts.client !== undefined)
          await keepWithinQuota(quota, store, opts.client, stateKey(channel, user), next);
      }
      return answerId ? { answer, answerId } : { answer };
    },
    async rate(channel, answerId, rating) {
      if (!tracker || channel === "cli") return "unknown";
      return tracker.rate(answerId, rating, channel);
    },
    async rateLast(channel, user, rating) {
      const state = await states.read(channel, user);
      if (!state.lastAnswerId) return undefined;
      const lang = state.lang ?? "zh";
      if (state.rated) return { outcome: "repeated", lang };
      const outcome =
        tracker && channel !== "cli" ? await tracker.rate(state.lastAnswerId, rating, channel) : "unknown";
      await states.write(channel, user, { ...state, rated: true }, state);
      return { outcome, lang };
    },
    reset: (channel, user) => states.delete(channel, user),
    state: (channel, user) => states.read(channel, user),
  };
}

/**
 * Counts a conversation against its client's quota (or releases it when nothing was kept) and
 * forgets the client's oldest conversations beyond the cap.
 */
async function keepWithinQuota(
  quota: SessionQuota,
  store: KeyValueStore<unknown>,
  client: string,
  key: string,
  kept: ConversationState,
): Promise<void> {
  if (isEmpty(kept)) {
    quota.release(client, key);
    return;
  }
  for (const over of quota.admit(client, key)) await store.delete(over);
}

/** Where an input is answered: the conversation's context and language, the provisions offered. */
interface Setting {
  context: ConversationContext;
  lang: Lang;
  offered: readonly OfferedArticle[];
}

/** The core's answer to one input (a question through the answer cache). */
function answerOf(bot: Bot, cache: AnswerCache, input: ConversationRequest, at: Setting): Answer {
  const { context, lang } = at;
  switch (input.kind) {
    case "question":
      return cache.get(input.text, context, () => bot.ask(input.text, context));
    case "help":
      return bot.help(lang);
    case "greet":
      return bot.greet(lang);
    case "followUp":
      return bot.followUp(input.facet, context, lang);
    case "choice": {
      const pick = at.offered[input.number - 1];
      if (!pick) return answerOf(bot, cache, { kind: "question", text: String(input.number) }, at);
      return articleOf(bot, pick.lawId, pick.article, lang);
    }
    case "article":
      return articleOf(bot, input.lawId, input.article, lang, input.sub);
    case "candidate":
      return articleOf(bot, input.lawId, input.article, lang);
  }
}

/**
 * What the conversation remembers after an answer. `numbered` is the answer's id on a channel
 * whose residents reply with numbers (undefined when it has none), false elsewhere.
 */
function nextState(answer: Answer, numbered: string | undefined | false): ConversationState {
  const next: ConversationState = { context: answer.context };
  if (answer.lang === "en") next.lang = "en";
  if (numbered !== false) {
    if (numbered) next.lastAnswerId = numbered;
    if (answer.candidates.length > 0)
      next.offered = answer.candidates.map((c) => ({ lawId: c.lawId, article: c.article }));
  }
  return next;
}

/** Article `n` of a law, or UNKNOWN_LAW when the law is not loaded (a button from before a reload). */
function articleOf(bot: Bot, lawId: string, n: number, lang: Lang, sub?: number): Answer {
  if (!bot.law(lawId))
    throw new TiaowenError("UNKNOWN_LAW", `no law ${lawId} is loaded: GET /api/laws lists the ids`);
  return bot.article(lawId, n, sub ? { sub, lang } : { lang });
}

/**
 * Whether residents are asked to rate an answer: not greetings and help (they say what the bot
 * does), not a follow-up that had nothing to follow, not empty or overlong input.
 */
function isRateable(request: ConversationRequest, answer: Answer): boolean {
  if (NOT_RATED.has(answer.intent)) return false;
  if (answer.intent === "followup" && !answer.answered) return false;
  if (request.kind !== "question") return true;
  return /[\p{L}\p{N}]/u.test(request.text) && request.text.length <= MAX_QUESTION_CHARS;
}
