/**
 * What a conversation remembers between messages, per channel and resident: the previous answer's
 * context (what "下一条" refers to), its language and, for channels whose residents reply with
 * numbers (WeChat), the last answer's id and the provisions it offered. Kept in the shared
 * key–value store (Redis with several instances), under each channel's own key prefix.
 */
import type { Channel } from "../feedback/records.js";
import type { ConversationContext } from "../mod.js";
import type { KeyValueStore } from "../state/store.js";

/** A provision offered by "您是不是想问", remembered for a numbered reply. */
export interface OfferedArticle {
  lawId: string;
  article: number;
}

/** One resident's conversation on one channel. */
export interface ConversationState {
  context: ConversationContext;
  /** Kept only when not Chinese, the default. */
  lang?: "en";
  /** The id of the last answer (what a reply "1"/"2" rates). */
  lastAnswerId?: string;
  /** Whether that answer has been rated. */
  rated?: boolean;
  /** The provisions the last answer offered, in order (what "回复2" picks). */
  offered?: OfferedArticle[];
}

/** The channels a conversation can be on: the residents' three, the console, the terminal. */
export type ConversationChannel = Channel | "cli";

/**
 * Key prefixes by channel, as the channels used before the conversation service existed, so that
 * conversations stored by an older version are still read.
 */
const PREFIX: Record<ConversationChannel, string> = {
  http: "http:session:",
  console: "console:session:",
  telegram: "tg:chat:",
  wechat: "wechat:session:",
  cli: "cli:session:",
};

/** The store key of a conversation. */
export function stateKey(channel: ConversationChannel, user: string): string {
  return PREFIX[channel] + user;
}

const isArticle = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n > 0;

/**
 * A stored value read as a conversation, or a fresh one when it is not (absent, expired, or
 * written by another version): a damaged entry must never break a resident's next question.
 */
export function readState(value: unknown): ConversationState {
  if (typeof value !== "object" || value === null) return { context: {} };
  const v = value as Record<string, unknown>;
  const c = (typeof v.context === "object" && v.context !== null ? v.context : {}) as Record<string, unknown>;
  const context: ConversationContext =
    typeof c.lawId === "string" && isArticle(c.article)
      ? { lawId: c.lawId, article: c.article as number }
      : {};
  const state: ConversationState = { context };
  if (v.lang === "en") state.lang = "en";
  if (typeof v.lastAnswerId === "string") state.lastAnswerId = v.lastAnswerId;
  if (v.rated === true) state.rated = true;
  if (Array.isArray(v.offered)) {
    state.offered = v.offered.filter(
      (o): o is OfferedArticle =>
        typeof o === "object" && o !== null && typeof o.lawId === "string" && isArticle(o.article),
    );
  }
  return state;
}

/** Whether two states would be stored the same (so the write can be skipped). */
export function sameState(a: ConversationState, b: ConversationState): boolean {
  return (
    a.context.lawId === b.context.lawId &&
    a.context.article === b.context.article &&
    a.lang === b.lang &&
    a.lastAnswerId === b.lastAnswerId &&
    a.rated === b.rated &&
    JSON.stringify(a.offered) === JSON.stringify(b.offered)
  );
}

/** A conversation with nothing to remember (Chinese is the default language). */
export function isEmpty(state: ConversationState): boolean {
  return (
    state.context.lawId === undefined &&
    state.lang !== "en" &&
    state.lastAnswerId === undefined &&
    !state.offered?.length
  );
}

/** Conversations in a store. */
export interface StateStore {
  read(channel: ConversationChannel, user: string): Promise<ConversationState>;
  /** Stores `next`, unless it equals `previous`; an empty conversation is deleted instead. */
  write(
    channel: ConversationChannel,
    user: string,
    next: ConversationState,
    previous?: ConversationState,
  ): Promise<void>;
  delete(channel: ConversationChannel, user: string): Promise<void>;
}

/** Conversation state over a key–value store. */
export function createStateStore(store: KeyValueStore<unknown>): StateStore {
  return {
    async read(channel, user) {
      return readState(await store.read(stateKey(channel, user)));
    },
    async write(channel, user, next, previous) {
      if (previous && sameState(previous, next)) return;
      if (isEmpty(next)) await store.delete(stateKey(channel, user));
      else await store.write(stateKey(channel, user), next);
    },
    delete: (channel, user) => store.delete(stateKey(channel, user)),
  };
}
