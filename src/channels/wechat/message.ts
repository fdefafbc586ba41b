/**
 * What a WeChat message asks of us, read from its XML fields (普通消息 and 事件推送): a question
 * (text, or voice that WeChat has transcribed), an event, or a kind of message we do not answer.
 */
import { WechatRequestError } from "./errors.js";
import type { WechatFields } from "./xml.js";

interface MessageBase {
  /** ToUserName: the Official Account's original id (gh_…); our replies come from it. */
  account: string;
  /** FromUserName: the resident's OpenID; our replies go to it, and the conversation is keyed by it. */
  user: string;
  /** CreateTime, seconds since 1970, as sent. */
  createTime: string;
  /**
   * Identifies the message across WeChat's retries: MsgId for messages; FromUserName + CreateTime
   * (and the event) for events, which carry no MsgId.
   */
  dedupKey: string;
}

/** A message to answer: typed text, or a voice message WeChat transcribed (Recognition). */
export interface QuestionMessage extends MessageBase {
  kind: "question";
  question: string;
  via: "text" | "voice";
}

/** An event push (关注, 取消关注, menu clicks…). */
export interface EventMessage extends MessageBase {
  kind: "event";
  /** Lower-cased: subscribe, unsubscribe, scan, click… */
  event: string;
}

/** Image, voice without transcription, video, location, link…: we answer only text. */
export interface UnsupportedMessage extends MessageBase {
  kind: "unsupported";
  msgType: string;
}

/** A message from WeChat, classified. */
export type WechatMessage = QuestionMessage | EventMessage | UnsupportedMessage;

/**
 * Reads a message from its fields.
 * @throws WechatRequestError WECHAT_MISSING_FIELD naming a field WeChat always sends that is missing.
 */
export function readWechatMessage(fields: WechatFields): WechatMessage {
  const account = required(fields, "ToUserName");
  const user = required(fields, "FromUserName");
  const createTime = required(fields, "CreateTime");
  if (!/^\d{1,12}$/.test(createTime)) {
    throw new WechatRequestError("WECHAT_MISSING_FIELD", "CreateTime must be seconds since 1970");
  }
  const msgType = required(fields, "MsgType").toLowerCase();
  const msgId = fields.MsgId;
  const base = { account, user, createTime, dedupKey: msgId ? `msg:${msgId}` : `at:${user}:${createTime}` };

  if (msgType === "event") {
    const event = required(fields, "Event").toLowerCase();
    return { ...base, kind: "event", event, dedupKey: `event:${user}:${createTime}:${event}` };
  }
  if (msgType === "text") {
    // Content may be empty (a lone space, trimmed); the core answers that with a prompt to ask.
    if (fields.Content === undefined) {
      throw new WechatRequestError("WECHAT_MISSING_FIELD", "a text message needs Content");
    }
    return { ...base, kind: "question", question: fields.Content, via: "text" };
  }
  // With 语音识别 switched on, WeChat adds its transcription to voice messages; empty when it
  // heard nothing usable.
  if (msgType === "voice" && fields.Recognition) {
    return { ...base, kind: "question", question: fields.Recognition, via: "voice" };
  }
  return { ...base, kind: "unsupported", msgType };
}

function required(fields: WechatFields, name: string): string {
  const value = fields[name];
  if (value === undefined || value === "") {
    throw new WechatRequestError("WECHAT_MISSING_FIELD", `the message has no ${name}`);
  }
  return value;
}
