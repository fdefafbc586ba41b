import { describe, expect, it } from "vitest";
import { cspDirectives } from "../../../src/channels/http/security.js";
import { seedBot, startTestServer } from "../../helpers/http-server.js";

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

describe("securityHeaders: HSTS", () => {
  it("asks browsers for HTTPS only on responses that went out over HTTPS", async () => {
    const direct = await startTestServer({ bot: await seedBot() });
    const proxied = await startTestServer({ bot: await seedBot(), env: { TRUST_PROXY: "loopback" } });
    try {
      const hsts = async (url: string, headers: Record<string, string> = {}) =>
        (await fetch(`${url}/healthz`, { headers })).headers.get("strict-transport-security");
      // Plain HTTP: HSTS there means nothing, and on a test host would pin a name to HTTPS.
      expect(await hsts(direct.url)).toBeNull();
      // A forged X-Forwarded-Proto from a client no proxy vouches for changes nothing.
      expect(await hsts(direct.url, { "X-Forwarded-Proto": "https" })).toBeNull();
      // Behind the trusted TLS proxy.
      expect(await hsts(proxied.url, { "X-Forwarded-Proto": "https" })).toBe(
        "max-age=31536000; includeSubDomains",
      );
      expect(await hsts(proxied.url, { "X-Forwarded-Proto": "http" })).toBeNull();
    } finally {
      await Promise.all([direct.close(), proxied.close()]);
    }
  });
});
