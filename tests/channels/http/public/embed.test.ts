/**
 * The one-tag embed in a real browser. The host pages are served by small servers of their own on
 * other ports of 127.0.0.1 — other origins, as a city website would be — so the test exercises
 * what production does: a cross-origin <script> (Cross-Origin-Resource-Policy), a cross-origin
 * iframe, and CSP frame-ancestors allowing one host and refusing another.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../../../src/channels/http/server.js";
import { BROWSER_TIMEOUT, launchBrowser, screenshot, skipBrowserTests } from "../../../helpers/browser.js";
import { startTestServer } from "../../../helpers/http-server.js";

/** A host site: serves one page that embeds the widget with the given attributes. */
async function startHost(
  tiaowen: () => string,
  attributes: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>大同市人民政府</title></head>
<body><h1>大同市人民政府 · 便民服务</h1><div id="help"></div>
<script src="${tiaowen()}/embed.js" ${attributes}></script></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let browser: Browser;
let tiaowen: RunningServer;
let allowed: { url: string; server: Server };
let floating: { url: string; server: Server };
let refused: { url: string; server: Server };

beforeAll(async () => {
  if (skipBrowserTests) return;
  const base = () => tiaowen.url;
  // Hosts first: their origins go into FRAME_ANCESTORS.
  allowed = await startHost(base, 'data-target="#help" data-height="560px"');
  floating = await startHost(base, 'data-mode="floating"');
  refused = await startHost(base, "");
  [browser, tiaowen] = await Promise.all([
    launchBrowser(),
    startTestServer({ env: { FRAME_ANCESTORS: `${allowed.url},${floating.url}` } }),
  ]);
}, BROWSER_TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await tiaowen?.close();
  for (const host of [allowed, floating, refused]) host?.server.close();
});

async function widgetFrame(page: Page): Promise<Frame> {
  const handle = await page.locator("iframe[data-tiaowen]").elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("no widget frame");
  return frame;
}

describe.skipIf(skipBrowserTests)("embed.js", { timeout: BROWSER_TIMEOUT }, () => {
  it("puts a working widget into the host page from one script tag", async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(allowed.url);
    const iframe = page.locator("#help iframe[data-tiaowen]");
    expect(await iframe.getAttribute("src")).toBe(`${tiaowen.url}/widget`);
    expect(await iframe.getAttribute("title")).toBe("条文 · 市民法规问答");
    const frame = await widgetFrame(page);
    await frame.locator("#q").waitFor();
    await frame.locator("#q").fill("第三十条");
    await frame.locator("#q").press("Enter");
    await frame.locator(".citation").waitFor();
    expect(await frame.locator(".citation-label").textContent()).toBe("第三十条");
    expect((await iframe.boundingBox())?.height).toBe(560);
    // The script's parts stay its own: nothing of it lands in the host page's globals.
    const leaked = await page.evaluate(() =>
      ["makeFrame", "inline", "floating", "makeToggle", "makePanel", "start", "widgetUrl"].filter(
        (n) => n in window,
      ),
    );
    expect(leaked).toEqual([]);
    await screenshot(page, "embed-inline");
    await page.close();
  });

  it("opens and closes the floating widget: its label, aria-controls, the × button, Escape inside", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(floating.url);
    const button = page.locator("button[aria-controls]");
    expect(await button.textContent()).toBe("法规问答");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    const panelId = (await button.getAttribute("aria-controls")) ?? "";
    expect(await page.locator(`#${panelId}`).count()).toBe(1);
    expect(await page.locator("iframe[data-tiaowen]").count()).toBe(0);
    await button.click();
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    expect(await button.textContent()).toBe("收起法规问答");
    const frame = await widgetFrame(page);
    await frame.locator("#q").waitFor();
    const box = await page.locator("iframe[data-tiaowen]").boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    await screenshot(page, "embed-floating");
    // Escape typed in the widget's own text box, inside the frame.
    await frame.locator("#q").focus();
    await frame.locator("#q").press("Escape");
    await expect.poll(() => button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator("iframe[data-tiaowen]").isHidden()).toBe(true);
    expect(await button.textContent()).toBe("法规问答");
    // The × on the panel closes it too.
    await button.click();
    await page.getByRole("button", { name: "关闭法规问答" }).click();
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await button.click();
    await page.keyboard.press("Escape");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await page.close();
  });

  it("is refused by the browser on a host that FRAME_ANCESTORS does not list", async () => {
    const page = await browser.newPage();
    const blocked = page.waitForEvent("console", {
      predicate: (m) => m.text().includes("frame-ancestors"),
      timeout: 20_000,
    });
    await page.goto(refused.url);
    await blocked;
    const frame = await widgetFrame(page);
    expect(await frame.locator("#q").count()).toBe(0);
    await page.close();
  });
});
