/**
 * Listening: `startServer(app, { host, port })` binds, resolves once the port is open, and returns
 * the address and a `close()` that stops accepting, lets requests in flight finish, and then cuts
 * idle keep-alive connections (which would otherwise hold the process open).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";

/** Where to listen. */
export interface ListenOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
  /** How long close() waits for requests in flight before cutting them. Default 5,000 ms. */
  closeGraceMs?: number;
}

/** A listening server. */
export interface RunningServer {
  /** http://host:port, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops the server; resolves when every connection is closed. */
  close(): Promise<void>;
}

/** http://127.0.0.1:3000, http://[::1]:3000 */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Starts listening; rejects if the port cannot be bound (in use, no permission). */
export function startServer(app: Express, options: ListenOptions): Promise<RunningServer> {
  const server = createServer(app);
  // Slow-loris protection and a bound on header size: a question never needs more.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const grace = options.closeGraceMs ?? 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        url: urlOf(options.host, port),
        port,
        server,
        close() {
          closing ??= new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), grace).unref();
          });
          return closing;
        },
      });
    });
  });
}
