/**
 * One route served past express's router. Entering the router costs every request a few dozen
 * microseconds (its per-request closures, layer matching, the final handler made for each
 * request): for POST /api/ask that was more than a sixth of a computed answer — server CPU per
 * request 280 → 250 µs with the answer cache off (`npm run bench`, README "HTTP server").
 *
 * The route's handlers run as express runs them: with express's request and response (the
 * prototypes express gives them, so req.ip, req.path, res.json… behave the same), one after the
 * other through `next`, a throw or a rejected promise passed on as an error, and an error to the
 * app's error handler. Only requests with exactly this method and URL come here (no query
 * string, no trailing slash, this case): the router serves every other one as before.
 */
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from "express";

/** The route. */
export interface DirectRoute {
  method: string;
  /** The request URL, compared as it is. */
  url: string;
  /** The middlewares and the handler, in order: what the router would have run for this URL. */
  handlers: readonly RequestHandler[];
  /** What runs when no handler answers (the app's 404). */
  notFound: RequestHandler;
  /** The app's error handler. */
  onError: ErrorRequestHandler;
}

/** What express adds to an app and does not declare in its types. */
interface ExpressInternals {
  handle(req: Request, res: Response, done?: (err?: unknown) => void): void;
  request: object;
  response: object;
}

/** Serves `route` directly; everything else goes through the app's router. */
export function serveDirectly(app: Express, route: DirectRoute): void {
  const internals = app as unknown as ExpressInternals;
  const viaRouter = internals.handle.bind(app);
  const { handlers, notFound, onError } = route;
  internals.handle = (req, res, done) => {
    // A mounted app (done given by its parent) keeps the router's handing back to the parent.
    if (done !== undefined || req.method !== route.method || req.url !== route.url) {
      viaRouter(req, res, done);
      return;
    }
    // What app.handle does before its router runs.
    if (app.enabled("x-powered-by")) res.setHeader("X-Powered-By", "Express");
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, internals.request);
    Object.setPrototypeOf(res, internals.response);
    res.locals ??= Object.create(null);
    req.originalUrl ??= req.url;
    req.baseUrl = "";
    req.params = {};
    let at = 0;
    let failed = false;
    const run = (handler: RequestHandler | ErrorRequestHandler, error: unknown, next: NextFunction) => {
      try {
        const result: unknown =
          error === undefined
            ? (handler as RequestHandler)(req, res, next)
            : (handler as ErrorRequestHandler)(error, req, res, next);
        // As express 5: a returned promise that rejects passes its reason on as an error.
        if (typeof (result as Promise<unknown> | undefined)?.then === "function")
          (result as Promise<unknown>).then(undefined, (e: unknown) =>
            next(e ?? new Error("Rejected promise")),
          );
      } catch (e) {
        next(e);
      }
    };
    const next: NextFunction = (error?: unknown) => {
      // next("route") skips the rest of the route: the router would find nothing else for it.
      if (error === "route" || error === "router") {
        at = handlers.length;
        error = undefined;
      }
      if (error !== undefined && error !== null) {
        if (failed) {
          giveUp(app, req, error);
          return;
        }
        failed = true;
        run(onError, error, (e?: unknown) => giveUp(app, req, e ?? error));
        return;
      }
      const handler = handlers[at++];
      run(handler ?? notFound, undefined, next);
    };
    next();
  };
}

/**
 * What express's final handler does with an error the error handler passed on (it does so only
 * once the response has begun): log it, outside tests, and close the connection.
 */
function giveUp(app: Express, req: Request, error: unknown): void {
  if (app.get("env") !== "test")
    setImmediate(() =>
      console.error(error instanceof Error ? (error.stack ?? String(error)) : String(error)),
    );
  req.socket?.destroy();
}
