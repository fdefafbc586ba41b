/**
 * What happens around every answer, whichever channel gave it: one log line (channel, intent,
 * answered, confidence, latency, the resident as a salted hash), the metrics, and the feedback
 * record. Channels call `track` after asking the bot and `rate` when a resident presses 👍/👎
 * (or replies 1/2 in WeChat); nothing here can make an answer fail.
 */
import type { Logger } from "pino";
import type { RatingOutcome, Recorder } from "../feedback/recorder.js";
import type { Channel, Rating } from "../feedback/records.js";
import type { UserHasher } from "../feedback/user-hash.js";
import type { Answer } from "../mod.js";
import type { Metrics } from "./metrics.js";

/** One answer as a channel gave it. */
export interface TrackedAnswer {
  channel: Channel;
  /** The resident's id on the channel (chat id, OpenID, widget session): hashed before use. */
  user?: string;
  question: string;
  answer: Answer;
  /** From the question to the Answer. */
  latencyMs: number;
}

/** Observes answers and ratings. */
export interface AnswerTracker {
  /** Logs, counts and records an answer; resolves with the id its rating will refer to. */
  track(event: TrackedAnswer): Promise<string>;
  /** Records a rating; "unknown" for an id that is not (or no longer) known on this channel. */
  rate(answerId: string, rating: Rating, channel: Channel): Promise<RatingOutcome>;
  /** Counts a request refused by a rate limit. */
  rateLimited(channel: Channel): void;
}

/** Options of {@link createAnswerTracker}. */
export interface AnswerTrackerOptions {
  logger: Pick<Logger, "info" | "warn">;
  metrics: Metrics;
  recorder: Recorder;
  hashUser: UserHasher;
}

/** Creates the tracker. */
export function createAnswerTracker(options: AnswerTrackerOptions): AnswerTracker {
  const { logger, metrics, recorder, hashUser } = options;
  return {
    async track({ channel, user, question, answer, latencyMs }) {
      const hashed = user === undefined ? undefined : hashUser(channel, user);
      const ms = Math.round(latencyMs * 100) / 100;
      metrics.answered(channel, answer.intent, answer.answered, ms);
      let answerId = "";
      try {
        answerId = await recorder.seen({ channel, question, answer, ...(hashed ? { user: hashed } : {}) });
      } catch (error) {
        logger.warn({ err: error, channel }, "could not record the answer");
      }
      logger.info(
        {
          channel,
          intent: answer.intent,
          answered: answer.answered,
          confidence: answer.confidence,
          latencyMs: ms,
          ...(hashed ? { user: hashed } : {}),
          answerId,
        },
        "answer",
      );
      return answerId;
    },
    async rate(answerId, rating, channel) {
      const outcome = await recorder.rate(answerId, rating, channel);
      if (outcome === "recorded") metrics.rated(channel, rating);
      logger.info({ channel, rating, answerId, outcome }, "rating");
      return outcome;
    },
    rateLimited(channel) {
      metrics.rateLimited(channel);
    },
  };
}
