/**
 * GET /metrics: the Prometheus exposition of ops/metrics.ts, for the city's monitoring to scrape.
 * It holds counts and timings only (no questions, no residents, no settings); keep it off the
 * public side of the load balancer all the same, as is usual for /metrics.
 */
import type { RequestHandler } from "express";
import type { Metrics } from "../../ops/metrics.js";

/** The handler of GET /metrics. */
export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.set("Cache-Control", "no-store").type(contentType).send(body);
  };
}
