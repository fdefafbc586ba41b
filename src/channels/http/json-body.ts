/**
 * Reading a small JSON request body without body-parser's machinery on the common path. A
 * question is a few hundred bytes of UTF-8 JSON; express.json() pipes it through raw-body, an
 * iconv decoder and several stream helpers, which cost more per request than answering a
 * question from the cache (measured with `npm run bench`, see README "Speed"). Here the chunks
 * are collected and parsed directly. Bodies with a Content-Encoding (gzip…) or a charset other
 * than UTF-8 still go through express.json(), which knows them, and its errors are left to the
 * app's error handler as before.
 */
import express, { type Request, type RequestHandler, type Response } from "express";
import { HttpError } from "./errors.js";

/** Options of {@link jsonBody}. */
export interface JsonBodyOptions {
  /** Largest body in bytes. */
  limit: number;
}

const TOO_LARGE = (limit: number) =>
  new HttpError(
    413,
    "BODY_TOO_LARGE",
    `the request body is larger than ${Math.round(limit / 1024)} KB: send only the question`,
  );
const BAD_JSON = () =>
  new HttpError(400, "BAD_JSON", 'the request body is not valid JSON: send {"q": "your question"}');

/** Whether the plain path can read this request: JSON, UTF-8, not compressed. */
function plain(req: Request): boolean {
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") return false;
  const type = req.headers["content-type"];
  if (type === undefined) return false;
  const lower = type.toLowerCase();
  if (!lower.startsWith("application/json")) return false;
  const charset = /;\s*charset=("?)([^";\s]+)\1/.exec(lower)?.[2];
  return charset === undefined || charset === "utf-8" || charset === "utf8";
}

/**
 * Middleware that sets `req.body` to the parsed JSON of an application/json request (leaves it
 * undefined for other types, as express.json does).
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const { limit } = options;
  const fallback = express.json({ limit });
  return (req: Request, res: Response, next) => {
    if (!plain(req)) {
      fallback(req, res, next);
      return;
    }
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) {
      // Stop reading: the client is told at once and the connection closed after the reply.
      res.setHeader("Connection", "close");
      next(TOO_LARGE(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: HttpError) => {
      if (failed) return;
      failed = true;
      req.removeListener("data", onData);
      req.resume();
      next(error);
    };
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(TOO_LARGE(limit));
      else {
        chunks.push(chunk);
        // All the bytes Content-Length announced are here: go on now rather than a tick later
        // at "end" (a question fits in one chunk, so this is the usual case).
        if (size === declared) finish();
      }
    };
    const finish = () => {
      if (failed || done) return;
      done = true;
      if (req.headers["content-length"] !== undefined && size !== declared) {
        fail(new HttpError(400, "BAD_LENGTH", "the request body does not match its Content-Length"));
        return;
      }
      const text =
        chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
      try {
        // Strict, as express.json: only an object or an array at the top; empty is a missing question.
        if (text !== "" && !/^\s*[[{]/.test(text)) throw new SyntaxError("not an object");
        req.body = text === "" ? {} : JSON.parse(text);
      } catch {
        fail(BAD_JSON());
        return;
      }
      next();
    };
    if (req.complete) {
      // The whole message is parsed already (a small body arrives with its headers): take the
      // buffered chunks now instead of waiting for the stream's "end" a tick later.
      for (let chunk: Buffer | null = req.read(); chunk !== null; chunk = req.read()) onData(chunk);
      req.resume();
      finish();
      return;
    }
    req.on("data", onData);
    req.once("aborted", () =>
      fail(new HttpError(400, "ABORTED", "the request body was not sent completely")),
    );
    req.once("end", finish);
  };
}
