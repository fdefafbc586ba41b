import { request } from "node:http";
import express from "express";
import { describe, expect, it } from "vitest";
import { startServer, urlOf } from "../../../src/channels/http/server.js";

function setup() {
  const app = express();
  app.get("/", (_req, res) => {
    res.send("ok");
  });
  return startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 200 });
}

describe("urlOf", () => {
  it("writes IPv6 hosts in brackets", () => {
    expect(urlOf("127.0.0.1", 3000)).toBe("http://127.0.0.1:3000");
    expect(urlOf("::1", 3000)).toBe("http://[::1]:3000");
  });
});

describe("startServer", () => {
  it("listens on a free port and reports its URL", async () => {
    const server = await setup();
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(await (await fetch(server.url)).text()).toBe("ok");
    } finally {
      await server.close();
    }
  });

  it("closes even with a keep-alive connection open", async () => {
    const server = await setup();
    const agent = new (await import("node:http")).Agent({ keepAlive: true });
    await new Promise<void>((done) => {
      request(server.url, { agent }, (res) => {
        res.resume();
        res.on("end", done);
      }).end();
    });
    await server.close();
    expect(server.server.listening).toBe(false);
    agent.destroy();
  });

  it("rejects when the port is taken", async () => {
    const first = await setup();
    try {
      await expect(startServer(express(), { host: "127.0.0.1", port: first.port })).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await first.close();
    }
  });
});
