import { describe, expect, it } from "vitest";
import { createSessionQuota } from "../../src/conversation/session-quota.js";

describe("createSessionQuota", () => {
  it("returns a client's oldest sessions once it goes over its cap", () => {
    const quota = createSessionQuota({ perClient: 2 });
    expect(quota.admit("203.0.113.7", "s1")).toEqual([]);
    expect(quota.admit("203.0.113.7", "s2")).toEqual([]);
    expect(quota.admit("203.0.113.7", "s3")).toEqual(["s1"]);
    expect(quota.admit("203.0.113.7", "s4")).toEqual(["s2"]);
  });

  it("counts clients apart and a continued session as the most recent", () => {
    const quota = createSessionQuota({ perClient: 2 });
    quota.admit("203.0.113.7", "a");
    quota.admit("198.51.100.2", "x");
    quota.admit("203.0.113.7", "b");
    quota.admit("203.0.113.7", "a");
    expect(quota.admit("203.0.113.7", "c")).toEqual(["b"]);
    expect(quota.admit("198.51.100.2", "y")).toEqual([]);
  });

  it("frees the place of a released session", () => {
    const quota = createSessionQuota({ perClient: 2 });
    quota.admit("c", "a");
    quota.admit("c", "b");
    quota.release("c", "a");
    expect(quota.admit("c", "d")).toEqual([]);
    expect(quota.admit("c", "e")).toEqual(["b"]);
  });

  it("stops tracking the quietest clients past its own bound, never evicting for them", () => {
    const quota = createSessionQuota({ perClient: 10, maxTracked: 3 });
    quota.admit("old", "o1");
    quota.admit("old", "o2");
    quota.admit("new", "n1");
    quota.admit("new", "n2");
    // "old" is no longer tracked: its next sessions start a fresh count.
    for (let i = 3; i <= 11; i++) quota.admit("old", `o${i}`);
    expect(quota.admit("old", "o12")).toEqual([]);
  });
});
