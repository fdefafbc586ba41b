/**
 * A signed WeChat request is accepted once. WeChat's plain `signature` covers the Token, the
 * timestamp and the nonce but not the body, so within the timestamp window a captured query string
 * could carry any body. The guard remembers each signature+nonce for as long as its timestamp can
 * be accepted, and refuses it with another body.
 *
 * The same request again, byte for byte, is let through: it is what WeChat's own retries look like
 * (the protocol does not say they get a fresh nonce), and it can change nothing — the message's
 * MsgId de-duplication answers it with the reply already given. The memory sits in the channel's
 * key–value store, so with Redis every instance refuses what another has seen.
 */
import { createHash } from "node:crypto";
import type { KeyValueStore } from "../../state/store.js";

/** One signed request, as far as replays are concerned. */
export interface SignedRequest {
  /** The signature that authenticated it (`signature`, or `msg_signature` in safe mode). */
  signature: string;
  timestamp: string;
  nonce: string;
  /** The raw body as received. */
  body: string;
}

/** The guard. */
export interface ReplayGuard {
  /** True the first time a signature+nonce is seen, and for the same body again; false for another body. */
  accept(request: SignedRequest): Promise<boolean>;
}

/**
 * Creates the guard over a store; `rememberMs` must cover the time a timestamp stays acceptable
 * (the window on both sides of the clock: twice the timestamp window).
 */
export function createReplayGuard(
  store: Pick<KeyValueStore<unknown>, "claim" | "read" | "write">,
  rememberMs: number,
): ReplayGuard {
  return {
    async accept({ signature, timestamp, nonce, body }) {
      const key = `wechat:nonce:${sha256(`${signature}\n${timestamp}\n${nonce}`)}`;
      const digest = sha256(body);
      // The claim is atomic (SET NX with Redis): exactly one request is the first with this pair,
      // and the digest of its body is what a repeat must match. WeChat retries 5 s apart, long
      // after the digest is written.
      if (await store.claim(key, rememberMs)) {
        await store.write(key, digest, rememberMs);
        return true;
      }
      // No digest (Redis was away when the first one came, and the claim was made in memory):
      // let it through rather than refuse what may be WeChat's own retry.
      const first = await store.read(key);
      return first === undefined || first === digest;
    },
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
