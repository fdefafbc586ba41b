import { describe, expect, it } from "vitest";
import { errorBody, HttpError } from "../../../src/channels/http/errors.js";
import { TiaowenError } from "../../../src/errors.js";

// The handler itself (statuses for body-parser errors, plain 500s) is exercised through a real
// server in app.test.ts.
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
