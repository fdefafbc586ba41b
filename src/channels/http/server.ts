/**
 * Listening: `startServer(app, { host, port })` binds, resolves once the port is open, and returns
 * the address, a `drain()` that begins a graceful stop and a `close()` that completes it.
 *
 * Draining is what lets an instance leave a load balancer without resetting anyone's request:
 * it stops accepting connections, closes the keep-alive connections that sit idle, and answers
 * every request from then on — those in flight included — with `Connection: close`, so each
 * connection ends after its response instead of being cut while a client reuses it. The process
 * can exit as soon as the last response is out; what outlasts the grace period is cut.
 */
import {
  createServer,
  IncomingMessage,
  type IncomingMessage as Req,
  type Server,
  ServerResponse,
} from "node:http";
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
  /**
   * Begins the stop (idempotent): no new connections, idle keep-alive connections closed, and
   * `Connection: close` on every response not yet begun, so each connection ends with its response.
   */
  drain(): void;
  /** Drains, then resolves when every connection is closed (those left after the grace period are cut). */
  close(): Promise<void>;
}

/** http://127.0.0.1:3000, http://[::1]:3000 */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Starts listening; rejects if the port cannot be bound (in use, no permission). */
export function startServer(app: Express, options: ListenOptions): Promise<RunningServer> {
  let draining = false;
  // Responses begun before the drain: their headers may still be unsent.
  const inFlight = new Set<ServerResponse>();
  const server = createServer(appMessages(app), (req: Req, res: ServerResponse) => {
    if (draining) {
      res.setHeader("Connection", "close");
    } else {
      inFlight.add(res);
      res.once("close", () => inFlight.delete(res));
    }
    app(req, res);
  });
  // Slow-loris protection and a bound on header size: a question never needs more.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const grace = options.closeGraceMs ?? 5_000;

  const drain = () => {
    if (draining) return;
    draining = true;
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader("Connection", "close");
      // Already answering with keep-alive (a long response): end the connection after it.
      else res.once("finish", () => res.socket?.end());
    }
    server.close();
    server.closeIdleConnections();
  };

  // 'close' comes once the listener is closed and the last connection has ended.
  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: urlOf(options.host, port),
        port,
        server,
        drain,
        close() {
          drain();
          const cut = setTimeout(() => server.closeAllConnections(), grace);
          cut.unref();
          return closed.finally(() => clearTimeout(cut));
        },
      });
    });
  });
}

/** What express adds to an app and does not declare in its types: the prototypes of its requests. */
interface AppPrototypes {
  request: object;
  response: object;
}

/**
 * Request and response classes made with the app's prototypes from the start. Express sets them
 * on every request (Object.setPrototypeOf); done to a live object, that gives each request a map
 * of its own history, and every property read on requests and responses, in Node's HTTP code as
 * in express's, misses V8's inline caches (a CPU profile of `npm run bench` showed ~15% of a
 * computed answer's server time in IC misses). Created with the right prototype, express's
 * setPrototypeOf finds it already there and changes nothing.
 */
function appMessages(app: Express): {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
} {
  const { request, response } = app as unknown as AppPrototypes;
  function AppRequest(this: IncomingMessage, ...args: ConstructorParameters<typeof IncomingMessage>) {
    IncomingMessage.apply(this, args);
  }
  AppRequest.prototype = request;
  function AppResponse(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>) {
    ServerResponse.apply(this, args);
  }
  AppResponse.prototype = response;
  return {
    IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof ServerResponse,
  };
}
