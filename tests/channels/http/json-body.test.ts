import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createErrorHandler } from "../../../src/channels/http/errors.js";
import { jsonBody } from "../../../src/channels/http/json-body.js";

let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const app = express();
  app.post("/echo", jsonBody({ limit: 1024 }), (req, res) => {
    res.json({ body: req.body ?? null });
  });
  app.use(createErrorHandler(pino({ level: "silent" })));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

/** Sends raw bytes with the given headers; the status and the JSON body. */
function send(body: Buffer | string, headers: Record<string, string | number>, chunks = 1) {
  return new Promise<{ status: number; json: { body?: unknown; error?: { code: string } } }>(
    (resolve, reject) => {
      const req = request(`${base}/echo`, { method: "POST", headers }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      });
      req.on("error", reject);
      const bytes = Buffer.from(body);
      const size = Math.ceil(bytes.length / chunks);
      for (let i = 0; i < bytes.length; i += size) req.write(bytes.subarray(i, i + size));
      req.end();
    },
  );
}

describe("jsonBody", () => {
  it("parses a UTF-8 JSON body, sent whole or in pieces, with or without Content-Length", async () => {
    const json = JSON.stringify({ q: "谁负责食品安全监管？" });
    const length = Buffer.byteLength(json);
    for (const chunks of [1, 7]) {
      expect(
        (await send(json, { "Content-Type": "application/json", "Content-Length": length }, chunks)).json,
      ).toEqual({
        body: { q: "谁负责食品安全监管？" },
      });
      expect(
        (await send(json, { "Content-Type": "application/json; charset=utf-8" }, chunks)).json.body,
      ).toEqual({
        q: "谁负责食品安全监管？",
      });
    }
  });

  it("leaves other content types alone, and hands gzip to express.json", async () => {
    expect((await send("q=1", { "Content-Type": "application/x-www-form-urlencoded" })).json.body).toBeNull();
    const gz = gzipSync(JSON.stringify({ q: "第三十条" }));
    expect(
      (await send(gz, { "Content-Type": "application/json", "Content-Encoding": "gzip" })).json.body,
    ).toEqual({
      q: "第三十条",
    });
  });

  it("refuses what is not a JSON object or array, and bodies over the limit", async () => {
    expect(await send("{", { "Content-Type": "application/json" })).toMatchObject({
      status: 400,
      json: { error: { code: "BAD_JSON" } },
    });
    expect(await send('"text"', { "Content-Type": "application/json" })).toMatchObject({ status: 400 });
    const big = JSON.stringify({ q: "食".repeat(400) });
    expect(await send(big, { "Content-Type": "application/json" }, 5)).toMatchObject({
      status: 413,
      json: { error: { code: "BODY_TOO_LARGE" } },
    });
    expect(
      await send(big, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(big) }),
    ).toMatchObject({
      status: 413,
    });
  });
});
