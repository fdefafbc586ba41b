import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WechatRequestError } from "../../../src/channels/wechat/errors.js";
import { cdata, encryptedReplyXml, parseWechatXml, textReplyXml } from "../../../src/channels/wechat/xml.js";

// A text message as WeChat posts it (被动回复用户消息 / 接收普通消息 example, with a real-sized MsgId).
const TEXT_MESSAGE = `<xml>
  <ToUserName><![CDATA[gh_3f2a1b0c9d8e]]></ToUserName>
  <FromUserName><![CDATA[oLVPpjqs9BhvzwPj5A-vTYAX3GLc]]></FromUserName>
  <CreateTime>1710000000</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[谁负责食品安全监管？]]></Content>
  <MsgId>24523658924125736181</MsgId>
</xml>`;

function refusal(body: string): WechatRequestError {
  try {
    parseWechatXml(body);
  } catch (error) {
    if (error instanceof WechatRequestError) return error;
    throw error;
  }
  throw new Error("expected the body to be refused");
}

describe("parseWechatXml", () => {
  it("reads the fields of a text message, keeping MsgId as written (it exceeds 2^53)", () => {
    expect(parseWechatXml(TEXT_MESSAGE)).toEqual({
      ToUserName: "gh_3f2a1b0c9d8e",
      FromUserName: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc",
      CreateTime: "1710000000",
      MsgType: "text",
      Content: "谁负责食品安全监管？",
      MsgId: "24523658924125736181",
    });
  });

  it("accepts an XML declaration and decodes the predefined entities in plain text only", () => {
    const fields = parseWechatXml(
      `<?xml version="1.0" encoding="UTF-8"?><xml><A>a &lt;b&gt; &amp; &#20013;&#x6587; &unknown;</A><B><![CDATA[&amp; stays]]></B></xml>`,
    );
    expect(fields.A).toBe("a <b> & 中文 &unknown;");
    expect(fields.B).toBe("&amp; stays");
  });

  it("joins text and CDATA pieces in document order", () => {
    expect(parseWechatXml("<xml><A><![CDATA[x]]]]><![CDATA[>y]]>z</A></xml>").A).toBe("x]]>yz");
  });

  it("skips nested structures and keeps the first of repeated fields", () => {
    const fields = parseWechatXml(
      "<xml><MsgType>event</MsgType><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo><MsgType>text</MsgType></xml>",
    );
    expect(fields).toEqual({ MsgType: "event" });
  });

  it("answers a resident who types “<!DOCTYPE” (WeChat wraps it in CDATA)", () => {
    const body =
      "<xml><MsgType>text</MsgType><Content><![CDATA[<!DOCTYPE html> 是什么？<!ENTITY>]]></Content></xml>";
    expect(parseWechatXml(body).Content).toBe("<!DOCTYPE html> 是什么？<!ENTITY>");
  });

  it("refuses an XXE payload, expanding nothing", () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xml><ToUserName>gh_1</ToUserName><Content>&xxe;</Content></xml>`;
    const error = refusal(xxe);
    expect(error.code).toBe("WECHAT_DTD");
    expect(error.status).toBe(400);
    expect(error.message).toBe("DTDs and entity declarations are not accepted (WeChat never sends them)");
  });

  it("refuses “billion laughs”, parameter entities and declarations hidden among comments", () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><Content>&lol3;</Content></xml>`;
    const bodies = [
      laughs,
      `<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]><xml/>`,
      `<!doctype xml><xml/>`,
      `<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY a "b">]><!-- ]]> --><xml><A>&a;</A></xml>`,
      `<xml><!ENTITY a "b"></xml>`,
      `<xml><!ATTLIST a b CDATA "c"></xml>`,
    ];
    for (const body of bodies) expect(refusal(body).code).toBe("WECHAT_DTD");
  });

  it("refuses a DTD wherever the parser meets one, whatever a quoted attribute seems to open", () => {
    const bodies = [
      `<xml a="<!--"><!DOCTYPE x [<!ENTITY e "X">]><!-- --><Content>&e;</Content></xml>`,
      `<xml a='<!--'><!DOCTYPE x><!-- --><MsgType>text</MsgType></xml>`,
      `<xml><A b="<![CDATA["><!DOCTYPE x [<!ENTITY e "X">]>]]></A></xml>`,
      `<xml><MsgType>text</MsgType><!DOCTYPE x [<!FOO>]></xml>`,
      `<xml><Content><!ELEMENT x ANY>1</Content></xml>`,
      `<xml><Content><!NOTATION n SYSTEM "x">1</Content></xml>`,
    ];
    for (const body of bodies) expect(refusal(body).code, body).toBe("WECHAT_DTD");
  });

  it("refuses malformed XML and anything but one <xml> element", () => {
    const bodies = [
      "",
      "not xml",
      "<xml><A>1</A>",
      "<xml><A>1</B></xml>",
      "<xml></xml><xml></xml>",
      "<message><A>1</A></message>",
      "<xml><A><![CDATA[unterminated</A></xml>",
      "<xml><__proto__>x</__proto__></xml>",
      "<xml><constructor>x</constructor></xml>",
      '{"MsgType":"text"}',
    ];
    for (const body of bodies) {
      const error = refusal(body);
      expect(error.code, body).toBe("WECHAT_BAD_XML");
      expect(error.status).toBe(400);
    }
  });

  it("does not pollute prototypes", () => {
    const fields = parseWechatXml(
      "<xml><MsgType>text</MsgType><toString>x</toString><hasOwnProperty>y</hasOwnProperty></xml>",
    );
    expect(fields.MsgType).toBe("text");
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });
});

describe("textReplyXml", () => {
  it("builds the passive text reply WeChat expects", () => {
    expect(textReplyXml({ to: "oUser", from: "gh_account", createTime: 1710000000.9, content: "您好" })).toBe(
      "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName>" +
        "<CreateTime>1710000000</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
        "<Content><![CDATA[您好]]></Content></xml>",
    );
  });

  it("carries any text through our own parser (controls and lone surrogates dropped)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (content) => {
        const xml = textReplyXml({ to: "o", from: "gh", createTime: 1, content });
        // XML parsers turn CR and CRLF into LF, inside CDATA too.
        const expected = content
          .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
          .replace(/\r\n?/g, "\n");
        expect(parseWechatXml(xml).Content).toBe(expected.trim());
      }),
      { numRuns: 300 },
    );
  });

  it("carries ]]> and XML-looking text intact", () => {
    const content = "条文中的 ]]> 与 <xml> 以及 &amp; 原样保留";
    const xml = textReplyXml({ to: "o", from: "gh", createTime: 1, content });
    expect(parseWechatXml(xml).Content).toBe(content);
  });
});

describe("encryptedReplyXml", () => {
  it("builds the safe-mode envelope with WeChat's field names", () => {
    const xml = encryptedReplyXml({
      encrypt: "QUJD",
      msgSignature: "abc",
      timestamp: "1710000000",
      nonce: "42",
    });
    expect(parseWechatXml(xml)).toEqual({
      Encrypt: "QUJD",
      MsgSignature: "abc",
      TimeStamp: "1710000000",
      Nonce: "42",
    });
  });
});

describe("cdata", () => {
  it("splits ]]> across two sections", () => {
    expect(cdata("a]]>b")).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
  });
});
