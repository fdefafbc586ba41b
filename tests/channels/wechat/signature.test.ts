import { createHash } from "node:crypto";
import { getSignature } from "@wecom/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import WXBizMsgCrypt from "wechat-crypto";
import {
  signatureMatches,
  signatureOf,
  TIMESTAMP_WINDOW_MS,
  timestampState,
} from "../../../src/channels/wechat/signature.js";

// The sample account of WeChat's own SDK tests (消息加解密 sample code).
const TOKEN = "pamtest";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APP_ID = "wxb11529c136998cb6";

const token = fc.stringMatching(/^[A-Za-z0-9]{3,32}$/);
const timestamp = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }).map(String);
const nonce = fc.stringMatching(/^[A-Za-z0-9]{1,16}$/);
const encrypt = fc.base64String({ minLength: 4, maxLength: 200 });

describe("signatureOf", () => {
  it("computes the server-verification signature as @wecom/crypto does (empty Encrypt sorts first)", () => {
    fc.assert(
      fc.property(token, timestamp, nonce, (t, ts, n) => {
        expect(signatureOf(t, ts, n)).toBe(getSignature(t, ts, n, ""));
      }),
    );
  });

  it("computes msg_signature as both wechat-crypto and @wecom/crypto do", () => {
    fc.assert(
      fc.property(token, timestamp, nonce, encrypt, (t, ts, n, e) => {
        const theirs = new WXBizMsgCrypt(t, AES_KEY, APP_ID).getSignature(ts, n, e);
        expect(signatureOf(t, ts, n, e)).toBe(theirs);
        expect(signatureOf(t, ts, n, e)).toBe(getSignature(t, ts, n, e));
      }),
    );
  });

  it("sorts the parts as strings before hashing, whatever order they come in", () => {
    // "1409304348" < "pamtest" < "xxxxxx"
    const expected = createHash("sha1").update("1409304348pamtestxxxxxx").digest("hex");
    expect(signatureOf(TOKEN, "1409304348", "xxxxxx")).toBe(expected);
    expect(signatureOf("xxxxxx", TOKEN, "1409304348")).toBe(expected);
  });
});

describe("signatureMatches", () => {
  it("accepts the right signature and refuses a changed one, a truncated one and another token's", () => {
    const good = signatureOf(TOKEN, "1409304348", "xxxxxx");
    expect(signatureMatches(good, TOKEN, "1409304348", "xxxxxx")).toBe(true);
    const flipped = `${good.slice(0, -1)}${good.endsWith("0") ? "1" : "0"}`;
    expect(signatureMatches(flipped, TOKEN, "1409304348", "xxxxxx")).toBe(false);
    expect(signatureMatches(good.slice(0, 20), TOKEN, "1409304348", "xxxxxx")).toBe(false);
    expect(signatureMatches("", TOKEN, "1409304348", "xxxxxx")).toBe(false);
    expect(signatureMatches(good, "another", "1409304348", "xxxxxx")).toBe(false);
    expect(signatureMatches(good.toUpperCase(), TOKEN, "1409304348", "xxxxxx")).toBe(false);
  });

  it("covers the Encrypt field in safe mode", () => {
    const sig = signatureOf(TOKEN, "1409304348", "xxxxxx", "AAAA");
    expect(signatureMatches(sig, TOKEN, "1409304348", "xxxxxx", "AAAA")).toBe(true);
    expect(signatureMatches(sig, TOKEN, "1409304348", "xxxxxx", "AAAB")).toBe(false);
  });
});

describe("timestampState", () => {
  const now = 1_700_000_000_000;

  it("accepts timestamps within five minutes either way", () => {
    expect(timestampState("1700000000", now)).toBe("fresh");
    expect(timestampState(String(1_700_000_000 - 300), now)).toBe("fresh");
    expect(timestampState(String(1_700_000_000 + 300), now)).toBe("fresh");
  });

  it("calls anything further away stale", () => {
    expect(timestampState(String(1_700_000_000 - 301), now)).toBe("stale");
    expect(timestampState(String(1_700_000_000 + 301), now)).toBe("stale");
    expect(timestampState("0", now)).toBe("stale");
    expect(TIMESTAMP_WINDOW_MS).toBe(300_000);
  });

  it("calls anything but digits malformed", () => {
    for (const bad of ["", "abc", "-1", "1.5", "1e9", " 1700000000", "1".repeat(13)]) {
      expect(timestampState(bad, now)).toBe("malformed");
    }
  });

  it("honours a custom window", () => {
    expect(timestampState(String(1_700_000_000 - 61), now, 60_000)).toBe("stale");
  });
});
