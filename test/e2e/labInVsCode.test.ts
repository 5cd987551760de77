import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { launchChromium, openFile, screenshot, screenshotsDir, waitForText } from './browser';
import { installCodeServer, packageTestExtension, startCodeServer, type CodeServer } from './codeServer';

/**
 * End to end in a real VS Code: code-server 4.100.3 with the packaged .vsix installed (so
 * packaging and .vscodeignore are under test too), driven by Debian's Chromium.
 */
const vsix = join(repoRoot, 'dist', 'illmlab.vsix');
const HARNESS_CHECKS = [
  'opens a .illmlab file as an illmlab notebook with its cells',
  'saves an unchanged notebook byte for byte (CRLF file)',
  'an edit through VS Code changes only that cell’s bytes',
  'a cell added through VS Code is written with its fence and read back',
  'the ILLM Lab controller runs cells: outputs, state across cells, failure with exit code',
  'a background cell streams while Run All goes on, and stopping the cell ends its process tree',
  'a verify cell that succeeds ticks its task in the notebook; a failed one leaves its task and says why',
  'a namespace picked for lab cells (illmlab.namespace) reaches kubectl from the next cell on',
];

function workspaceCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-ws-'));
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), dir, { recursive: true });
  return dir;
}

describe('e2e: the lab in a real VS Code (code-server + Chromium)', function () {
  this.timeout(15 * 60_000); // the first run installs code-server (cached afterwards)
  let entry: string;
  let browser: Browser;
  const servers: CodeServer[] = [];

  before(async function () {
    assert.ok(existsSync(vsix), `${vsix} is missing: npm run package first`);
    entry = installCodeServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
    console.log(`      screenshots: ${screenshotsDir}`);
  });

  describe('inside the extension host (vscode API)', () => {
    let results: Array<{ name: string; passed: boolean; error?: string }> = [];

    before(async function () {
      const workspace = workspaceCopy();
      const out = join(workspace, '..', `harness-results-${process.pid}.json`);
      servers.push(
        await startCodeServer({
          entry,
          workspace,
          vsixes: [vsix, packageTestExtension('harness'), packageTestExtension('baseline-extension')],
          trusted: true,
          env: {
            ILLMLAB_HARNESS_OUT: out,
            ILLMLAB_HARNESS_WORKSPACE: workspace,
            KUBECONFIG: join(workspace, 'kubeconfig.yaml'),
          },
        }),
      );
      // The extension host starts when a window connects: open one and wait for the results.
      // The window must stay open until the harness is done: closing it cancels whatever the
      // remaining checks open (a loaded machine once took over 2 minutes here).
      const page = await browser.newPage();
      await page.goto(servers[servers.length - 1].url);
      const deadline = Date.now() + 8 * 60_000;
      while (!existsSync(out) && Date.now() < deadline) await page.waitForTimeout(500);
      assert.ok(existsSync(out), 'the harness wrote no results within 8 minutes');
      await page.close();
      results = (JSON.parse(readFileSync(out, 'utf8')) as { results: typeof results }).results;
    });

    for (const name of HARNESS_CHECKS) {
      it(name, () => {
        const r = results.find((x) => x.name === name);
        assert.ok(r, `the harness did not run "${name}"`);
        assert.ok(r.passed, r.error);
      });
    }
  });

  describe('in the browser, as a user', () => {
    let page: Page;
    let server: CodeServer;

    before(async () => {
      server = await startCodeServer({ entry, workspace: workspaceCopy(), vsixes: [vsix], trusted: true });
      servers.push(server);
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    });

    it('opens a lab with the ILLM Lab kernel chosen, without asking', async () => {
      await openFile(page, server.url, 'ui.illmlab');
      await page.waitForSelector('.notebook-toolbar-container :text("ILLM Lab")', { timeout: 20_000 });
      await screenshot(page, '01-lab-open');
      assert.equal(await page.locator('.quick-input-widget:visible').count(), 0, 'no kernel picker is shown');
    });

    it('Run All: outputs show, state carries, the failing cell shows its exit code and stops the run', async () => {
      await page.locator('.notebook-toolbar-container >> text=Run All').first().click();
      const text = await waitForText(page, /exited with code 3/);
      await screenshot(page, '02-run-all');
      assert.match(text, /hello from the notebook/);
      assert.match(text, /next sees 42/);
      assert.match(text, /about to fail/);
      assert.doesNotMatch(text, /this must not run/);
    });
  });

  describe('in an untrusted workspace', () => {
    it('runs no cell: Run All asks for trust, and declining runs nothing', async () => {
      const server = await startCodeServer({ entry, workspace: workspaceCopy(), vsixes: [vsix], trusted: false });
      servers.push(server);
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await openFile(page, server.url, 'ui.illmlab');
      assert.ok(
        await page.locator('.statusbar :text("Restricted Mode")').count(),
        'the workspace is in Restricted Mode',
      );
      await page.locator('.notebook-toolbar-container >> text=Run All').first().click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 15_000 });
      await screenshot(page, '03-untrusted-asks');
      assert.match(await dialog.innerText(), /trust the authors/i);
      await dialog.locator('a.monaco-button', { hasText: 'Cancel' }).click();
      await page.waitForTimeout(3000);
      await screenshot(page, '04-untrusted-declined');
      const text = await waitForText(page, /ui\.illmlab/);
      assert.doesNotMatch(text, /hello from the notebook/, 'a cell ran in an untrusted workspace');
      assert.equal(await page.locator('.cell-status-item .codicon-check').count(), 0, 'no cell shows a run');
      await page.close();
    });
  });
});
