import { describe, expect, it } from "vitest";
import { describeRequest, readRequest } from "../../src/conversation/requests.js";

describe("readRequest", () => {
  it("reads the typed requests a button or an API client sends", () => {
    expect(readRequest({ kind: "article", lawId: "L", article: 30 })).toEqual({
      kind: "article",
      lawId: "L",
      article: 30,
    });
    expect(readRequest({ kind: "article", lawId: "L", article: 10, sub: 1 })).toEqual({
      kind: "article",
      lawId: "L",
      article: 10,
      sub: 1,
    });
    expect(readRequest({ kind: "candidate", lawId: "L", article: 2 })).toEqual({
      kind: "candidate",
      lawId: "L",
      article: 2,
    });
    expect(readRequest({ kind: "followUp", facet: "next" })).toEqual({ kind: "followUp", facet: "next" });
    expect(readRequest({ kind: "help" })).toEqual({ kind: "help" });
  });

  it("says what is wrong with anything else", () => {
    expect(readRequest("第三十条")).toMatch(/must be an object/);
    expect(readRequest({ kind: "article", lawId: "L", article: "30" })).toMatch(
      /"article" \(a whole number from 1\)/,
    );
    expect(readRequest({ kind: "followUp", facet: "sideways" })).toBe(
      '"facet" must be one of next, previous, fulltext, department',
    );
    expect(readRequest({ kind: "delete" })).toMatch(/"kind" must be one of/);
  });
});

describe("describeRequest", () => {
  it("writes a request as the resident would read it", () => {
    expect(describeRequest({ kind: "question", text: "谁负责？" })).toBe("谁负责？");
    expect(describeRequest({ kind: "article", lawId: "L", article: 30 })).toBe("第30条");
    expect(describeRequest({ kind: "followUp", facet: "previous" })).toBe("上一条");
  });
});
