/**
 * The bot that every channel asks, behind a holder so that it can be replaced while the server
 * runs: `POST /admin/reload` builds a new bot from the current `intents/` (and ordinances) and
 * swaps it in for all channels at once. Channels call `current()` per request instead of keeping
 * a bot of their own.
 *
 * A reload never leaves the channels without a bot: the old one keeps answering while the new
 * one is built, and if building fails (a broken YAML file, an unreadable dictionary) the old one
 * stays and the error is returned to whoever asked for the reload.
 */

import { TiaowenError } from "../errors.js";
import type { Bot } from "../mod.js";

/** Where the bot is in its start-up. */
export type BotState = "starting" | "ready" | "failed";

/** What a finished reload reports. */
export interface ReloadOutcome {
  /** Number of the bot now serving: 1 for the first, 2 after the first reload… */
  generation: number;
  /** How long building the new bot took. */
  ms: number;
  laws: number;
  articles: number;
}

/**
 * Access to the current bot, which may not exist yet and may be replaced. This is the one way
 * every part of a running server learns whether it can answer: the conversation service asks it
 * per request, /readyz reports its state.
 */
export interface BotHolder {
  /** The bot serving now, once the first one is ready. */
  current(): Bot | undefined;
  state(): BotState;
  /** Resolves with the first bot; rejects if it failed to build. */
  readonly ready: Promise<Bot>;
  /**
   * Builds a new bot and swaps it in. Reloads run one at a time (a second waits for the first).
   * @throws ReloadError, with the old bot still serving, when the new one cannot be built.
   */
  reload(): Promise<ReloadOutcome>;
  /** Calls `listener` after each successful swap. */
  onSwap(listener: (bot: Bot, outcome: ReloadOutcome) => void): void;
}

/** A reload failed; the bot that was serving still is. The message says what to fix. */
export class ReloadError extends TiaowenError {
  override name = "ReloadError";
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      "RELOAD_FAILED",
      `the new vocabulary could not be loaded, so the previous one is still answering: ${detail}`,
      { cause },
    );
  }
}

/**
 * Asked for a bot before the first one is ready (or after it failed to build): channels turn this
 * into their own "not ready" reply (HTTP 503 with Retry-After, an apology in the chat apps).
 */
export class NotReadyError extends TiaowenError {
  override name = "NotReadyError";
  /** "starting" (retry shortly) or "failed" (see the log; a restart is needed). */
  readonly state: Exclude<BotState, "ready">;
  constructor(state: Exclude<BotState, "ready">) {
    super(
      "NOT_READY",
      state === "failed"
        ? "the server could not load its ordinances; see its log"
        : "the index is still being built",
    );
    this.state = state;
  }
}

/** The bot serving now. @throws NotReadyError while there is none. */
export function currentBot(holder: Pick<BotHolder, "current" | "state">): Bot {
  const bot = holder.current();
  if (bot) return bot;
  const state = holder.state();
  throw new NotReadyError(state === "failed" ? "failed" : "starting");
}

/** True for something that already is a holder (has `current()`). */
function isHolder(bot: Bot | Promise<Bot> | BotHolder): bot is BotHolder {
  return "current" in bot && typeof bot.current === "function";
}

/**
 * A holder for a bot that is never reloaded: a ready bot, or the promise of one (tests, tools).
 * A holder is returned as it is.
 */
export function holdBot(bot: Bot | Promise<Bot> | BotHolder): BotHolder {
  if (isHolder(bot)) return bot;
  if (bot instanceof Promise) return createBotHolder(() => bot);
  const fixed = bot;
  return {
    current: () => fixed,
    state: () => "ready",
    ready: Promise.resolve(fixed),
    reload: async () => {
      throw new ReloadError(new Error("this server was given a fixed bot, which cannot be rebuilt"));
    },
    onSwap: () => {},
  };
}

/** Starts building the first bot at once and returns its holder. */
export function createBotHolder(build: () => Promise<Bot>): BotHolder {
  let bot: Bot | undefined;
  let state: BotState = "starting";
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners: Array<(bot: Bot, outcome: ReloadOutcome) => void> = [];

  const buildOne = async (): Promise<{ bot: Bot; outcome: ReloadOutcome }> => {
    const started = performance.now();
    const next = await build();
    const outcome: ReloadOutcome = {
      generation: ++generation,
      ms: Math.round(performance.now() - started),
      laws: next.laws.length,
      articles: next.laws.reduce((n, l) => n + l.articles.length, 0),
    };
    return { bot: next, outcome };
  };

  const ready = buildOne().then(
    ({ bot: first }) => {
      bot = first;
      state = "ready";
      return first;
    },
    (error: unknown) => {
      state = "failed";
      throw error;
    },
  );
  // The caller that awaits `ready` reports a failure; this copy only records it.
  ready.catch(() => {});
  queue = ready.catch(() => undefined);

  const reload = (): Promise<ReloadOutcome> => {
    const run = queue.then(async () => {
      let built: { bot: Bot; outcome: ReloadOutcome };
      try {
        built = await buildOne();
      } catch (error) {
        throw new ReloadError(error);
      }
      // One assignment: a request sees either the old bot or the new one, never a mixture.
      bot = built.bot;
      state = "ready";
      for (const listener of listeners) listener(built.bot, built.outcome);
      return built.outcome;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    current: () => bot,
    state: () => state,
    ready,
    reload,
    onSwap: (listener) => {
      listeners.push(listener);
    },
  };
}
