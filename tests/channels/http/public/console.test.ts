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
import { post } from "../../../helpers/http-server.js";
import { copyIntents } from "../../../helpers/intents.js";
import { type RuntimeServer, startRuntimeServer } from "../../../helpers/runtime.js";

const ADMIN_TOKEN = "adm-7f3c9e1a2b4d6f80a1c3e5";

let browser: Browser;
let running: RuntimeServer;
let server: RunningServer;
let context: BrowserContext;
let intents: ReturnType<typeof copyIntents>;

beforeAll(async () => {
  if (skipBrowserTests) return;
  intents = copyIntents();
  [browser, running] = await Promise.all([
    launchBrowser(),
    startRuntimeServer({ ADMIN_TOKEN, INTENTS_DIR: intents.dir }),
  ]);
  server = running.server;
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
}, BROWSER_TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await running?.close();
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

  it("gives staff a reply they can read out for a question the law does not cover, with the closest provisions", async () => {
    const { page, errors } = await setup();
    await page.locator("#search").fill("共享单车乱停放谁管");
    await page.locator("#search").press("Enter");
    const answer = page.locator(".answer");
    await answer.locator(".lead").waitFor();
    expect(await answer.locator(".lead").textContent()).toBe(
      "《大同市智慧城市促进条例》未对此作出规定。可告知来电人：该事项条例中没有规定；如需办理，请按职责转接承办部门或登记工单。",
    );
    // Staff sit at the hotline: no "call 12345", no call button.
    expect(await answer.textContent()).not.toContain("拨打");
    expect(await answer.locator("a[href^='tel:']").count()).toBe(0);
    const closest = answer.getByRole("group", { name: "最接近的条文（供判断承办部门）：" }).locator("button");
    expect(await closest.count()).toBeGreaterThan(0);
    await closest.first().click();
    await page.locator(".article-view h2").waitFor();
    await screenshot(page, "console-not-covered");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the provisions the core is unsure between as the closest ones, the core's own choice", async () => {
    const { page, errors } = await setup();
    const q = "空气质量谁来监测";
    const core = (await (await post(`${server.url}/api/ask`, { q })).json()) as {
      answered: boolean;
      candidates: Array<{ label: string; gist: string }>;
    };
    expect(core.answered).toBe(false);
    expect(core.candidates.length).toBeGreaterThan(1);
    await page.locator("#search").fill(q);
    await page.locator("#search").press("Enter");
    const closest = page
      .locator(".answer")
      .getByRole("group", { name: "最接近的条文（供判断承办部门）：" })
      .locator("button");
    await closest.first().waitFor();
    expect((await closest.allTextContents()).map((t) => t.trim())).toEqual(
      core.candidates.map((c) => `${c.label} ${c.gist}`),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("clears the article of the previous question when a new reply is made", async () => {
    const { page } = await setup();
    await page.locator("#search").fill("谁负责智慧城市建设");
    await page.locator("#search").press("Enter");
    await page.locator(".answer .citation").waitFor();
    await page.locator(".answer .answer-articles .chip").first().click();
    await page.locator(".article-view").waitFor();
    await page.locator("#search").fill("条例什么时候施行");
    await page.locator("#search").press("Enter");
    await expect
      .poll(() => page.locator(".answer .question").textContent())
      .toBe("来电问题：条例什么时候施行");
    expect(await page.locator(".article-view").count()).toBe(0);
    await page.close();
  });

  it("records its questions on a channel of their own, not as residents'", async () => {
    const { page } = await setup();
    await page.locator("#search").fill("热线坐席检索：停车位收费标准");
    await page.locator("#search").press("Enter");
    await page.locator(".answer .lead").waitFor();
    const records = await running.runtime.feedback.read({
      from: new Date(0),
      to: new Date(Date.now() + 60_000),
    });
    const mine = records.filter((r) => r.question === "热线坐席检索：停车位收费标准");
    expect(mine.map((r) => r.channel)).toEqual(["console"]);
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

  describe("待完善问题", () => {
    const QUESTION = "谁负责舌尖安全";
    const PROBE = "<img src=x onerror=alert(1)>谁管";

    it("asks for the admin token, then groups what the law did not answer, with the closest articles", async () => {
      for (const q of [QUESTION, "誰負責舌尖安全", PROBE]) await post(`${server.url}/api/ask`, { q });
      const { page, errors, dialogs } = await setup();
      await page.getByRole("button", { name: "待完善问题" }).click();
      const pane = page.locator("#review-pane");
      await pane.getByPlaceholder("管理员令牌").fill("not-the-token");
      await pane.getByRole("button", { name: "进入" }).click();
      await expect
        .poll(() => page.locator("#review-status").textContent())
        .toBe("令牌无效或已更换，请重新输入管理员令牌。");
      await pane.getByPlaceholder("管理员令牌").fill(ADMIN_TOKEN);
      await pane.getByRole("button", { name: "进入" }).click();
      const group = page.locator(".review-group", { hasText: QUESTION });
      await group.waitFor();
      expect(await group.locator(".review-total").textContent()).toBe("2 次");
      expect(await group.locator(".review-counts").textContent()).toBe("未回答 2");
      expect(await group.locator(".review-examples").textContent()).toBe(`问法：誰負責舌尖安全；${QUESTION}`);
      expect(await group.locator(".review-now").textContent()).toBe("现在：仍未回答");
      // The probe is shown as text, nothing runs.
      expect(await page.locator(".review-question", { hasText: PROBE }).textContent()).toBe(PROBE);
      expect(await page.locator("#review-groups img").count()).toBe(0);
      // A candidate opens the article next to the list.
      await group.locator(".review-candidates .chip").first().click();
      await expect
        .poll(() => page.locator(".article-view h2").textContent())
        .toMatch(/^《大同市智慧城市促进条例》第/);
      await screenshot(page, "console-review");
      // The browser reports the refused wrong token on its console; nothing else may go wrong.
      expect(errors.filter((e) => !e.includes("status of 401"))).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    });

    it("reloads the vocabulary after a synonym is added, and shows the question answered now", async () => {
      const { page } = await setup();
      // The token was kept for this tab.
      await page.evaluate((t) => sessionStorage.setItem("tiaowen.console.adminToken", t), ADMIN_TOKEN);
      await page.reload();
      await page.getByRole("button", { name: "待完善问题" }).click();
      const group = page.locator(".review-group", { hasText: QUESTION });
      await group.waitFor();
      expect(await page.locator("#review-login").isHidden()).toBe(true);
      intents.addSynonym();
      await page.getByRole("button", { name: "重新加载词库" }).click();
      await expect
        .poll(() => page.locator("#review-status").textContent())
        .toMatch(/^词库已重新加载（第 2 版/);
      await expect.poll(() => group.locator(".review-now").textContent()).toBe("现在：已能回答（第三十条）");
      await screenshot(page, "console-review-reloaded");

      intents.breakSynonyms();
      await page.getByRole("button", { name: "重新加载词库" }).click();
      await expect
        .poll(() => page.locator("#review-status").textContent())
        .toMatch(/^词库有误，仍在使用原来的词库：.*synonyms\.yaml/);
      intents.restore();
      await page.getByRole("button", { name: "退出" }).click();
      expect(await page.evaluate(() => sessionStorage.getItem("tiaowen.console.adminToken"))).toBeNull();
      await page.close();
    });
  });
});

describe.skipIf(skipBrowserTests)("console page without ADMIN_TOKEN", { timeout: BROWSER_TIMEOUT }, () => {
  it("says that review is off until ADMIN_TOKEN is set, instead of asking for a token", async () => {
    const plain = await startRuntimeServer({});
    try {
      const page = await context.newPage();
      await page.goto(`${plain.server.url}/console`);
      await page.getByRole("button", { name: "待完善问题" }).click();
      await expect.poll(() => page.locator("#review-status").textContent()).toContain("ADMIN_TOKEN");
      expect(await page.locator("#review-status").textContent()).not.toContain("令牌无效");
      expect(await page.locator("#review-login").isHidden()).toBe(true);
      await page.close();
    } finally {
      await plain.close();
    }
  });
});
