/**
 * The hotline console in a real browser: search as you type with highlights, the article view,
 * the duty directory, "copy answer", and the XSS probe rendered literally.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../../../src/channels/http/server.js";
import {
  BROWSER_TIMEOUT,
  launchBrowser,
  screenshot,
  skipBrowserTests,
  watchPageErrors,
} from "../../../helpers/browser.js";
import { startTestServer } from "../../../helpers/http-server.js";

let browser: Browser;
let server: RunningServer;
let context: BrowserContext;

beforeAll(async () => {
  if (skipBrowserTests) return;
  [browser, server] = await Promise.all([launchBrowser(), startTestServer()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
}, BROWSER_TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function setup() {
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${server.url}/console`);
  return { page, errors, dialogs };
}

describe.skipIf(skipBrowserTests)("console page", { timeout: BROWSER_TIMEOUT }, () => {
  it("searches as you type and highlights the matched words", async () => {
    const { page, errors } = await setup();
    await page.locator("#search").pressSequentially("食品安全", { delay: 30 });
    const first = page.locator(".result").first();
    await expect.poll(() => first.locator(".result-head strong").textContent()).toBe("第三十条");
    const marks = await first.locator("mark").allTextContents();
    expect(marks).toContain("食品");
    expect(marks).toContain("安全");
    expect(await page.locator("#results-status").textContent()).toMatch(/^找到 \d+ 条相关条文$/);
    await screenshot(page, "console-search");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens an article with its chapter and neighbours, keeping the highlights", async () => {
    const { page } = await setup();
    await page.locator("#search").fill("食品安全");
    await page.locator(".result").first().waitFor();
    // From the search box, ArrowDown reaches the results; Enter opens one.
    await page.locator("#search").press("ArrowDown");
    await page.keyboard.press("Enter");
    const view = page.locator(".article-view");
    await expect.poll(() => view.locator("h2").textContent()).toBe("《大同市智慧城市促进条例》第三十条");
    expect(await view.locator(".article-where").textContent()).toBe("第四章 智慧治理");
    expect(await view.locator(".article-text mark").count()).toBeGreaterThan(0);
    expect(await view.locator(".chapter-articles [aria-current]").textContent()).toMatch(/^第三十条/);
    await view.getByRole("button", { name: "第三十一条 →" }).click();
    await expect.poll(() => view.locator("h2").textContent()).toBe("《大同市智慧城市促进条例》第三十一条");
    expect(await view.getByRole("button", { name: "← 第三十条" }).count()).toBe(1);
    await page.close();
  });

  it("makes a reply for a caller's question and copies it with its citation", async () => {
    const { page } = await setup();
    await page.locator("#search").fill("谁负责食品安全监管");
    await page.locator("#search").press("Enter");
    const answer = page.locator(".answer");
    await answer.locator(".citation").waitFor();
    const lead = (await answer.locator(".lead").textContent()) ?? "";
    expect(lead).toContain("市场监督管理部门");
    await answer.getByRole("button", { name: "复制答复" }).click();
    await expect
      .poll(() => page.locator("#copy-status").textContent())
      .toBe("已复制答复，可直接朗读或粘贴。");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const quote = (await answer.locator(".citation-quote").textContent()) ?? "";
    expect(copied).toBe(`${lead}\n“${quote}”\n出处：《大同市智慧城市促进条例》第三十条（第四章 智慧治理）`);
    await screenshot(page, "console-answer");
    await page.close();
  });

  it("copies by selection where the Clipboard API is refused", async () => {
    const { page } = await setup();
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
    });
    await page.locator("#search").fill("第三十条");
    await page.locator("#search").press("Enter");
    await page.locator(".answer .citation").waitFor();
    await page.locator(".answer").getByRole("button", { name: "复制答复" }).click();
    await expect
      .poll(() => page.locator("#copy-status").textContent())
      .toBe("已复制答复，可直接朗读或粘贴。");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^《大同市智慧城市促进条例》第三十条/,
    );
    await page.close();
  });

  it("lists departments with their duties and opens the articles", async () => {
    const { page } = await setup();
    await page.getByRole("button", { name: "部门职责" }).click();
    await page.locator(".department").first().waitFor();
    expect(await page.locator("#search-pane").isHidden()).toBe(true);
    await page.locator("#directory-filter").fill("市场监督");
    const market = page.locator(".department", { hasText: "市场监督管理部门" }).first();
    await market.locator("summary").click();
    await market.getByRole("button", { name: "第三十条" }).click();
    await expect
      .poll(() => page.locator(".article-view h2").textContent())
      .toBe("《大同市智慧城市促进条例》第三十条");
    await screenshot(page, "console-directory");
    await page.close();
  });

  it("renders the XSS probe literally and runs nothing", async () => {
    const { page, dialogs } = await setup();
    const probe = "<img src=x onerror=alert(1)>";
    await page.locator("#search").fill(probe);
    await page.locator("#search").press("Enter");
    await page.locator(".answer .question").waitFor();
    expect(await page.locator(".answer .question").textContent()).toBe(`来电问题：${probe}`);
    expect(await page.locator("main img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
