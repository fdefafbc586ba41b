import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createUserHasher, resolveSalt, SALT_FILE_NAME, saltFileFor } from "../../src/feedback/user-hash.js";

const OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

describe("resolveSalt", () => {
  it("uses FEEDBACK_SALT when it is set", () => {
    expect(resolveSalt("a-configured-salt", "/nonexistent/feedback.jsonl")).toBe("a-configured-salt");
  });

  it("generates a salt once, next to the feedback file, readable only by its owner", () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-salt-"));
    const file = join(dir, "data", "feedback.jsonl");
    const first = resolveSalt(undefined, file);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(saltFileFor(file)).toBe(join(dir, "data", SALT_FILE_NAME));
    expect(readFileSync(saltFileFor(file), "utf8").trim()).toBe(first);
    expect(statSync(saltFileFor(file)).mode & 0o777).toBe(0o600);
    expect(resolveSalt(undefined, file)).toBe(first);
  });
});

describe("createUserHasher", () => {
  it("hashes the same resident the same way, differently per channel and per salt, never revealing the id", () => {
    const hash = createUserHasher("salt-one");
    const h = hash("wechat", OPENID);
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(hash("wechat", OPENID)).toBe(h);
    expect(hash("telegram", OPENID)).not.toBe(h);
    expect(createUserHasher("salt-two")("wechat", OPENID)).not.toBe(h);
    expect(h).not.toContain(OPENID);
  });
});
