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
 * The conversation (follow-up context, the rest of a reply that was cut, the last answer's id) is
 * kept per resident (FromUserName) in the same key–value store the other channels use.
 *
 * With a tracker, answers can be rated: each reply to a question ends with "回复1表示有帮助，回复2表示
 * 没帮助", and a "1" or "2" right after it rates the resident's last answer instead of being asked.
 */
import type { Answer, ConversationContext } from "../../mod.js";
import type { AnswerTracker } from "../../ops/answer-tracker.js";
import { createMemoryStore, type KeyValueStore } from "../../state/store.js";
import type { WechatMessage } from "./message.js";
import { byteLength, fitWechatText, renderForWechat, WECHAT_TEXT_MAX_BYTES } from "./render.js";

/** Answers a question in a conversation: `bot.ask`, or anything shaped like it (tests, later an async core). */
export type AnswerFunction = (question: string, context: ConversationContext) => Answer | Promise<Answer>;

/** A resident's conversation: what follow-ups refer to, and the rest of a reply that was cut. */
export interface WechatSession {
  kind: "session";
  context: ConversationContext;
  /** Text still to send when the resident replies “全文” / “更多”. */
  rest?: string;
  lang?: "zh" | "en";
  /** The id of the last answer, which a reply "1" or "2" rates. */
  lastAnswerId?: string;
  /** Whether that answer has been rated already. */
  rated?: boolean;
}

/** The reply given to one message, kept so that WeChat's retries get the same one. */
export interface WechatStoredReply {
  kind: "reply";
  /** The reply text; null for no reply ("success"). */
  content: string | null;
}

/** Everything the WeChat channel keeps in the store. */
export type WechatRecord = WechatSession | WechatStoredReply;

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

/** The line under each answer that invites a rating, by language. */
export const RATING_HINT = {
  zh: "\n\n回复1表示有帮助，回复2表示没帮助",
  en: "\n\nReply 1 if this helped, 2 if it did not.",
} as const;

// A rating: "1" or "2" alone (half- or full-width, with stray punctuation).
const RATING = /^\s*([12１２])[。.!！\s]*$/;

// What residents type to see the rest of a cut reply ("全文" is also the core's "whole article";
// a kept rest comes first, see reply()).
const MORE = /^(全文|更多|more)[。.!！?？\s]*$/i;

/** Options of {@link createWechatResponder}. */
export interface WechatResponderOptions {
  answer: AnswerFunction;
  /** Conversations and processed messages. Default: in memory. */
  store?: KeyValueStore<WechatRecord>;
  /** Reply within this many milliseconds or reply nothing. Default 4500. */
  replyBudgetMs?: number;
  /** After this an answer in progress is given up (and the apology stored). Default 20 s. */
  answerTimeoutMs?: number;
  /** Limit of a reply's text in bytes. Default 2048 (WeChat's). */
  maxReplyBytes?: number;
  /** Reply to new followers. Default: {@link WELCOME_LEAD} and the core's help text. */
  welcome?: string;
  /** Hotline named when something goes wrong. Default 12345. */
  hotline?: string;
  logger?: WechatLogger;
  /** Logs, counts and records answers; with it, answers can be rated by replying 1 or 2. */
  tracker?: AnswerTracker | undefined;
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
  const {
    answer,
    replyBudgetMs: budgetMs = DEFAULT_REPLY_BUDGET_MS,
    answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
    maxReplyBytes = WECHAT_TEXT_MAX_BYTES,
    hotline = "12345",
    logger = silent,
    tracker,
  } = options;
  const store = options.store ?? createMemoryStore<WechatRecord>();
  const apology = `抱歉，系统暂时无法回答，请稍后再试，或拨打${hotline}市民服务热线咨询。`;
  const inProgress = new Map<string, Promise<string | undefined>>();
  const queues = new Map<string, Promise<unknown>>();
  let welcome = options.welcome;

  /** Runs a resident's messages one after another, so a follow-up sees the context before it. */
  const inTurn = <T>(user: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(user) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    queues.set(user, tail);
    void tail.then(() => {
      if (queues.get(user) === tail) queues.delete(user);
    });
    return run;
  };

  const sessionKey = (user: string) => `wechat:session:${user}`;
  const readSession = async (user: string): Promise<WechatSession> => {
    const record = await store.read(sessionKey(user));
    return record?.kind === "session" ? record : { kind: "session", context: {} };
  };

  const welcomeText = async (): Promise<string> => {
    if (welcome === undefined) {
      const help = await answer("帮助", {});
      welcome = fitWechatText(`${WELCOME_LEAD}${help.text}`, "zh", maxReplyBytes).text;
    }
    return welcome;
  };

  /** The reply to a message seen for the first time. */
  const compose = async (message: WechatMessage): Promise<string | undefined> => {
    switch (message.kind) {
      case "unsupported":
        return ONLY_TEXT_REPLY;
      case "event":
        if (message.event === "subscribe") {
          await store.delete(sessionKey(message.user));
          return welcomeText();
        }
        if (message.event === "unsubscribe") await store.delete(sessionKey(message.user));
        // Menu clicks, scans, location reports: nothing to say unprompted.
        return undefined;
      case "question": {
        const session = await readSession(message.user);
        // A kept rest first: right after a cut reply, "全文" means "the rest of that reply",
        // which the core (which would show the article) cannot know about.
        if (session.rest !== undefined && MORE.test(message.question.trim())) {
          const part = fitWechatText(session.rest, session.lang ?? "zh", maxReplyBytes);
          await store.write(sessionKey(message.user), withRest(session, part.rest));
          return part.text;
        }
        const rating = RATING.exec(message.question)?.[1];
        if (tracker && rating && session.lastAnswerId) {
          return rate(message.user, session, /[1１]/.test(rating) ? "up" : "down");
        }
        const started = performance.now();
        const result = await answer(message.question, session.context);
        const latencyMs = performance.now() - started;
        const answerId = tracker
          ? await tracker.track({
              channel: "wechat",
              user: message.user,
              question: message.question,
              answer: result,
              latencyMs,
            })
          : "";
        // Greetings and help are not answers to rate.
        const hint = answerId && !NOT_RATED.has(result.intent) ? RATING_HINT[result.lang] : "";
        const rendered = renderForWechat(result, maxReplyBytes - byteLength(hint));
        const next: WechatSession = {
          kind: "session",
          context: result.context,
          lang: result.lang,
          ...(hint ? { lastAnswerId: answerId } : {}),
        };
        await store.write(sessionKey(message.user), withRest(next, rendered.rest));
        return rendered.text + hint;
      }
    }
  };

  /** Records the resident's rating of their last answer; the reply thanks them. */
  const rate = async (user: string, session: WechatSession, rating: "up" | "down"): Promise<string> => {
    const en = session.lang === "en";
    if (session.rated)
      return en ? "You have rated this answer already. Thank you." : "您已经评价过这条答复了，谢谢。";
    const outcome = tracker ? await tracker.rate(session.lastAnswerId ?? "", rating, "wechat") : "unknown";
    await store.write(sessionKey(user), { ...session, rated: true });
    if (outcome === "unknown")
      return en ? "This answer can no longer be rated." : "这条答复已无法评价，请重新提问。";
    if (rating === "up") return en ? "Thank you for your feedback!" : "感谢您的反馈！";
    return en
      ? `Thank you: we will use this to improve our answers. For help from a person, call the ${hotline} hotline.`
      : `感谢反馈，我们会据此完善答复。如需人工帮助，请拨打${hotline}市民服务热线。`;
  };

  /** Processes a message once across retries (and instances), storing the reply. */
  const process = async (message: WechatMessage): Promise<string | undefined> => {
    const replyKey = `wechat:reply:${message.dedupKey}`;
    const stored = await store.read(replyKey);
    if (stored?.kind === "reply") return stored.content ?? undefined;
    if (!(await store.claim(`wechat:${message.dedupKey}`, DEDUP_TTL_MS))) {
      // Claimed but neither in progress here nor stored: another instance is answering it.
      return waitForReply(replyKey);
    }
    let content: string | undefined;
    try {
      content = await inTurn(message.user, () => giveUpAfter(compose(message), answerTimeoutMs));
    } catch (error) {
      logger.error({ err: error, kind: message.kind }, "wechat: answering failed");
      content = apology;
    }
    // Kept as long as the message is remembered as processed: only WeChat's retries read it.
    await store.write(replyKey, { kind: "reply", content: content ?? null }, DEDUP_TTL_MS);
    return content;
  };

  const waitForReply = async (replyKey: string): Promise<string | undefined> => {
    // Bounded by the budget: after it, the caller has replied "success" and nobody is waiting.
    for (let waited = 0; waited < budgetMs; waited += POLL_MS) {
      await sleep(POLL_MS);
      const stored = await store.read(replyKey);
      if (stored?.kind === "reply") return stored.content ?? undefined;
    }
    return undefined;
  };

  return {
    reply(message) {
      let work = inProgress.get(message.dedupKey);
      if (!work) {
        work = process(message)
          .catch((error: unknown) => {
            logger.error({ err: error }, "wechat: the session store failed");
            return apology;
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

const POLL_MS = 100;

/** Answers that get no rating hint: they say what the bot does, not what the law says. */
const NOT_RATED = new Set(["greeting", "help"]);

function withRest(session: WechatSession, rest: string | undefined): WechatSession {
  const { rest: _old, ...kept } = session;
  return rest === undefined ? kept : { ...kept, rest };
}

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
