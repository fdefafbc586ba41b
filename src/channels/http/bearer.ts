/**
 * Bearer tokens (Authorization: Bearer <token>) compared in constant time, for routes that a
 * configured token opens: /metrics behind METRICS_TOKEN.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { HttpError } from "./errors.js";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** The bearer token of a request, if it sent one. */
export function bearerOf(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get("Authorization") ?? "");
  return m?.[1];
}

/** What a refusal says: the realm of WWW-Authenticate, and the setting to send. */
export interface BearerOptions {
  realm: string;
  /** The variable that holds the token, named in the refusal: "METRICS_TOKEN". */
  setting: string;
  /** What the token is called in the refusal: "metrics token". */
  what: string;
}

/** Middleware: the request carries `token` as its bearer token, or it is refused with 401. */
export function requireBearer(token: string, options: BearerOptions): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const given = bearerOf(req);
    // Hashing first gives equal lengths, so the comparison takes the same time for any guess.
    if (given !== undefined && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    next(
      new HttpError(
        401,
        "UNAUTHORIZED",
        `send the ${options.what} as Authorization: Bearer <${options.setting}>`,
        {
          "WWW-Authenticate": `Bearer realm="${options.realm}"`,
        },
      ),
    );
  };
}
