/**
 * A real browser for page tests: Debian's chromium driven by playwright-core. One browser per test
 * file. Without /usr/bin/chromium the tests skip with a message — except in CI, where they must run
 * (and then fail loudly if the browser is missing).
 */
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";
/** Screenshots go here (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

/** True when the browser tests should be skipped: no browser, and not in CI. */
export const skipBrowserTests = !existsSync(CHROMIUM) && !process.env.CI;
if (skipBrowserTests) {
  console.warn(
    `skipping browser tests: ${CHROMIUM} is missing. Install it with: apt-get update && apt-get install -y chromium`,
  );
}

/** Generous timeouts: the machine has two cores and the browser starts cold. */
export const BROWSER_TIMEOUT = 60_000;

/** Launches headless chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a screenshot as tests/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** Collects uncaught page errors and CSP violations, which should stay empty. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}
