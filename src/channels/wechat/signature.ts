/**
 * WeChat request signatures and the replay window.
 *
 * WeChat signs every request to the server URL with the Token both sides know: the SHA-1 (hex)
 * of the strings sorted and joined without separator — token, timestamp and nonce for the
 * `signature` parameter, plus the Encrypt field for `msg_signature` in safe mode. The plain
 * `signature` does not cover the body, which is why a narrow timestamp window matters.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** How far a request's timestamp may lie from our clock: 5 minutes, as WeChat's own SDKs allow. */
export const TIMESTAMP_WINDOW_MS = 5 * 60_000;

/**
 * SHA-1 hex of the parts sorted as strings and joined: `signature` for (token, timestamp, nonce),
 * `msg_signature` for (token, timestamp, nonce, encrypt).
 */
export function signatureOf(...parts: string[]): string {
  // The protocol sorts by plain string order (PHP sort() in the reference SDK); for the ASCII
  // values WeChat uses this is code-unit order, which is what Array#sort does.
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

/** True when `given` equals the signature of `parts`, compared in constant time. */
export function signatureMatches(given: string, ...parts: string[]): boolean {
  const expected = Buffer.from(signatureOf(...parts), "utf8");
  const actual = Buffer.from(given, "utf8");
  // The length of a SHA-1 hex digest is public, so failing fast on it leaks nothing.
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Checks a WeChat timestamp (seconds since 1970, as a string) against the clock. */
export function timestampState(
  timestamp: string,
  nowMs: number,
  windowMs: number = TIMESTAMP_WINDOW_MS,
): "fresh" | "stale" | "malformed" {
  if (!/^\d{1,12}$/.test(timestamp)) return "malformed";
  return Math.abs(nowMs - Number(timestamp) * 1000) <= windowMs ? "fresh" : "stale";
}
