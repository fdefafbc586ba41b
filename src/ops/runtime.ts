/**
 * Everything a running server shares between its channels, built from the configuration: the
 * reloadable bot, the key–value store (Redis when REDIS_URL is set, else memory), the feedback log
 * (a Redis stream, else a JSON-lines file), the salted user hashes, the metrics and the answer
 * tracker; with Redis, also the broadcast that makes a reload on one instance reload them all.
 *
 * main.ts wires the channels to it; tests build it the same way.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { type ContactDirectory, loadContacts } from "../conversation/contacts.js";
import { type Conversation, createConversation } from "../conversation/service.js";
import { createJsonlLog } from "../feedback/jsonl-log.js";
import type { FeedbackLog } from "../feedback/log.js";
import { createRecorder } from "../feedback/recorder.js";
import type { TimeRange } from "../feedback/records.js";
import { createRedisLog } from "../feedback/redis-log.js";
import { buildReview, type ReviewGroup } from "../feedback/review.js";
import { createUserHasher, resolveSalt, type UserHasher } from "../feedback/user-hash.js";
import { type Bot, type BotOptions, createBot, DEFAULT_INTENTS_DIR } from "../mod.js";
import { connectRedis, type RedisLink } from "../state/redis.js";
import { createRedisStore } from "../state/redis-store.js";
import { createMemoryStore, type KeyValueStore } from "../state/store.js";
import { type AnswerTracker, createAnswerTracker } from "./answer-tracker.js";
import { type BotHolder, createBotHolder, type ReloadOutcome } from "./bot-holder.js";
import { type ChannelStatus, createChannelStatus } from "./channel-status.js";
import { createMetrics, type Metrics } from "./metrics.js";

/** The settings the runtime reads. */
export type RuntimeConfig = Pick<
  Config,
  | "CORPUS_DIRS"
  | "HOME_LAWS"
  | "TOKENIZER"
  | "HOTLINE"
  | "CACHE_DIR"
  | "INTENTS_DIR"
  | "REDIS_URL"
  | "REDIS_PREFIX"
  | "FEEDBACK_FILE"
  | "FEEDBACK_SALT"
  | "FEEDBACK_RETENTION_DAYS"
  | "CONTACTS_FILE"
>;

/** What a reload reports. */
export interface ReloadReport extends ReloadOutcome {
  /** Other instances told to reload as well (0 without Redis). */
  others: number;
}

/** Options of {@link createRuntime}. */
export interface RuntimeOptions {
  config: RuntimeConfig;
  logger: Logger;
  /** How long start-up waits for Redis before going on without it. Default 2,000 ms. */
  redisWaitMs?: number;
  /** Builds a bot (tests); default createBot with the configuration's options. */
  build?: () => Promise<Bot>;
  /** Answers of repeated questions kept by the conversation service; 0 turns the cache off. */
  answerCacheSize?: number;
}

/** The shared parts of a running server. */
export interface Runtime {
  readonly holder: BotHolder;
  /** The conversation service every channel answers through. */
  readonly conversation: Conversation;
  /** The chat channels' states, for /readyz and /metrics. */
  readonly channels: ChannelStatus;
  /** The Redis link, when REDIS_URL is set. */
  readonly redis: RedisLink | undefined;
  /** Conversations, de-duplication and answers awaiting a rating, for every channel. */
  readonly store: KeyValueStore<unknown>;
  readonly feedback: FeedbackLog;
  readonly metrics: Metrics;
  readonly tracker: AnswerTracker;
  readonly hashUser: UserHasher;
  /** The review of a time range, computed with the bot serving now. */
  review(range: TimeRange): Promise<ReviewGroup[]>;
  /** Reloads this instance's bot and, through Redis, every other instance's. */
  reload(): Promise<ReloadReport>;
  /** Flushes the feedback log and closes Redis. */
  close(): Promise<void>;
}

/**
 * The bot's options from the configuration; with a logger, the bot's start-up warnings (learned
 * tables missing or damaged) go to it rather than to stderr.
 */
export function botOptions(config: RuntimeConfig, logger?: Logger): BotOptions {
  return {
    ...(logger ? { onWarning: (message: string) => logger.warn(message) } : {}),
    ...(config.CORPUS_DIRS.length > 0 ? { corpusDirs: config.CORPUS_DIRS } : {}),
    ...(config.HOME_LAWS.length > 0 ? { homeLaws: config.HOME_LAWS } : {}),
    ...(config.INTENTS_DIR ? { intentsDir: config.INTENTS_DIR } : {}),
    tokenizer: config.TOKENIZER,
    hotline: config.HOTLINE,
    cacheDir: config.CACHE_DIR,
  };
}

/**
 * The contact directory of the configuration: CONTACTS_FILE (which must exist), else contacts.yaml
 * beside the vocabulary (empty or absent: no contacts).
 */
export function contactsOf(config: Pick<RuntimeConfig, "CONTACTS_FILE" | "INTENTS_DIR">): ContactDirectory {
  if (config.CONTACTS_FILE) return loadContacts(config.CONTACTS_FILE);
  return loadContacts(join(config.INTENTS_DIR ?? DEFAULT_INTENTS_DIR, "contacts.yaml"), { optional: true });
}

/**
 * Answers awaiting a rating, without Redis: a store of their own, so a busy day's answers cannot
 * push conversations out of the shared store's size bound.
 */
