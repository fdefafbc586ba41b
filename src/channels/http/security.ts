/**
 * Security headers and CORS. Every response carries helmet's headers (HSTS only over HTTPS) and a
 * strict Content-Security-Policy: scripts, styles and requests only from this server, nothing inline,
 * no plugins, no <base>. Only the widget's pages may be framed by other sites, and only by the
 * origins in FRAME_ANCESTORS; the API answers cross-origin browser calls only from ALLOWED_ORIGINS.
 */
import cors from "cors";
import type { Request, RequestHandler, Response } from "express";
import helmet from "helmet";

/** The HSTS policy: helmet's default, a year and every subdomain. */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Options of {@link securityHeaders}. */
export interface SecurityOptions {
  /** Origins allowed to frame the widget, besides the server itself (FRAME_ANCESTORS). */
  frameAncestors: readonly string[];
  /** Paths of the framable widget pages. */
  widgetPaths: readonly string[];
}

/** The CSP directives; `frameAncestors` differs between the widget and everything else. */
export function cspDirectives(frameAncestors: readonly string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'", ...frameAncestors.filter((o) => o !== "'self'")],
  };
}

/**
 * helmet, in two variants: the widget pages may be framed by the configured origins (CSP
 * frame-ancestors; X-Frame-Options off, since it cannot name origins), every other response only
 * by this server itself.
 */
export function securityHeaders(options: SecurityOptions): RequestHandler {
  // useDefaults: false drops upgrade-insecure-requests, which would break http://127.0.0.1 in
  // development; behind TLS the proxy redirects to https and HSTS does the rest.
  // HSTS only on responses that went out over HTTPS (req.secure: TLS here, or X-Forwarded-Proto
  // from a proxy TRUST_PROXY vouches for). Browsers ignore it over plain HTTP, and sending it there
  // anyway would pin a host name to HTTPS the day a TLS front is put before it for a test.
  const widget = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(options.frameAncestors) },
    xFrameOptions: false,
    strictTransportSecurity: false,
  });
  const rest = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives([]) },
    xFrameOptions: { action: "sameorigin" },
    strictTransportSecurity: false,
  });
  const widgetPaths = new Set(options.widgetPaths);
  // helmet's headers depend on nothing in the request: they are computed once here and set from
  // a list, instead of running helmet's dozen middlewares on every request (~20 µs of a 250 µs
  // answer, measured with a CPU profile under `npm run bench`).
  const widgetHeaders = headersOf(widget);
  const restHeaders = headersOf(rest);
  return (req, res, next) => {
    for (const [name, value] of widgetPaths.has(req.path) ? widgetHeaders : restHeaders)
      res.setHeader(name, value);
    if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}

/** The headers a header-only middleware such as helmet sets, recorded by running it once. */
export function headersOf(middleware: RequestHandler): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader(name: string, value: unknown) {
      headers.set(name, String(value));
      return res;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
    getHeader: (name: string) => headers.get(name),
  };
  let called = false;
  middleware({ method: "GET", headers: {}, path: "/" } as Request, res as unknown as Response, () => {
    called = true;
  });
  if (!called) throw new Error("a header middleware must call next() at once");
  return [...headers];
}

/**
 * CORS for the API: browsers on ALLOWED_ORIGINS may call it; others get no CORS headers (and so
 * cannot read the response). With no origins configured only same-origin pages (the widget and
 * the console) use the API from a browser.
 */
export function apiCors(allowedOrigins: readonly string[]): RequestHandler {
  if (allowedOrigins.length === 0) return (_req, _res, next) => next();
  return cors({
    origin: [...allowedOrigins],
    methods: ["GET", "POST"],
    allowedHeaders: ["Content-Type"],
    exposedHeaders: ["RateLimit-Limit", "RateLimit-Remaining", "Retry-After", "X-Answer-Id"],
    maxAge: 600,
  });
}
