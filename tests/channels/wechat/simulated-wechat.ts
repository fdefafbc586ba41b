/**
 * A stand-in for WeChat's servers in tests: it posts real-shaped messages to a server URL on
 * 127.0.0.1 the way WeChat does — signed query, plaintext, compatible or safe mode — and reads
 * the replies. Signing and encryption use the independent packages (wechat-crypto,
 * @wecom/crypto), never the code under test, so the two implementations check each other.
 */
import { randomInt } from "node:crypto";
import { getSignature, decrypt as wecomDecrypt } from "@wecom/crypto";
import { XMLParser } from "fast-xml-parser";
import WXBizMsgCrypt from "wechat-crypto";

/** How WeChat delivers a message: 明文模式, 兼容模式, 安全模式. */
export type Mode = "plaintext" | "compatible" | "safe";

/** The account the simulated WeChat talks for. */
export interface Account {
  /** The server URL, e.g. http://127.0.0.1:PORT/wechat */
  url: string;
  token: string;
  encodingAESKey: string;
  appId: string;
  /** The account's original id (ToUserName). */
  id: string;
}

/** What the server answered. */
export interface Delivery {
  status: number;
  body: string;
  /** The reply's fields (decrypted in safe mode); undefined for "success" or an error. */
  reply?: Record<string, string>;
}

/** Per-request overrides, to build the bad requests WeChat would never send. */
export interface SendOptions {
  mode?: Mode;
  /** Seconds since 1970; default now. */
  timestamp?: number;
  nonce?: string;
  /** Replace the computed signature (or msg_signature in safe mode). */
  signature?: string;
  /** Encrypt for another AppID. */
  appId?: string;
  /** Post this body instead of the message (still signed as given). */
  rawBody?: string;
  /** Post (and sign) this Encrypt field instead of the encrypted message. */
  ciphertext?: string;
  /** Replace the plaintext fields of a compatible-mode body. */
  compatiblePlaintext?: string;
}

const replyParser = new XMLParser({ parseTagValue: false, processEntities: false });

/** Fields of a message, wrapped as WeChat's XML with CDATA for strings. */
export function messageXml(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => (typeof v === "number" ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join("\n");
  return `<xml>\n${inner}\n</xml>`;
}

/** A simulated WeChat for one account. */
export function simulateWechat(account: Account) {
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  // Random, as WeChat's are: two simulators (two tests, two instances) must not sign the same
  // nonce and timestamp for different messages, which the server refuses as a replay.
  const freshNonce = () => String(randomInt(1_000_000_000, 9_999_999_999));

  return {
    /** Server verification (GET) with echostr; `signature` overrides the computed one. */
    async verify(
      options: { echostr?: string; timestamp?: number; signature?: string } = {},
    ): Promise<Delivery> {
      const timestamp = String(options.timestamp ?? nowSeconds());
      const nonce = freshNonce();
      const params = new URLSearchParams({
        signature: options.signature ?? getSignature(account.token, timestamp, nonce, ""),
        timestamp,
        nonce,
        echostr: options.echostr ?? "6147402284830582736",
      });
      const res = await fetch(`${account.url}?${params}`);
      return { status: res.status, body: await res.text() };
    },

    /** Posts a message (its XML in plaintext) in the given mode and reads the reply. */
    async send(plainXml: string, options: SendOptions = {}): Promise<Delivery> {
      const mode = options.mode ?? "plaintext";
      const timestamp = String(options.timestamp ?? nowSeconds());
      const nonce = options.nonce ?? freshNonce();
      const params = new URLSearchParams({
        signature: getSignature(account.token, timestamp, nonce, ""),
        timestamp,
        nonce,
        openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc",
      });
      let body = plainXml;
      if (mode !== "plaintext") {
        const cipher = new WXBizMsgCrypt(
          account.token,
          account.encodingAESKey,
          options.appId ?? account.appId,
        );
        const encrypt = options.ciphertext ?? cipher.encrypt(plainXml);
        params.set("encrypt_type", "aes");
        params.set("msg_signature", options.signature ?? cipher.getSignature(timestamp, nonce, encrypt));
        const plainFields = (options.compatiblePlaintext ?? plainXml).replace(/^<xml>|<\/xml>$/g, "");
        body =
          mode === "safe"
            ? `<xml>\n<ToUserName><![CDATA[${account.id}]]></ToUserName>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>`
            : `<xml>${plainFields}\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>`;
      } else if (options.signature !== undefined) {
        params.set("signature", options.signature);
      }
      const res = await fetch(`${account.url}?${params}`, {
        method: "POST",
        headers: { "content-type": "text/xml" },
        body: options.rawBody ?? body,
      });
      const text = await res.text();
      const delivery: Delivery = { status: res.status, body: text };
      if (res.status !== 200 || text === "success") return delivery;
      const fields = (replyParser.parse(text) as { xml: Record<string, string> }).xml;
      if (mode === "plaintext") return { ...delivery, reply: fields };
      // Safe mode: check the reply's signature and decrypt it as WeChat would.
      const expected = getSignature(
        account.token,
        fields.TimeStamp ?? "",
        fields.Nonce ?? "",
        fields.Encrypt ?? "",
      );
      if (expected !== fields.MsgSignature) throw new Error("the reply's MsgSignature does not verify");
      const { message, id } = wecomDecrypt(account.encodingAESKey, fields.Encrypt ?? "");
      if (id !== account.appId) throw new Error(`the reply is encrypted for ${id}`);
      return { ...delivery, reply: (replyParser.parse(message) as { xml: Record<string, string> }).xml };
    },
  };
}
