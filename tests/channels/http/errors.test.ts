import { gzipSync } from "node:zlib";
import type { Express } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { errorBody, HttpError } from "../../../src/channels/http/errors.js";
import type { RunningServer } from "../../../src/channels/http/server.js";
import { TiaowenError } from "../../../src/errors.js";
import { captureLog, LEVEL } from "../../helpers/capture-log.js";
import { startTestServer } from "../../helpers/http-server.js";

const open: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** The real app on a free port, with a few routes that fail the way libraries do, and its log. */
async function setup() {
  const log = captureLog();
  const mount = (app: Express) => {
    app.get("/fail/:status", (req) => {
      const status = Number(req.params.status);
      throw Object.assign(new Error(`failure ${status}`), { status, expose: req.query.expose !== "no" });
    });
  };
  const server = await startTestServer({ logger: log.logger, mount });
  open.push(server);
  return { url: server.url, log };
}

async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as ReturnType<typeof errorBody> };
}

describe("HttpError", () => {
  it("is a TiaowenError with a status, a stable code and extra headers", () => {
    const e = new HttpError(429, "RATE_LIMITED", "slow down", { "Retry-After": "3" });
    expect(e).toBeInstanceOf(TiaowenError);
    expect(e).toMatchObject({ name: "HttpError", status: 429, code: "RATE_LIMITED", message: "slow down" });
    expect(e.headers).toEqual({ "Retry-After": "3" });
  });
});

describe("errorBody", () => {
  it("is the JSON every error response carries", () => {
    expect(errorBody("NOT_FOUND", "nothing here")).toEqual({
      error: { code: "NOT_FOUND", message: "nothing here" },
    });
  });
});

// Body-parser's own errors (bad JSON, too large) are exercised in app.test.ts.
describe("createErrorHandler", () => {
  it("answers a path that cannot be percent-decoded with 400, not 500", async () => {
    const { url } = await setup();
    for (const path of ["/api/laws/%zz/articles/1", "/api/laws/x/articles/%ED%A0%80"]) {
      expect(await json(await fetch(url + path))).toEqual({
        status: 400,
        body: errorBody(
          "BAD_URI",
          "the path is not valid percent-encoded UTF-8: encode each part with encodeURIComponent",
        ),
      });
    }
  });

  it("answers a corrupt gzip body with 400, and a good one normally", async () => {
    const { url } = await setup();
    const corrupt = await fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" },
      body: Buffer.from("this is not gzip at all"),
    });
    expect(await json(corrupt)).toEqual({
      status: 400,
      body: errorBody(
        "BAD_BODY_ENCODING",
        "the request body cannot be decompressed as its Content-Encoding says: send valid gzip or deflate, or no Content-Encoding",
      ),
    });
    const good = await fetch(`${url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" },
      body: gzipSync(JSON.stringify({ q: "第三十条" })),
    });
    expect(good.status).toBe(200);
  });

  it("honours the 4xx status of any error, its message only when it may be shown", async () => {
    const { url } = await setup();
    expect(await json(await fetch(`${url}/fail/416`))).toEqual({
      status: 416,
      body: errorBody("RANGE_NOT_SATISFIABLE", "failure 416"),
    });
    expect(await json(await fetch(`${url}/fail/409?expose=no`))).toEqual({
      status: 409,
      body: errorBody("CONFLICT", "Conflict"),
    });
    expect(await json(await fetch(`${url}/fail/502`))).toEqual({
      status: 500,
      body: errorBody("INTERNAL", "internal error"),
    });
  });

  it("logs client errors at debug without a stack, failures at error with one", async () => {
    const { url, log } = await setup();
    await fetch(`${url}/api/laws/%zz/articles/1`);
    await fetch(`${url}/fail/502`);
    const client = log.lines.find((l) => l.msg === "client error");
    expect(client).toMatchObject({
      level: LEVEL.debug,
      status: 400,
      code: "BAD_URI",
      path: "/api/laws/%zz/articles/1",
    });
    expect(client && ("err" in client || "stack" in client)).toBe(false);
    const failed = log.lines.filter((l) => l.msg === "request failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.level).toBe(LEVEL.error);
    expect((failed[0]?.err as { stack?: string } | undefined)?.stack).toContain("failure 502");
  });
});