const LOCAL_ANSWERS = { ttlMs: 24 * 60 * 60_000, maxEntries: 20_000 };

/** The feedback log: a Redis stream with the JSON-lines file as its fallback, else the file alone. */
function feedbackLogOf(config: RuntimeConfig, logger: Logger, redis: RedisLink | undefined): FeedbackLog {
  const file = createJsonlLog({ file: config.FEEDBACK_FILE, logger });
  if (!redis) return file;
  if (!config.FEEDBACK_SALT) {
    logger.warn(
      "FEEDBACK_SALT is not set: this instance hashes residents with the salt kept next to FEEDBACK_FILE; set FEEDBACK_SALT to the same value on every machine so that they agree",
    );
  }
  return createRedisLog({
    link: redis,
    fallback: file,
    prefix: config.REDIS_PREFIX,
    retentionDays: config.FEEDBACK_RETENTION_DAYS,
    logger,
  });
}

/** The reload broadcast as the runtime uses it. */
interface ReloadBroadcast {
  /** Tells the other instances to reload; how many heard it (0 without Redis). */
  publish(): Promise<number>;
  close(): void;
}

/**
 * The reload broadcast: each instance subscribes to `<prefix>reload`; a reload publishes this
 * instance's id and the others reload too (`reload`, with `done` told the outcome or the error).
 */
function subscribeToReloads(
  redis: RedisLink | undefined,
  prefix: string,
  done: (outcome: ReloadOutcome | Error) => void,
  reload: () => Promise<ReloadOutcome>,
): ReloadBroadcast {
  const instance = randomBytes(6).toString("hex");
  const channel = `${prefix}reload`;
  const subscriber = redis?.duplicate();
  // Whether our own subscriber hears the broadcast (PUBLISH counts it among the receivers).
  let subscribed = false;
  if (subscriber) {
    subscriber.on("error", () => {}); // the main link logs outages
    subscriber.on("close", () => {
      subscribed = false;
    });
    subscriber.on("ready", () => {
      subscriber.subscribe(channel).then(
        () => {
          subscribed = true;
        },
        () => {},
      );
    });
    subscriber.on("message", (_channel: string, message: string) => {
      if (message === instance) return;
      reload().then(done, (error: unknown) =>
        done(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }
  return {
    async publish() {
      if (!redis) return 0;
      const receivers = await redis.run(
        (r) => r.publish(channel, instance),
        () => 0,
      );
      return Math.max(0, receivers - (subscribed ? 1 : 0));
    },
    close() {
      subscriber?.disconnect();
    },
  };
}

/** Builds the runtime; the first bot starts building at once (see `holder.ready`). */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const build = options.build ?? (() => createBot(botOptions(config, logger)));
  // Read first: a broken contact file stops the start before anything is opened.
  const contacts = contactsOf(config);
  const holder = createBotHolder(build);
  const prefix = config.REDIS_PREFIX;

  const redis = config.REDIS_URL ? connectRedis({ url: config.REDIS_URL, logger }) : undefined;
  if (redis) await redis.whenUp(options.redisWaitMs ?? 2_000);
  const store: KeyValueStore<unknown> = redis ? createRedisStore(redis, { prefix }) : createMemoryStore();
  const answers: KeyValueStore<unknown> = redis ? store : createMemoryStore(LOCAL_ANSWERS);

  const feedback = feedbackLogOf(config, logger, redis);
  const hashUser = createUserHasher(resolveSalt(config.FEEDBACK_SALT, config.FEEDBACK_FILE));
  const channels = createChannelStatus();
  const metrics = createMetrics({
    ...(redis ? { redisUp: () => redis.isUp() } : {}),
    channels: () => channels.snapshot(),
  });
  const recorder = createRecorder({ log: feedback, store: answers, bot: () => holder.current() });
  const tracker = createAnswerTracker({ logger, metrics, recorder, hashUser });
  const conversation = createConversation({
    bot: holder,
    store,
    tracker,
    hotline: config.HOTLINE,
    contacts,
    ...(options.answerCacheSize === undefined ? {} : { answerCacheSize: options.answerCacheSize }),
  });

  const broadcast = subscribeToReloads(
    redis,
    prefix,
    (outcome) => {
      if (outcome instanceof Error) {
        metrics.reloaded(false);
        logger.error({ err: outcome }, "could not reload the vocabulary another instance reloaded");
      } else {
        metrics.reloaded(true);
        logger.info({ ...outcome }, "reloaded the vocabulary, as another instance asked");
      }
    },
    () => holder.reload(),
  );

  return {
    holder,
    conversation,
    channels,
    redis,
    store,
    feedback,
    metrics,
    tracker,
    hashUser,
    async review(range) {
      const records = await feedback.read(range);
      const bot = holder.current();
      return buildReview(records, bot ? { bot } : {});
    },
    async reload() {
      let outcome: ReloadOutcome;
      try {
        outcome = await holder.reload();
      } catch (error) {
        metrics.reloaded(false);
        logger.warn({ err: error }, "reload refused: the previous vocabulary is still answering");
        throw error;
      }
      metrics.reloaded(true);
      const others = await broadcast.publish();
      logger.info({ ...outcome, others }, "reloaded the vocabulary");
      return { ...outcome, others };
    },
    async close() {
      try {
        await feedback.close();
      } finally {
        broadcast.close();
        await redis?.close();
      }
    },
  };
}
