import { describe, expect, it } from "vitest";
import { SESSION_PATTERN } from "../../../src/channels/http/api.js";

describe("SESSION_PATTERN", () => {
  it("accepts UUIDs and opaque tokens, not spaces or markup", () => {
    expect(SESSION_PATTERN.test("0d7f3c4e-1a2b-4c3d-9e8f-001122334455")).toBe(true);
    expect(SESSION_PATTERN.test("a".repeat(129))).toBe(false);
    expect(SESSION_PATTERN.test("<script>")).toBe(false);
  });
});
