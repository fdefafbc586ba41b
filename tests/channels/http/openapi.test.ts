import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../../src/channels/http/openapi.js";

/** Every {"$ref": …} in a document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) refs(x, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("openApiDocument", () => {
  it("is OpenAPI 3.1 and documents every route of the API", () => {
    expect(openApiDocument.openapi).toBe("3.1.0");
    expect(Object.keys(openApiDocument.paths).sort()).toEqual([
      "/admin/reload",
      "/admin/review",
      "/api/ask",
      "/api/departments",
      "/api/feedback",
      "/api/laws",
      "/api/laws/{law}/articles/{n}",
      "/api/openapi.json",
      "/api/search",
      "/healthz",
      "/metrics",
      "/readyz",
    ]);
  });

  it("refers only to schemas it defines", () => {
    const defined = new Set(Object.keys(openApiDocument.components.schemas));
    for (const ref of refs(openApiDocument)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(defined.has(ref.replace("#/components/schemas/", "")), ref).toBe(true);
    }
  });

  it("has schemas that compile as JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ ...openApiDocument, $id: "https://tiaowen.test/openapi.json" });
    for (const name of Object.keys(openApiDocument.components.schemas)) {
      expect(() =>
        ajv.compile({ $ref: `https://tiaowen.test/openapi.json#/components/schemas/${name}` }),
      ).not.toThrow();
    }
  });

  it("gives every operation an id and every error response the Error schema", () => {
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      for (const [method, op] of Object.entries(
        item as Record<string, { operationId: string; responses: object }>,
      )) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400 && path !== "/readyz") {
            expect(JSON.stringify(response), `${method} ${path} ${status}`).toContain(
              "#/components/schemas/Error",
            );
          }
        }
      }
    }
  });
});
