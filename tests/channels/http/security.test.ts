import { describe, expect, it } from "vitest";
import { cspDirectives } from "../../../src/channels/http/security.js";

describe("cspDirectives", () => {
  it("allows only this server's scripts and styles, no plugins and no <base>", () => {
    const d = cspDirectives([]);
    expect(d.scriptSrc).toEqual(["'self'"]);
    expect(d.styleSrc).toEqual(["'self'"]);
    expect(d.objectSrc).toEqual(["'none'"]);
    expect(d.baseUri).toEqual(["'none'"]);
    expect(d.frameAncestors).toEqual(["'self'"]);
  });

  it("adds the configured frame ancestors once, after 'self'", () => {
    expect(cspDirectives(["https://a.example", "'self'"]).frameAncestors).toEqual([
      "'self'",
      "https://a.example",
    ]);
  });
});
