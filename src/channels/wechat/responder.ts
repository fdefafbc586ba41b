/**
 * What to reply to each WeChat message, within WeChat's 5-second rule.
 *
 * WeChat waits 5 seconds for a passive reply, then retries the same message (same MsgId) up to
 * three times, and finally shows the resident "该公众号暂时无法提供服务". So every reply is given
 * within a budget (default 4.5 s): if the answer is not ready, the reply is nothing ("success",
 * which WeChat accepts silently) and the answer keeps going; the retry of the same message then
 * gets the finished answer instead of starting a second one. A message is processed once: an
 * in-process map holds answers in progress, the store holds finished ones (and claims the
 * message, so that several server instances sharing a store do not answer twice).
 *
 * The conversation (follow-up context, the last answer's id, the provisions it offered) is the
 * conversation service's, per resident (FromUserName); this channel keeps only the rest of a
 * reply that was cut. WeChat has no buttons, so residents answer with numbers: a reply that
 * offers provisions ("您是不是想问") ends with "回复1/2/3查看对应条文", and any other answer worth
 * rating with "回复1表示有帮助，回复2表示没帮助"; a number right after it picks or rates.
 */
import type { Conversation } from "../../conversation/service.js";
import type { Lang } from "../../conversation/texts.js";
import { NotReadyError } from "../../ops/bot-holder.js";
import { createMemoryStore, type KeyValueStore } from "../../state/store.js";
import type { QuestionMessage, WechatMessage } from "./message.js";
import { byteLength, fitWechatText, renderForWechat, WECHAT_TEXT_MAX_BYTES } from "./render.js";

/** The reply given to one message, kept so that WeChat's retries get the same one. */
export interface WechatStoredReply {
  kind: "reply";
  /** The reply text; null for no reply ("success"). */
  content: string | null;
}

/** The part of a cut reply still to send when the resident replies “全文” / “更多”. */
export interface WechatRest {
  kind: "rest";
  text: string;
  lang: Lang;
}

/** Everything the WeChat channel keeps in the store (conversations are the service's). */
export type WechatRecord = WechatStoredReply | WechatRest;

/** Where the channel reports trouble; a pino logger fits. */
export interface WechatLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Default time to give a reply in, under WeChat's 5 s so the reply still travels in time. */
export const DEFAULT_REPLY_BUDGET_MS = 4500;

/**
 * How long a message is remembered as processed. WeChat's retries come within about 15 seconds;
 * anything older than the 5-minute timestamp window is refused before it gets here anyway.
 */
export const DEDUP_TTL_MS = 5 * 60_000;

/**
 * After this an answer counts as failed, so that one that never finishes cannot hold up the
 * resident's later messages (they are answered in turn). WeChat's last retry comes about 15 s
 * after the message and waits up to 5 s: an answer later than 20 s reaches nobody anyway.
 */
export const DEFAULT_ANSWER_TIMEOUT_MS = 20_000;

/** The opening of the welcome for new followers; the core's help text (with examples) follows it. */
export const WELCOME_LEAD = "感谢关注！";

/** The reply to images, voice without transcription, video, location, links. */
export const ONLY_TEXT_REPLY =
  "抱歉，目前只能回答文字提问（图片、语音、视频、位置、链接等暂不支持）。请直接输入您的问题，或回复“帮助”查看提问示例。";

// A number alone (half- or full-width, with stray punctuation): a rating or a choice.
const NUMBER = /^\s*([1-9１-９])[。.!！\s]*$/;

// What residents type to see the rest of a cut reply ("全文" is also the core's "whole article";
// a kept rest comes first).
const MORE = /^(全文|更多|more)[。.!！?？\s]*$/i;

/** Options of {@link createWechatResponder}. */
export interface WechatResponderOptions {
  /** The conversation service: answers, follow-up context, ratings. */
  conversation: Conversation;
  /** Processed messages and the rest of cut replies. Default: in memory. */
  store?: KeyValueStore<WechatRecord> | undefined;
  /** Reply within this many milliseconds or reply nothing. Default 4500. */
  replyBudgetMs?: number | undefined;
  /** After this an answer in progress is given up (and the apology stored). Default 20 s. */
  answerTimeoutMs?: number | undefined;
  /** Limit of a reply's text in bytes. Default 2048 (WeChat's). */
  maxReplyBytes?: number | undefined;
  /** Reply to new followers. Default: {@link WELCOME_LEAD} and the core's help text. */
  welcome?: string | undefined;
  logger?: WechatLogger | undefined;
}

