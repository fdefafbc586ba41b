/**
 * Residents appear in the feedback log and in the logs only as salted hashes of their channel id
 * (HMAC-SHA256 of "channel:id" under a secret salt): the same resident hashes the same way every
 * time, so repeated questions and distinct askers can be counted, but the id itself cannot be
 * recovered, nor checked by hashing a guessed id without the salt.
 *
 * The salt is FEEDBACK_SALT when set; otherwise one is generated on first start and kept in a
 * file next to the feedback log, so hashes stay stable across restarts.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TiaowenError } from "../errors.js";
import type { Channel } from "./records.js";

/** Name of the generated salt's file, in the feedback file's folder. */
export const SALT_FILE_NAME = "feedback-salt";

/** Turns a channel's user id into its salted hash. */
export type UserHasher = (channel: Channel, id: string) => string;

/** Where the generated salt lives for a feedback file. */
export function saltFileFor(feedbackFile: string): string {
  return join(dirname(feedbackFile), SALT_FILE_NAME);
}

/**
 * The salt: `configured` (FEEDBACK_SALT) when given, else the one kept next to the feedback file,
 * created (32 random bytes, readable only by the owner) if there is none yet.
 * @throws TiaowenError SALT when the salt file cannot be read or written.
 */
export function resolveSalt(configured: string | undefined, feedbackFile: string): string {
  if (configured) return configured;
  const file = saltFileFor(feedbackFile);
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw saltError(file, error);
  }
  const salt = randomBytes(32).toString("hex");
  try {
    mkdirSync(dirname(file), { recursive: true });
    // "wx": if another process created it meanwhile, theirs wins and is read below.
    writeFileSync(file, `${salt}\n`, { mode: 0o600, flag: "wx" });
    return salt;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw saltError(file, error);
  }
}

function saltError(file: string, cause: unknown): TiaowenError {
  return new TiaowenError(
    "SALT",
    `cannot read or create the feedback salt ${file}: make its folder writable, or set FEEDBACK_SALT`,
    { cause },
  );
}

/** A hasher under `salt`: 32 hex characters (128 bits) of HMAC-SHA256("channel:id"). */
export function createUserHasher(salt: string): UserHasher {
  return (channel, id) => createHmac("sha256", salt).update(`${channel}:${id}`).digest("hex").slice(0, 32);
}
