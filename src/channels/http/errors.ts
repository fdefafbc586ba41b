/**
 * HTTP errors and the one error handler of the server. Every failure leaves as JSON
 * `{ "error": { "code", "message" } }` with the right status; anything unexpected becomes a plain
 * 500 whose details (the stack) go to the log, never to the client.
 */
import { STATUS_CODES } from "node:http";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { TiaowenError } from "../../errors.js";

/** The error body every failing request receives. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** A failure the client caused or must know about: carries its HTTP status and a stable code. */
export class HttpError extends TiaowenError {
  override name = "HttpError";
  /** The HTTP status to answer with. */
  readonly status: number;
  /** Extra response headers (Retry-After, Allow…). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(code, message);
    this.status = status;
    this.headers = headers;
  }
}

/** Builds the JSON error body. */
export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

// body-parser marks its errors with a `type`; these are the ones a client can cause.
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  "entity.parse.failed": {
    status: 400,
    code: "BAD_JSON",
    message: 'the request body is not valid JSON: send {"q": "your question"}',
  },
  "entity.too.large": {
    status: 413,
    code: "BODY_TOO_LARGE",
    message: "the request body is larger than 16 KB: send only the question",
  },
  "encoding.unsupported": {
    status: 415,
    code: "UNSUPPORTED_ENCODING",
    message: "the request body's Content-Encoding is not supported: send it uncompressed or gzip",
  },
  "charset.unsupported": {
    status: 415,
    code: "UNSUPPORTED_CHARSET",
    message: "the request body must be UTF-8 JSON",
  },
  "request.aborted": { status: 400, code: "ABORTED", message: "the request body was not sent completely" },
  "request.size.invalid": {
    status: 400,
    code: "BAD_LENGTH",
    message: "the request body does not match its Content-Length",
  },
};

function bodyParserError(err: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof err !== "object" || err === null || !("type" in err)) return undefined;
  const type = (err as { type: unknown }).type;
  return typeof type === "string" ? BODY_ERRORS[type] : undefined;
}

/** What a client error answers with. */
interface ClientError {
  status: number;
  code: string;
  message: string;
}

/**
 * Any error that carries a 4xx `status` (or `statusCode`), as http-errors and the libraries built
 * on it mark what the client caused: the router's URIError for a path that cannot be decoded,
 * zlib's Z_DATA_ERROR for a corrupt gzip body (wrapped by body-parser), send's 416… Its message
 * is shown only when the error says it may be (`expose`, which http-errors sets for every 4xx).
 */
function clientError(err: unknown): ClientError | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
    message?: unknown;
    code?: unknown;
  };
  const status = typeof e.status === "number" ? e.status : e.statusCode;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 499)
    return undefined;
  if (err instanceof URIError) {
    return {
      status,
      code: "BAD_URI",
      message: "the path is not valid percent-encoded UTF-8: encode each part with encodeURIComponent",
    };
  }
  if (typeof e.code === "string" && e.code.startsWith("Z_")) {
    return {
      status,
      code: "BAD_BODY_ENCODING",
      message:
        "the request body cannot be decompressed as its Content-Encoding says: send valid gzip or deflate, or no Content-Encoding",
    };
  }
  const phrase = STATUS_CODES[status] ?? "Client Error";
  return {
    status,
    code: phrase
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "_")
      .replace(/^_|_$/g, ""),
    message: e.expose !== false && typeof e.message === "string" && e.message !== "" ? e.message : phrase,
  };
}

/** The answer to a path no route serves. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, "NOT_FOUND", `nothing at ${req.method} ${req.path}: see /api/openapi.json`));
};

/**
 * The one error handler: HttpError → its status; body-parser's errors → 400/413/415; any other
 * error with a 4xx status → that status (logged at debug, without a stack: the client's doing,
 * and a fuzzer must not fill the log); anything else → 500 INTERNAL, logged with its stack.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      // Too late to send JSON; let Node end the response.
      next(err);
      return;
    }
    if (err instanceof HttpError) {
      res.set(err.headers).status(err.status).json(errorBody(err.code, err.message));
      return;
    }
    const known = bodyParserError(err) ?? clientError(err);
    if (known) {
      logger.debug(
        { status: known.status, code: known.code, method: req.method, path: req.path },
        "client error",
      );
      res.status(known.status).json(errorBody(known.code, known.message));
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, "request failed");
    res.status(500).json(errorBody("INTERNAL", "internal error"));
  };
}
