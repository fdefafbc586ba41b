import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { TiaowenError } from "../src/errors.js";

describe("loadConfig", () => {
  it("has working defaults for the HTTP server", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      ALLOWED_ORIGINS: [],
      FRAME_ANCESTORS: [],
      RATE_LIMIT_PER_MINUTE: 60,
      LOOKUP_RATE_LIMIT_PER_MINUTE: 600,
    });
  });

  it("reads lists of origins", () => {
    const c = loadConfig({
      ALLOWED_ORIGINS: "https://app.datong.example, http://127.0.0.1:8080",
      FRAME_ANCESTORS: "'self',https://*.datong.example",
    });
    expect(c.ALLOWED_ORIGINS).toEqual(["https://app.datong.example", "http://127.0.0.1:8080"]);
    expect(c.FRAME_ANCESTORS).toEqual(["'self'", "https://*.datong.example"]);
  });

  it("names a bad origin list and says what an origin looks like", () => {
    for (const [name, value] of [
      ["ALLOWED_ORIGINS", "app.datong.example"],
      ["ALLOWED_ORIGINS", "https://app.datong.example/"],
      ["FRAME_ANCESTORS", "https://a.example; script-src *"],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), value).toThrowError(
        new RegExp(`^invalid configuration — ${name}: must be a comma-separated list of origins like`),
      );
    }
  });

  it("names a bad rate limit", () => {
    expect(() => loadConfig({ LOOKUP_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(TiaowenError);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: "many" })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});
