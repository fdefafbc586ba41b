/**
 * A cap on the widget sessions one client keeps. Anyone can create sessions (a session is any
 * id the client sends), and the store keeps the most recent ones: a script inventing ids would
 * push other residents' follow-up context out of the HTTP partition. With a quota, a client's
 * sessions beyond the cap are forgotten oldest first, so a flood mostly evicts its own. The
 * conversation service applies it to the conversations asked with a client (the HTTP API's
 * widget and console sessions); the sessions it tracks are their store keys.
 *
 * The quota lives in this instance's memory (with Redis, each instance caps what it wrote) and is
 * itself bounded: past `maxTracked` sessions, the least recently active clients are no longer
 * tracked (their sessions stay in the store and expire as usual).
 */

/** Options of {@link createSessionQuota}. */
export interface SessionQuotaOptions {
  /**
   * Sessions one client (one address, as the rate limit sees it) keeps. Default 50: an office
   * behind one NAT address has at most a few dozen residents in the widget within the half hour
   * a session lives, while a script at the rate limit (60 questions a minute) creates 1,800.
   */
  perClient?: number;
  /** Sessions tracked in all; default 50,000, the store's own bound per partition. */
  maxTracked?: number;
}

/** The cap, fed with each session a client writes. */
export interface SessionQuota {
  /**
   * Records that `client` wrote `session` (now its most recent) and returns the sessions it has
   * gone over its cap with, for the caller to delete.
   */
  admit(client: string, session: string): string[];
  /** Forgets a session the caller deleted (a conversation that ended). */
  release(client: string, session: string): void;
}

/** Default sessions per client. */
export const DEFAULT_SESSIONS_PER_CLIENT = 50;

/** Creates the quota. */
export function createSessionQuota(options: SessionQuotaOptions = {}): SessionQuota {
  const perClient = options.perClient ?? DEFAULT_SESSIONS_PER_CLIENT;
  const maxTracked = options.maxTracked ?? 50_000;
  // Maps and sets keep insertion order: re-inserting marks the most recent, the first is the oldest.
  const clients = new Map<string, Set<string>>();
  let tracked = 0;
  return {
    admit(client, session) {
      const sessions = clients.get(client) ?? new Set<string>();
      clients.delete(client);
      clients.set(client, sessions);
      if (sessions.delete(session)) tracked--;
      sessions.add(session);
      tracked++;
      const over: string[] = [];
      for (const oldest of sessions) {
        if (sessions.size <= perClient) break;
        sessions.delete(oldest);
        tracked--;
        over.push(oldest);
      }
      for (const [quiet, theirs] of clients) {
        if (tracked <= maxTracked || quiet === client) break;
        clients.delete(quiet);
        tracked -= theirs.size;
      }
      return over;
    },
    release(client, session) {
      const sessions = clients.get(client);
      if (sessions?.delete(session)) {
        tracked--;
        if (sessions.size === 0) clients.delete(client);
      }
    },
  };
}