/** Decides the reply to each message. */
export interface WechatResponder {
  /** The text to reply with, or undefined for none; resolves within the budget. */
  reply(message: WechatMessage): Promise<string | undefined>;
  /** Resolves once every answer in progress has finished and been stored (shutdown, tests). */
  settled(): Promise<void>;
}

const silent: WechatLogger = { warn() {}, error() {} };

/** Creates the responder of one Official Account. */
export function createWechatResponder(options: WechatResponderOptions): WechatResponder {
  const budgetMs = options.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS;
  const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  const logger = options.logger ?? silent;
  const store = options.store ?? createMemoryStore<WechatRecord>();
  const { texts } = options.conversation;
  const compose = createComposer({ ...options, store });
  const inTurn = createTurns();
  const inProgress = new Map<string, Promise<string | undefined>>();

  /** Processes a message once across retries (and instances), storing the reply. */
  const process = async (message: WechatMessage): Promise<string | undefined> => {
    const replyKey = `wechat:reply:${message.dedupKey}`;
    const stored = await store.read(replyKey);
    if (stored?.kind === "reply") return stored.content ?? undefined;
    if (!(await store.claim(`wechat:${message.dedupKey}`, DEDUP_TTL_MS))) {
      // Claimed but neither in progress here nor stored: another instance is answering it.
      return waitForReply(store, replyKey, budgetMs);
    }
    let content: string | undefined;
    try {
      content = await inTurn(message.user, () => giveUpAfter(compose(message), answerTimeoutMs));
    } catch (error) {
      if (error instanceof NotReadyError) content = texts.notReady("zh");
      else {
        logger.error({ err: error, kind: message.kind }, "wechat: answering failed");
        content = texts.apology("zh");
      }
    }
    // Kept as long as the message is remembered as processed: only WeChat's retries read it.
    await store.write(replyKey, { kind: "reply", content: content ?? null }, DEDUP_TTL_MS);
    return content;
  };

  return {
    reply(message) {
      let work = inProgress.get(message.dedupKey);
      if (!work) {
        work = process(message)
          .catch((error: unknown) => {
            logger.error({ err: error }, "wechat: the session store failed");
            return texts.apology("zh");
          })
          .finally(() => inProgress.delete(message.dedupKey));
        inProgress.set(message.dedupKey, work);
      }
      return withinBudget(work, budgetMs);
    },
    async settled() {
      while (inProgress.size > 0) await Promise.allSettled([...inProgress.values()]);
    },
  };
}

