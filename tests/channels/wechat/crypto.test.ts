import { decrypt as wecomDecrypt, encrypt as wecomEncrypt } from "@wecom/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import WXBizMsgCrypt from "wechat-crypto";
import { createWechatCipher } from "../../../src/channels/wechat/crypto.js";
import { WechatConfigError, WechatRequestError } from "../../../src/channels/wechat/errors.js";

// The sample account of WeChat's own SDK tests (消息加解密 sample code).
const TOKEN = "pamtest";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APP_ID = "wxb11529c136998cb6";

function setup(key = AES_KEY, appId = APP_ID) {
  return {
    ours: createWechatCipher(key, appId),
    wechatCrypto: new WXBizMsgCrypt(TOKEN, key, appId),
  };
}

const aesKey = fc.stringMatching(/^[A-Za-z0-9]{43}$/);
const appId = fc.stringMatching(/^wx[0-9a-f]{16}$/);
// Messages of every shape: Chinese, emoji, XML, empty; lengths around the 32-byte padding blocks.
const message = fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ maxLength: 70 }));

function refusal(fn: () => unknown): WechatRequestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WechatRequestError) return error;
    throw error;
  }
  throw new Error("expected a WechatRequestError");
}

describe("createWechatCipher", () => {
  it("reproduces the known answer of WeChat's SDK test (fixed random bytes)", () => {
    const { ours } = setup();
    const expected =
      "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    expect(ours.encrypt("我是中文abcd123", Buffer.from("aaaabbbbccccdddd"))).toBe(expected);
    expect(ours.decrypt(expected)).toBe("我是中文abcd123");
  });

  it("decrypts what wechat-crypto and @wecom/crypto encrypt", () => {
    fc.assert(
      fc.property(aesKey, appId, message, (key, id, text) => {
        const { ours, wechatCrypto } = setup(key, id);
        expect(ours.decrypt(wechatCrypto.encrypt(text))).toBe(text);
        expect(ours.decrypt(wecomEncrypt(key, text, id))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("encrypts what wechat-crypto and @wecom/crypto decrypt, with the AppID after the message", () => {
    fc.assert(
      fc.property(aesKey, appId, message, (key, id, text) => {
        const { ours, wechatCrypto } = setup(key, id);
        const encrypted = ours.encrypt(text);
        expect(wechatCrypto.decrypt(encrypted)).toEqual({ message: text, id });
        expect(wecomDecrypt(key, encrypted)).toMatchObject({ message: text, id });
      }),
      { numRuns: 200 },
    );
  });

  it("pads to whole 32-byte blocks and uses fresh random bytes each time", () => {
    const { ours } = setup();
    const a = ours.encrypt("<xml></xml>");
    const b = ours.encrypt("<xml></xml>");
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64").length % 32).toBe(0);
  });

  it("refuses a message for another AppID", () => {
    const { ours } = setup();
    const other = new WXBizMsgCrypt(TOKEN, AES_KEY, "wx0000000000000000").encrypt("<xml/>");
    const error = refusal(() => ours.decrypt(other));
    expect(error.code).toBe("WECHAT_APP_ID");
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      "the message is for another AppID: set WECHAT_APP_ID to this Official Account's AppID",
    );
  });

  it("refuses a message encrypted with another key, or not encrypted at all", () => {
    const { ours } = setup();
    const otherKey = new WXBizMsgCrypt(TOKEN, "A".repeat(43), APP_ID).encrypt("<xml>hello</xml>");
    for (const bad of [otherKey, "", "not base64!", "AAAA", Buffer.alloc(48).toString("base64")]) {
      const error = refusal(() => ours.decrypt(bad));
      expect(["WECHAT_DECRYPT", "WECHAT_APP_ID"]).toContain(error.code);
    }
    expect(refusal(() => ours.decrypt("not base64!")).message).toBe(
      "cannot decrypt the message (the Encrypt field is not Base64 of whole 32-byte blocks): check that WECHAT_ENCODING_AES_KEY matches the admin page",
    );
  });

  it("never throws anything but a refusal on tampered ciphertext", () => {
    const { ours } = setup();
    const good = Buffer.from(ours.encrypt("<xml><Content>你好</Content></xml>"), "base64");
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bad = Buffer.from(good);
        bad[at] = (bad[at] ?? 0) ^ flip;
        try {
          ours.decrypt(bad.toString("base64"));
        } catch (error) {
          expect(error).toBeInstanceOf(WechatRequestError);
        }
      }),
    );
  });

  it("refuses a malformed EncodingAESKey or a missing AppID with a message naming the setting", () => {
    expect(() => createWechatCipher("short", APP_ID)).toThrow(WechatConfigError);
    expect(() => createWechatCipher(`${AES_KEY}=`, APP_ID)).toThrow(
      "WECHAT_ENCODING_AES_KEY must be the 43-character EncodingAESKey from the Official Account admin page (开发 → 基本配置)",
    );
    expect(() => createWechatCipher(AES_KEY, " ")).toThrow(
      "safe mode needs WECHAT_APP_ID: copy the AppID from the admin page (开发 → 基本配置)",
    );
  });
});
