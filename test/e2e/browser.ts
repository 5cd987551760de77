import type { Frame, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

export { launchChromium } from '../support/chromium';

export const screenshotsDir = join(repoRoot, 'test-results', 'e2e');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Opens the workbench (unless the page shows it already) and a file in it through Quick Open, as a user does. */
export async function openFile(page: Page, url: string, file: string): Promise<void> {
  if (page.url() !== url) {
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view, .welcome-view', { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
  }
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
  await page.keyboard.type(file, { delay: 30 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${file}"]`, { timeout: 10_000 });
  await page.keyboard.press('Enter');
  // Earlier notebooks stay in the DOM, hidden: wait for the one now shown.
  await page.waitForSelector('.notebook-editor .cell-list-container:visible', { timeout: 30_000 });
}

/** The text of every frame (notebook outputs live in a webview's nested iframe). */
export async function framesText(page: Page): Promise<string> {
  // A string expression: this runs in the page, and the test code is compiled without DOM types.
  const texts = await Promise.all(
    page.frames().map((f: Frame) => f.evaluate<string>('document.body ? document.body.innerText : ""').catch(() => '')),
  );
  return texts.join('\n');
}

export async function waitForText(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await framesText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`no ${pattern} on the page; it shows:\n${text.slice(0, 2000)}`);
    await page.waitForTimeout(250);
  }
}
