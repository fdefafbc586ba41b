/**
 * Errors of the WeChat channel. A request WeChat (or an impostor) sent that we refuse carries the
 * HTTP status to answer with; the router turns it into a short plain-text reply and never a stack.
 */
import { TiaowenError } from "../../errors.js";

/** Stable codes of refused WeChat requests, with the HTTP status each one is answered with. */
export const WECHAT_REQUEST_STATUS = {
  /** A query parameter (signature, timestamp, nonce, echostr, msg_signature) is missing or malformed. */
  WECHAT_BAD_QUERY: 400,
  /** The signature does not match: wrong Token, or not WeChat. */
  WECHAT_SIGNATURE: 401,
  /** The timestamp is outside the accepted window: a replayed or very late request. */
  WECHAT_STALE: 401,
  /** The signature and nonce were already used with another body: a replayed query string. */
  WECHAT_REPLAY: 401,
  /** A plaintext message while WECHAT_REQUIRE_SAFE_MODE is set. */
  WECHAT_PLAINTEXT: 403,
  /** The body is larger than the limit. */
  WECHAT_TOO_LARGE: 413,
  /** The body declares a DTD or entities (XXE, "billion laughs"). */
  WECHAT_DTD: 400,
  /** The body is not well-formed XML, or not a WeChat <xml> envelope. */
  WECHAT_BAD_XML: 400,
  /** A field WeChat always sends (ToUserName, MsgType, Content…) is missing. */
  WECHAT_MISSING_FIELD: 400,
  /** The Encrypt field cannot be decrypted with our EncodingAESKey. */
  WECHAT_DECRYPT: 400,
  /** The message decrypts but names another Official Account's AppID. */
  WECHAT_APP_ID: 401,
  /** A safe-mode message arrived, but no EncodingAESKey is configured. */
  WECHAT_SAFE_MODE_OFF: 503,
} as const;

/** Code of a refused WeChat request. */
export type WechatRequestCode = keyof typeof WECHAT_REQUEST_STATUS;

/** A WeChat request we refuse; `status` is the HTTP status to answer with. */
export class WechatRequestError extends TiaowenError {
  override name = "WechatRequestError";
  override readonly code: WechatRequestCode;
  /** HTTP status of the refusal. */
  readonly status: number;

  constructor(code: WechatRequestCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.code = code;
    this.status = WECHAT_REQUEST_STATUS[code];
  }
}

/** The WeChat channel was set up wrongly (a key of the wrong length, AppID missing…). */
export class WechatConfigError extends TiaowenError {
  override name = "WechatConfigError";
  constructor(message: string) {
    super("WECHAT_CONFIG", message);
  }
}
