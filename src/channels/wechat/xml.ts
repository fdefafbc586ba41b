/**
 * The XML of WeChat messages: a safe parser for what WeChat posts, and builders for the passive
 * replies (被动回复用户消息) we send back.
 *
 * WeChat's XML is one flat <xml> element of leaf fields, mostly in CDATA. Anything richer is
 * either a field we ignore or an attack: a body that declares a DTD (<!DOCTYPE, <!ENTITY — XXE,
 * "billion laughs") is refused, and the parser runs with entity processing off, so no entity is
 * ever expanded and no file or URL is ever read.
 *
 * DTDs are found by the parser itself, not by scanning the text beforehand: a scanner must know
 * where comments, CDATA and quoted attributes begin and end exactly as the parser does, and one
 * that did not (`<xml a="<!--"><!DOCTYPE …><!-- -->`) let a DTD through. fast-xml-parser hands
 * every DOCTYPE it reads to its entity decoder, so ours refuses there; markup declarations outside
 * a DOCTYPE (<!ENTITY, <!ELEMENT…) come out of it as elements named "!…", refused after parsing.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { WechatRequestError } from "./errors.js";

/** The leaf fields of a WeChat <xml> envelope, by tag name (ToUserName, MsgType, Content…). */
export type WechatFields = Readonly<Record<string, string>>;

const CDATA = "#cdata";
const TEXT = "#text";

/** The refusal of any DTD or markup declaration. */
function dtdRefusal(): WechatRequestError {
  return new WechatRequestError(
    "WECHAT_DTD",
    "DTDs and entity declarations are not accepted (WeChat never sends them)",
  );
}

/**
 * The parser's entity decoder: with entity processing off it decodes nothing, and it is told of
 * every DOCTYPE the parser reads (addInputEntities, called once per DOCTYPE, with or without
 * entities), which is where a DTD is refused.
 */
const refuseDoctype = {
  setExternalEntities() {},
  addInputEntities() {
    throw dtdRefusal();
  },
  reset() {},
  setXmlVersion() {},
  decode: (text: string) => text,
};

const parser = new XMLParser({
  entityDecoder: refuseDoctype,
  // Off: no DTD entity is defined or expanded. The five predefined entities and character
  // references are decoded below, by hand, where they can do no harm.
  processEntities: false,
  // Keep every value a string: MsgId is a 64-bit integer that a JS number would round.
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  // Ordered nodes with CDATA kept apart from text, so only text is entity-decoded and the
  // pieces of a field join in document order.
  preserveOrder: true,
  cdataPropName: CDATA,
  maxNestedTags: 8,
});

type XmlNode = Record<string, unknown>;

/**
 * Parses a WeChat message body into its fields.
 * @throws WechatRequestError WECHAT_DTD for a body with a DTD or entity declaration,
 *   WECHAT_BAD_XML for anything that is not a well-formed <xml> envelope.
 */
export function parseWechatXml(body: string): WechatFields {
  // The parser first, for its view of declarations (it reads what the validator rejects, such as
  // a lower-case <!doctype>); the validator then words what is malformed, with a line number.
  let nodes: unknown;
  let unreadable: unknown;
  try {
    nodes = parser.parse(body);
  } catch (error) {
    if (error instanceof WechatRequestError) throw error;
    // A DOCTYPE the parser's DOCTYPE reader refused before reaching the entity decoder (external
    // or parameter entities, malformed declarations) is still a DTD; the reader's frame says so.
    if (error instanceof Error && error.stack?.includes("DocTypeReader")) throw dtdRefusal();
    unreadable = error;
  }
  if (hasDeclaration(nodes)) throw dtdRefusal();
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new WechatRequestError(
      "WECHAT_BAD_XML",
      `malformed XML at line ${valid.err.line}: ${valid.err.msg}`,
    );
  }
  if (unreadable !== undefined) {
    // fast-xml-parser refuses tag names such as __proto__ or constructor by throwing.
    throw new WechatRequestError("WECHAT_BAD_XML", "the XML cannot be read", { cause: unreadable });
  }
  const roots = (Array.isArray(nodes) ? (nodes as XmlNode[]) : []).filter(
    (n) => elementName(n) !== undefined,
  );
  const root = roots[0];
  if (roots.length !== 1 || !root || elementName(root) !== "xml") {
    throw new WechatRequestError("WECHAT_BAD_XML", "a WeChat message is one <xml> element");
  }
  const fields: Record<string, string> = Object.create(null);
  for (const child of childrenOf(root, "xml")) {
    const name = elementName(child);
    if (name === undefined || name in fields) continue;
    const value = leafText(childrenOf(child, name));
    // Nested structures (ScanCodeInfo, SendPicsInfo…) belong to events we do not answer.
    if (value !== undefined) fields[name] = value.trim();
  }
  return fields;
}

