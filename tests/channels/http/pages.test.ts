import { describe, expect, it } from "vitest";
import { escapeHtml, fillPage } from "../../../src/channels/http/pages.js";

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;",
    );
  });
});

describe("fillPage", () => {
  it("fills known placeholders, escaped, and leaves unknown ones", () => {
    expect(
      fillPage('<a href="tel:{{tel}}">{{name}}</a>{{other}}', { tel: "12345", name: "<b>热线</b>" }),
    ).toBe('<a href="tel:12345">&lt;b&gt;热线&lt;/b&gt;</a>{{other}}');
  });
});
