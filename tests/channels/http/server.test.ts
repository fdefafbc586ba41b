import { Agent, request } from "node:http";
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

  it("makes requests and responses with the app's prototypes, before express sees them", async () => {
    const app = express();
    app.post("/echo", express.json(), (req, res) => {
      res.status(201).json({ body: req.body, path: req.path, ip: req.ip });
    });
    let before: [boolean, boolean] | undefined;
    // What express's handle receives: checked before it sets any prototype itself.
    const spy = Object.assign(
      (req: object, res: object) => {
        before = [Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response];
        app(req as Parameters<typeof app>[0], res as Parameters<typeof app>[1]);
      },
      { request: app.request, response: app.response },
    );
    const server = await startServer(spy as unknown as typeof app, { host: "127.0.0.1", port: 0 });
    try {
      const res = await fetch(`${server.url}/echo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ q: "谁负责" }),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ body: { q: "谁负责" }, path: "/echo", ip: "127.0.0.1" });
      expect(before).toEqual([true, true]);
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

  it("drains: idle keep-alive connections closed, a request in flight answered with Connection: close", async () => {
    let arrived = false;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = express();
    app.get("/", (_req, res) => {
      res.send("ok");
    });
    app.get("/slow", async (_req, res) => {
      arrived = true;
      await held;
      res.send("done");
    });
    const server = await startServer(app, { host: "127.0.0.1", port: 0, closeGraceMs: 60_000 });
    const idleAgent = new Agent({ keepAlive: true });
    const busyAgent = new Agent({ keepAlive: true });
    const get = (path: string, agent: Agent) =>
      new Promise<{ connection: string | undefined; body: string }>((done, fail) => {
        request(`${server.url}${path}`, { agent }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => {
            body += c.toString();
          });
          res.on("end", () => done({ connection: res.headers.connection, body }));
        })
          .on("error", fail)
          .end();
      });
    const idleSockets = () => Object.values(idleAgent.freeSockets).flat().length;
    expect((await get("/", idleAgent)).connection).toBe("keep-alive");
    expect(idleSockets()).toBe(1);
    const slow = get("/slow", busyAgent);
    await expect.poll(() => arrived).toBe(true);
    const closed = server.close();
    await expect.poll(idleSockets).toBe(0);
    release();
    expect(await slow).toEqual({ connection: "close", body: "done" });
    await closed;
    expect(server.server.listening).toBe(false);
    idleAgent.destroy();
    busyAgent.destroy();
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
