/**
 * GET /metrics: the Prometheus exposition of ops/metrics.ts, for the city's monitoring to scrape.
 * It holds counts and timings only (no questions, no residents, no settings); keep it off the
 * public side of the load balancer all the same, as is usual for /metrics, and where it must be
 * reachable set METRICS_TOKEN: the scraper then sends it as a bearer token
 * (Prometheus: `authorization: { credentials: <token> }`).
 */
import type { RequestHandler } from "express";
import type { Metrics } from "../../ops/metrics.js";
import { requireBearer } from "./bearer.js";

/** The realm named in WWW-Authenticate when the token is missing. */
export const METRICS_REALM = "tiaowen metrics";

/** The handlers of GET /metrics: the token check when `token` is set, then the exposition. */
export function metricsHandler(metrics: Metrics, token?: string): RequestHandler[] {
  const serve: RequestHandler = async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.set("Cache-Control", "no-store").type(contentType).send(body);
  };
  if (!token) return [serve];
  return [
    requireBearer(token, { realm: METRICS_REALM, setting: "METRICS_TOKEN", what: "metrics token" }),
    serve,
  ];
}
