import { request as httpRequest } from "node:http";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { serveDirectly } from "../../../src/channels/http/direct-route.js";
import { type RunningServer, startServer } from "../../../src/channels/http/server.js";

let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * An app with POST /q served directly and the same handlers mounted on the router, answering
 * which way each request went.
 */
async function setup(handlers: RequestHandler[]) {
  const app = express();
  app.set("trust proxy", "loopback");
  const notFound: RequestHandler = (req, _res, next) =>
    next(Object.assign(new Error(`no ${req.path}`), { status: 404 }));
  const onError: ErrorRequestHandler = (err: { message: string; status?: number }, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    res.status(err.status ?? 500).json({ error: err.message, path: req.path });
  };
  let direct = 0;
  const counted: RequestHandler = (_req, _res, next) => {
    direct++;
    next();
  };
  app.post("/q", ...handlers);
  app.use(notFound);
  app.use(onError);
  serveDirectly(app, { method: "POST", url: "/q", handlers: [counted, ...handlers], notFound, onError });
  server = await startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 100 });
  const post = async (path: string) => {
    const r = await fetch(`${server?.url}${path}`, { method: "POST", body: "{}" });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  return { post, direct: () => direct, url: server.url };
}

describe("serveDirectly", () => {
  it("runs the handlers in order with express's request and response", async () => {
    const { post, direct } = await setup([
      (req, res, next) => {
        res.setHeader("X-First", "1");
        (req as unknown as { seen: string[] }).seen = [req.ip ?? "", req.path];
        next();
      },
      (req, res) => {
        res.status(201).json({ seen: (req as unknown as { seen: string[] }).seen });
      },
    ]);
    expect(await post("/q")).toEqual({ status: 201, body: { seen: ["127.0.0.1", "/q"] } });
    expect(direct()).toBe(1);
  });

  it("leaves other URLs of the route to the router, which answers them the same", async () => {
    const { post, direct } = await setup([(req, res) => void res.json({ path: req.path })]);
    expect(await post("/q?x=1")).toEqual({ status: 200, body: { path: "/q" } });
    expect(await post("/q/")).toEqual({ status: 200, body: { path: "/q/" } });
    expect(direct()).toBe(0);
  });

  it("passes a throw, a rejected promise and next(error) to the error handler", async () => {
    for (const failing of [
      () => {
        throw Object.assign(new Error("thrown"), { status: 400 });
      },
      async () => {
        throw Object.assign(new Error("rejected"), { status: 422 });
      },
      ((_req, _res, next) => next(Object.assign(new Error("passed"), { status: 409 }))) as RequestHandler,
    ] as RequestHandler[]) {
      const { post } = await setup([failing]);
      const r = await post("/q");
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body).toEqual({ error: expect.stringMatching(/thrown|rejected|passed/), path: "/q" });
      await server?.close();
      server = undefined;
    }
  });

  it("answers with the app's 404 when no handler answers, or one skips the route", async () => {
    const { post } = await setup([(_req, _res, next) => next()]);
    expect(await post("/q")).toEqual({ status: 404, body: { error: "no /q", path: "/q" } });
    await server?.close();
    const skipping = await setup([(_req, _res, next) => next("route"), (_req, res) => void res.json({})]);
    expect(await skipping.post("/q")).toEqual({ status: 404, body: { error: "no /q", path: "/q" } });
  });

  it("closes the connection when an error comes after the response began", async () => {
    const { url } = await setup([
      (_req, res) => {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.write("partial");
        throw new Error("too late");
      },
    ]);
    // The connection is cut: the response never completes.
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${url}/q`, { method: "POST" }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve("ended"));
        res.on("error", () => resolve("cut"));
        res.on("aborted", () => resolve("cut"));
      });
      req.on("error", () => resolve("cut"));
      req.end("{}");
    });
    expect(outcome).toBe("cut");
  });
});
