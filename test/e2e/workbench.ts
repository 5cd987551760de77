import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** Helpers for driving VS Code's workbench as a user does: tree rows, the command palette. */

/** A row of a tree view in the side bar, by its text. */
export function treeRow(page: Page, text: string): Locator {
  return page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
}

/** Waits for a tree row's description (the Lab Progress view's done/total) to match. */
export async function rowDescription(page: Page, label: string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await treeRow(page, label)
      .locator('.label-description')
      .innerText()
      .catch(() => '');
    if (pattern.test(text)) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`the row "${label}" shows "${text}", not ${pattern}`);
}

/** Runs a command from the palette (F1) by clicking its entry. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10_000 });
  await page.keyboard.type(title, { delay: 15 });
  await page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${title}"]`).first().click();
}
