import { describe, expect, it } from "vitest";
import { WechatRequestError } from "../../../src/channels/wechat/errors.js";
import { readWechatMessage } from "../../../src/channels/wechat/message.js";
import { parseWechatXml } from "../../../src/channels/wechat/xml.js";

const ACCOUNT = "gh_3f2a1b0c9d8e";
const USER = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

/** A message as WeChat posts it, with the given type-specific fields. */
function xml(msgType: string, extra: string, head = true): string {
  const common = head
    ? `<ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${USER}]]></FromUserName><CreateTime>1710000000</CreateTime>`
    : "";
  return `<xml>${common}<MsgType><![CDATA[${msgType}]]></MsgType>${extra}</xml>`;
}

function setup(body: string) {
  return readWechatMessage(parseWechatXml(body));
}

describe("readWechatMessage", () => {
  it("reads a text message as a question keyed by its MsgId", () => {
    expect(
      setup(xml("text", "<Content><![CDATA[第三十条]]></Content><MsgId>24523658924125736181</MsgId>")),
    ).toEqual({
      kind: "question",
      account: ACCOUNT,
      user: USER,
      createTime: "1710000000",
      question: "第三十条",
      via: "text",
      dedupKey: "msg:24523658924125736181",
    });
  });

  it("reads a voice message with WeChat's transcription as a question", () => {
    const body = xml(
      "voice",
      "<MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[谁负责食品安全监管？]]></Recognition><MsgId>1234567890123456</MsgId>",
    );
    expect(setup(body)).toMatchObject({ kind: "question", question: "谁负责食品安全监管？", via: "voice" });
  });

  it("calls voice without transcription, images, video, location and links unsupported", () => {
    const bodies = {
      voice:
        "<MediaId><![CDATA[m]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[]]></Recognition>",
      image: "<PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[m]]></MediaId>",
      video: "<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>",
      shortvideo: "<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId>",
      location:
        "<Location_X>40.0768</Location_X><Location_Y>113.3001</Location_Y><Scale>15</Scale><Label><![CDATA[大同市]]></Label>",
      link: "<Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[https://example.cn]]></Url>",
    };
    for (const [type, extra] of Object.entries(bodies)) {
      expect(setup(xml(type, `${extra}<MsgId>1</MsgId>`))).toMatchObject({
        kind: "unsupported",
        msgType: type,
      });
    }
  });

  it("reads events, keyed by sender, time and event since they carry no MsgId", () => {
    expect(setup(xml("event", "<Event><![CDATA[subscribe]]></Event>"))).toMatchObject({
      kind: "event",
      event: "subscribe",
      dedupKey: `event:${USER}:1710000000:subscribe`,
    });
    expect(
      setup(xml("event", "<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[V1001]]></EventKey>")),
    ).toMatchObject({
      event: "click",
    });
  });

  it("keys a message without MsgId by sender and time", () => {
    expect(setup(xml("text", "<Content>你好</Content>")).dedupKey).toBe(`at:${USER}:1710000000`);
  });

  it("refuses a message without the fields WeChat always sends, naming the field", () => {
    const cases: Array<[string, string]> = [
      [xml("text", "<Content>x</Content>", false), "the message has no ToUserName"],
      [xml("text", "<MsgId>1</MsgId>"), "a text message needs Content"],
      [xml("event", ""), "the message has no Event"],
      [
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime></xml>",
        "the message has no MsgType",
      ],
      [
        xml("text", "<Content>x</Content>").replace("1710000000", "yesterday"),
        "CreateTime must be seconds since 1970",
      ],
    ];
    for (const [body, message] of cases) {
      let caught: unknown;
      try {
        setup(body);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(WechatRequestError);
      expect((caught as WechatRequestError).code).toBe("WECHAT_MISSING_FIELD");
      expect((caught as WechatRequestError).message).toBe(message);
    }
  });
});
