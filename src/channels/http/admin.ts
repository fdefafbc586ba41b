/**
 * The staff routes under /admin, for the console's "待完善问题" view:
 *
 * - `GET /admin/review?from=YYYY-MM-DD&to=YYYY-MM-DD`: the questions the law did not answer and the
 *   answers residents voted down, grouped (feedback/review.ts);
 * - `POST /admin/reload`: rebuild the bot from intents/ and swap it in (on every instance when they
 *   share Redis).
 *
 * Both need ADMIN_TOKEN as a bearer token. Every request without it gets the same 401, whatever
 * the path and whether or not a token is configured, so the routes reveal nothing to a stranger;
 * the token is compared in constant time. Without ADMIN_TOKEN the routes are simply closed.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import express, { type Request, type RequestHandler, type Router } from "express";
import { TiaowenError } from "../../errors.js";
import type { TimeRange } from "../../feedback/records.js";
import { type ReviewGroup, reviewRange } from "../../feedback/review.js";
import { ReloadError } from "../../ops/bot-holder.js";
import type { ReloadReport } from "../../ops/runtime.js";
import { HttpError } from "./errors.js";

/** Options of {@link createAdminRouter}. */
export interface AdminOptions {
  /** ADMIN_TOKEN; without it every request is refused. */
  token: string | undefined;
  /** The review of a time range. */
  review(range: TimeRange): Promise<ReviewGroup[]>;
  /** Reloads the vocabulary; rejects with ReloadError (the old bot still serving) when it is broken. */
  reload(): Promise<ReloadReport>;
}

/** The realm named in WWW-Authenticate. */
export const ADMIN_REALM = "tiaowen admin";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** The bearer token of a request, if it sent one. */
function bearerOf(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get("Authorization") ?? "");
  return m?.[1];
}

/** Middleware: the request carries ADMIN_TOKEN, or it is refused with 401 and nothing else. */
export function requireAdmin(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (req, _res, next) => {
    const given = bearerOf(req);
    // Hashing first gives equal lengths, so the comparison takes the same time for any guess.
    if (expected && given !== undefined && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    next(
      new HttpError(401, "UNAUTHORIZED", "send the admin token as Authorization: Bearer <ADMIN_TOKEN>", {
        "WWW-Authenticate": `Bearer realm="${ADMIN_REALM}"`,
      }),
    );
  };
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") {
    throw new HttpError(400, "BAD_QUERY", `give the query parameter ${name} once, as text`);
  }
  return value;
}

/** Creates the router mounted at /admin (the token check included). */
export function createAdminRouter(options: AdminOptions): Router {
  const router = express.Router();
  router.use(requireAdmin(options.token));
  router.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  router.get("/review", async (req, res) => {
    let range: TimeRange;
    try {
      range = reviewRange(query(req, "from"), query(req, "to"));
    } catch (error) {
      if (error instanceof TiaowenError) throw new HttpError(400, error.code, error.message);
      throw error;
    }
    let groups: ReviewGroup[];
    try {
      groups = await options.review(range);
    } catch (error) {
      if (error instanceof TiaowenError && error.code === "FEEDBACK_UNAVAILABLE") {
        throw new HttpError(503, error.code, error.message, { "Retry-After": "5" });
      }
      throw error;
    }
    res.json({ from: range.from.toISOString(), to: range.to.toISOString(), groups });
  });

  router.post("/reload", async (_req, res) => {
    try {
      res.json({ reloaded: true, ...(await options.reload()) });
    } catch (error) {
      if (error instanceof ReloadError) throw new HttpError(422, error.code, error.message);
      throw error;
    }
  });

  return router;
}