/**
 * Whether the parser read a markup declaration as an element ("!ENTITY", "!ELEMENT", "!doctype"…):
 * outside a DOCTYPE it has no other way to show one. Depth is bounded by maxNestedTags.
 */
function hasDeclaration(nodes: unknown): boolean {
  if (!Array.isArray(nodes)) return false;
  return (nodes as XmlNode[]).some((node) => {
    const name = elementName(node);
    return name !== undefined && (name.startsWith("!") || hasDeclaration(node[name]));
  });
}

function elementName(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== TEXT && k !== CDATA && k !== ":@");
}

function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const children = node[name];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

/** The text of a leaf element (text and CDATA in order), or undefined if it has child elements. */
function leafText(children: XmlNode[]): string | undefined {
  let text = "";
  for (const child of children) {
    if (typeof child[TEXT] === "string") text += decodeEntities(child[TEXT]);
    else if (CDATA in child)
      text += childrenOf(child, CDATA)
        .map((c) => String(c[TEXT] ?? ""))
        .join("");
    else return undefined;
  }
  return text;
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes XML's predefined entities and character references; leaves anything else as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g, (m, dec, hex, name) => {
    if (name) return PREDEFINED[name as string] ?? m;
    const code = dec ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** A passive text reply (被动回复文本消息): `to` is the user's OpenID, `from` the account's id. */
export interface TextReply {
  to: string;
  from: string;
  /** Seconds since 1970. */
  createTime: number;
  content: string;
}

/** The XML of a passive text reply. */
export function textReplyXml(reply: TextReply): string {
  return (
    `<xml><ToUserName>${cdata(reply.to)}</ToUserName><FromUserName>${cdata(reply.from)}</FromUserName>` +
    `<CreateTime>${Math.floor(reply.createTime)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content>${cdata(reply.content)}</Content></xml>`
  );
}

/** A safe-mode reply envelope: the encrypted reply XML and its signature. */
export interface EncryptedReply {
  encrypt: string;
  msgSignature: string;
  /** Seconds since 1970, as signed. */
  timestamp: string;
  nonce: string;
}

/** The XML of a safe-mode reply (the field names are WeChat's: MsgSignature, TimeStamp, Nonce). */
export function encryptedReplyXml(reply: EncryptedReply): string {
  return (
    `<xml><Encrypt>${cdata(reply.encrypt)}</Encrypt><MsgSignature>${cdata(reply.msgSignature)}</MsgSignature>` +
    `<TimeStamp>${reply.timestamp}</TimeStamp><Nonce>${cdata(reply.nonce)}</Nonce></xml>`
  );
}

/**
 * A CDATA section holding `text`: characters XML 1.0 cannot carry are dropped, and "]]>" is split
 * across two sections (the only sequence CDATA cannot contain).
 */
export function cdata(text: string): string {
  return `<![CDATA[${xmlChars(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** `text` without the characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF). */
function xmlChars(text: string): string {
  let out = "";
  // for…of walks code points, so a surrogate pair arrives whole and a lone surrogate alone.
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const allowed =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    if (allowed) out += ch;
  }
  return out;
}
