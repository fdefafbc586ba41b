/**
 * The bot behind a gate: the server listens at once, while the index is still being built, and
 * answers 503 NOT_READY (and /readyz 503) until the bot exists. Load balancers and the city app's
 * health checks then see the difference between "alive" and "able to answer".
 */
import type { Bot } from "../../mod.js";

/** Where the bot is in its start-up. */
export type BotState = "starting" | "ready" | "failed";

/** Access to a bot that may not exist yet. */
export interface BotGate {
  /** The bot, once ready. */
  current(): Bot | undefined;
  state(): BotState;
  /** Resolves when the bot is ready; rejects if it failed to start. */
  readonly ready: Promise<Bot>;
}

/** True for something that already is a gate (e.g. the reloadable bot holder of ops/bot-holder.ts). */
function isGate(bot: Bot | Promise<Bot> | BotGate): bot is BotGate {
  return "current" in bot && typeof bot.current === "function";
}

/**
 * Wraps a bot, or the promise of one, in a gate; a gate (such as the bot holder, whose bot can be
 * reloaded) is used as it is, so every request asks it for the bot serving now.
 */
export function gateBot(bot: Bot | Promise<Bot> | BotGate): BotGate {
  if (isGate(bot)) return bot;
  let current: Bot | undefined;
  let state: BotState = "starting";
  let ready: Promise<Bot>;
  if (bot instanceof Promise) {
    ready = bot.then(
      (b) => {
        current = b;
        state = "ready";
        return b;
      },
      (error: unknown) => {
        state = "failed";
        throw error;
      },
    );
    // The caller that started the bot reports its failure; this copy only records it.
    ready.catch(() => {});
  } else {
    current = bot;
    state = "ready";
    ready = Promise.resolve(bot);
  }
  return { current: () => current, state: () => state, ready };
}