/** The reply to a message seen for the first time: what WeChat's messages mean to the service. */
function createComposer(
  options: WechatResponderOptions & { store: KeyValueStore<WechatRecord> },
): (message: WechatMessage) => Promise<string | undefined> {
  const { conversation, store } = options;
  const { texts } = conversation;
  const maxReplyBytes = options.maxReplyBytes ?? WECHAT_TEXT_MAX_BYTES;
  let welcome = options.welcome;
  const restKey = (user: string) => `wechat:rest:${user}`;

  /** Asks the service and renders the answer, keeping what did not fit for “全文”. */
  const answer = async (user: string, input: Parameters<Conversation["ask"]>[2]): Promise<string> => {
    const { answer: a, answerId } = await conversation.ask("wechat", user, input);
    // Offered provisions are picked by number, so the same numbers cannot rate the answer.
    const hint =
      a.candidates.length > 0
        ? `\n\n${texts.numberedChoiceHint(a.candidates.length, a.lang)}`
        : answerId
          ? `\n\n${texts.numberedRatingHint(a.lang)}`
          : "";
    const rendered = renderForWechat(a, maxReplyBytes - byteLength(hint));
    if (rendered.rest !== undefined)
      await store.write(restKey(user), { kind: "rest", text: rendered.rest, lang: a.lang });
    else await store.delete(restKey(user));
    return rendered.text + hint;
  };

  const question = async ({ user, question: text }: QuestionMessage): Promise<string> => {
    const rest = await store.read(restKey(user));
    if (rest?.kind === "rest" && MORE.test(text.trim())) {
      // Right after a cut reply, "全文" means "the rest of that reply", which the core (which
      // would show the article) cannot know about.
      const part = fitWechatText(rest.text, rest.lang, maxReplyBytes);
      if (part.rest === undefined) await store.delete(restKey(user));
      else await store.write(restKey(user), { ...rest, text: part.rest });
      return part.text;
    }
    const digit = NUMBER.exec(text)?.[1];
    if (digit) {
      const n = Number(
        String.fromCharCode(
          digit.charCodeAt(0) >= 0xff10 ? digit.charCodeAt(0) - 0xfee0 : digit.charCodeAt(0),
        ),
      );
      const state = await conversation.state("wechat", user);
      if (state.offered && n <= state.offered.length) return answer(user, { kind: "choice", number: n });
      if (n <= 2 && state.lastAnswerId && !state.offered?.length) {
        const rating = n === 1 ? "up" : "down";
        const rated = await conversation.rateLast("wechat", user, rating);
        if (rated) return texts.ratingReply(rated.outcome, rating, rated.lang);
      }
    }
    return answer(user, text);
  };

  return async (message) => {
    switch (message.kind) {
      case "unsupported":
        return ONLY_TEXT_REPLY;
      case "event":
        if (message.event === "subscribe") {
          await conversation.reset("wechat", message.user);
          welcome ??= fitWechatText(
            `${WELCOME_LEAD}${conversation.bot().help("zh").text}`,
            "zh",
            maxReplyBytes,
          ).text;
          return welcome;
        }
        if (message.event === "unsubscribe") await conversation.reset("wechat", message.user);
        // Menu clicks, scans, location reports: nothing to say unprompted.
        return undefined;
      case "question":
        return question(message);
    }
  };
}

/** Runs each resident's messages one after another, so a follow-up sees the context before it. */
function createTurns(): <T>(user: string, task: () => Promise<T>) => Promise<T> {
  const queues = new Map<string, Promise<unknown>>();
  return (user, task) => {
    const run = (queues.get(user) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    queues.set(user, tail);
    void tail.then(() => {
      if (queues.get(user) === tail) queues.delete(user);
    });
    return run;
  };
}

/** Waits (within the budget) for another instance to store its reply to a message. */
async function waitForReply(
  store: KeyValueStore<WechatRecord>,
  replyKey: string,
  budgetMs: number,
): Promise<string | undefined> {
  // Bounded by the budget: after it, the caller has replied "success" and nobody is waiting.
  for (let waited = 0; waited < budgetMs; waited += POLL_MS) {
    await sleep(POLL_MS);
    const stored = await store.read(replyKey);
    if (stored?.kind === "reply") return stored.content ?? undefined;
  }
  return undefined;
}

const POLL_MS = 100;

/** `work`'s result if it comes within `ms`, else undefined; `work` itself goes on. */
function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return raceTimer(work, ms, (resolve) => resolve(undefined), false);
}

/** `work`, or a rejection once `ms` have passed without it. */
function giveUpAfter<T>(work: Promise<T>, ms: number): Promise<T> {
  return raceTimer(work, ms, (_resolve, reject) => reject(new Error(`no answer after ${ms} ms`)), true);
}

/**
 * `work`, settled by `onTimeout` if `ms` pass first. `unref` lets a pending timer not keep the
 * process alive (for the long give-up timer, not for the reply budget a request waits on).
 */
function raceTimer<T, R>(
  work: Promise<T>,
  ms: number,
  onTimeout: (resolve: (value: R) => void, reject: (error: unknown) => void) => void,
  unref: boolean,
): Promise<T | R> {
  return new Promise<T | R>((resolve, reject) => {
    const timer = setTimeout(() => onTimeout(resolve, reject), ms);
    if (unref) timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
