import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { launchChromium, screenshot, screenshotsDir } from './browser';
import { installCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { rowDescription, runCommand, treeRow } from './workbench';

/**
 * The Lab Progress view in a real VS Code: code-server 4.100.3 with the packaged .vsix (so the
 * contributions in package.json are under test too), driven by Debian's Chromium, on a copy of
 * test/e2e/workspace-progress (two small labs; the second is an outline locked behind the first).
 */
const vsix = join(repoRoot, 'dist', 'illmlab.vsix');
const FIRST = join('labs', '01-basics', '01-first-steps.illmlab');

function workspaceCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-progress-ws-'));
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace-progress'), dir, { recursive: true });
  return dir;
}

/**
 * A STAND-IN for the Kubernetes API server (no cluster runs here): plain HTTP answering the two
 * paths the extension asks for, /version (doctor) and /api/v1/namespaces (namespace picker).
 */
async function kubeApiStandin(): Promise<{ server: Server; kubeconfig: string; url: string }> {
  const namespaces = ['default', 'kube-system', 'lab-x', 'monitoring'];
  const server = createServer((req, res) => {
    const body =
      req.url === '/version'
        ? { major: '1', minor: '33', gitVersion: 'v1.33.1' }
        : req.url === '/api/v1/namespaces'
          ? { kind: 'NamespaceList', items: namespaces.map((name) => ({ metadata: { name } })) }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { kind: 'Status', message: 'not found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'illmlab-kube-')), 'config');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: lab',
      'clusters:',
      `- {name: lab, cluster: {server: "${url}", insecure-skip-tls-verify: true}}`,
      'users:',
      '- {name: lab, user: {token: e2e-token}}',
      'contexts:',
      '- {name: lab, context: {cluster: lab, user: lab, namespace: lab-x}}',
      '- {name: other, context: {cluster: lab, user: lab}}',
      '',
    ].join('\n'),
  );
  return { server, kubeconfig, url };
}

/** Waits until `read()` differs from `before`, or fails after the timeout. */
async function changed(page: Page, read: () => Buffer, before: Buffer, what: string): Promise<Buffer> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = read();
    if (!now.equals(before)) return now;
    if (Date.now() > deadline) throw new Error(`${what} did not change on disk`);
    await page.waitForTimeout(200);
  }
}

/** The positions where two buffers of equal length differ. */
function diff(a: Buffer, b: Buffer): number[] {
  assert.equal(a.length, b.length, 'the file kept its length');
  return [...a].flatMap((byte, i) => (byte === b[i] ? [] : [i]));
}

describe('e2e: the Lab Progress view (code-server + Chromium)', function () {
  this.timeout(10 * 60_000);
  let browser: Browser;
  let server: CodeServer;
  let page: Page;
  let workspace: string;
  let kube: Awaited<ReturnType<typeof kubeApiStandin>>;
  const row = (text: string): Locator => treeRow(page, text);
  const file = () => readFileSync(join(workspace, FIRST));
  /** Text in the notebook's rendered markdown: a webview frame, inside a shadow root (locators pierce it). */
  const renderedText = async (text: string): Promise<Locator> => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        const found = frame.getByText(text, { exact: false }).first();
        if ((await found.count().catch(() => 0)) > 0) return found;
      }
      await page.waitForTimeout(250);
    }
    assert.fail(`the notebook does not show "${text}"`);
  };
  const rendered = async (text: string): Promise<void> => void (await renderedText(text));
  /** The view reloads a moment after an edit. */
  const description = (label: string, pattern: RegExp) => rowDescription(page, label, pattern);

  before(async function () {
    assert.ok(existsSync(vsix), `${vsix} is missing: npm run package first`);
    // The .vsix is built from package.json: without the view there is nothing to test.
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      contributes?: { views?: Record<string, Array<{ id: string }>> };
    };
    const views = Object.values(manifest.contributes?.views ?? {}).flat();
    assert.ok(
      views.some((v) => v.id === 'illmlab.progress'),
      'package.json contributes no view illmlab.progress: add the contributions of docs/progress.md, then npm run package',
    );
    const entry = installCodeServer();
    workspace = workspaceCopy();
    kube = await kubeApiStandin();
    server = await startCodeServer({
      entry,
      workspace,
      vsixes: [vsix],
      trusted: true,
      env: { KUBECONFIG: kube.kubeconfig },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    kube?.server.close();
    console.log(`      screenshots: ${screenshotsDir}`);
  });

  it('the ILLM Lab activity-bar container opens the Lab Progress view: phases with their counts', async () => {
    const container = page.locator('.activitybar .action-item a[aria-label^="ILLM Lab"]');
    await container.waitFor({ timeout: 30_000 });
    await container.click();
    // The only view of its container: its name is in the side bar's title.
    const title = page.locator('.sidebar .composite.title');
    await title.waitFor({ timeout: 20_000 });
    assert.match(await title.innerText(), /ILLM Lab: Lab Progress/i);
    await row('Phase 1: Basics').waitFor({ timeout: 30_000 });
    assert.equal(await row('Phase 1: Basics').locator('.label-description').innerText(), '1/4');
    assert.equal(await row('Phase 2: Observe').locator('.label-description').innerText(), '0/2');
    // The next lab's phase opens by itself; the other is expanded here to see its locked lab.
    assert.match(await row('First Steps').locator('.label-description').innerText(), /^1\/4 · next$/);
    await row('Phase 2: Observe').locator('.monaco-tl-twistie').click();
    const watch = row('Watch It');
    await watch.waitFor();
    assert.match(await watch.locator('.label-description').innerText(), /^0\/2 · outline$/);
    assert.equal(
      await watch.locator('.codicon-lock').count(),
      1,
      'the lab behind an unfinished prerequisite is locked',
    );
    await screenshot(page, 'progress-01-view');
  });

  it('ticking a task of a closed lab changes that line in the file on disk, one byte', async () => {
    await row('First Steps').locator('.monaco-tl-twistie').click();
    const task = row('Apply the manifest');
    await task.waitFor();
    const box = task.locator('.custom-view-tree-node-item-checkbox');
    assert.equal(await box.getAttribute('aria-checked'), 'false');
    const before = file();
    await box.click();
    const after = await changed(page, file, before, FIRST);
    const bytes = diff(before, after);
    assert.equal(bytes.length, 1, 'only the checkbox byte changed');
    assert.equal(String.fromCharCode(after[bytes[0]]), 'x');
    assert.ok(after.toString('utf8').includes('\n  - [x] Apply the manifest <!-- task: apply-manifest -->\n'));
    // The watcher reloads the view from the file.
    await description('First Steps', /^2\/4/);
    assert.equal(await row('Phase 1: Basics').locator('.label-description').innerText(), '2/4');
    await screenshot(page, 'progress-02-ticked-on-disk');
  });

  it('Next Lab opens the lab; ticking then is an undoable edit of its markdown cell, and saving writes that byte', async () => {
    // View title actions show while the pointer is over the side bar.
    await page.locator('.sidebar').hover();
    await page.locator('.sidebar .composite.title .action-label[aria-label="Next Lab"]').click();
    await page.waitForSelector('.notebook-editor .cell-list-container', { timeout: 30_000 });
    await page.waitForSelector('.tab.active:has-text("01-first-steps.illmlab")', { timeout: 15_000 });
    // Next Lab selects the lab's row once the extension host has the notebook: from then on a
    // tick must go into the open notebook, not to the file.
    await page.waitForSelector('.pane-body .monaco-list-row[aria-selected="true"]:has-text("First Steps")', {
      timeout: 15_000,
    });
    const before = file();
    await row('Wait for the rollout').locator('.custom-view-tree-node-item-checkbox').click();
    // The edit goes into the open notebook: its tab turns dirty and the rendered cell shows it.
    await page.waitForSelector('.tab.active.dirty', { timeout: 15_000 });
    await rendered('[x] Wait for the rollout');
    assert.ok(file().equals(before), 'the file on disk waits for the save');
    await description('First Steps', /^3\/4/);
    await screenshot(page, 'progress-03-ticked-in-notebook');
    // A text edit of the cell like any other: Undo in the cell's editor takes it back, Redo redoes it.
    await renderedText('A small lab for the Lab Progress').then((text) => text.dblclick());
    const cellEditor = page.locator('.notebook-editor .markdown-cell-row .monaco-editor .view-lines').first();
    await cellEditor.waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+Z');
    await description('First Steps', /^2\/4/);
    assert.match((await cellEditor.innerText()).replace(/\u00a0/g, ' '), /- \[ \] Wait for the rollout/);
    await page.keyboard.press('Control+Shift+Z');
    await description('First Steps', /^3\/4/);
    assert.match((await cellEditor.innerText()).replace(/\u00a0/g, ' '), /- \[x\] Wait for the rollout/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    const after = await changed(page, file, before, FIRST);
    const bytes = diff(before, after);
    assert.equal(bytes.length, 1, 'saving changed only the checkbox byte');
    assert.ok(after.toString('utf8').includes('\n  - [x] Wait for the rollout <!-- task: wait-rollout -->\n'));
  });

  it('the status bar shows the kube context and namespace; its pickers write workspace settings, not the kubeconfig', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'lab / lab-x' });
    await item.waitFor({ timeout: 20_000 });
    const kubeconfigBefore = readFileSync(kube.kubeconfig);
    await item.click();
    const pick = async (label: string) => {
      const option = page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${label}"]`).first();
      await option.waitFor({ timeout: 15_000 });
      await option.click();
    };
    await pick('other');
    await page.locator('.quick-input-widget .monaco-list-row[aria-label^="kube-system"]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'progress-04-namespace-picker');
    await pick('monitoring');
    await page.locator('.statusbar-item', { hasText: 'other / monitoring' }).waitFor({ timeout: 15_000 });
    const settings = readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8');
    assert.match(settings, /"illmlab\.context":\s*"other"/);
    assert.match(settings, /"illmlab\.namespace":\s*"monitoring"/);
    assert.ok(readFileSync(kube.kubeconfig).equals(kubeconfigBefore), 'the kubeconfig is left alone');
  });

  it('"ILLM Lab: Doctor" shows the report: tools, and the API server of the chosen context', async () => {
    await runCommand(page, 'ILLM Lab: Doctor');
    const output = page.locator('.panel .monaco-editor .view-lines');
    const deadline = Date.now() + 30_000;
    let text = '';
    while (Date.now() < deadline && !/API server/.test(text)) {
      text = (await output.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      await page.waitForTimeout(250);
    }
    await screenshot(page, 'progress-05-doctor');
    assert.match(text, /[✔✘] kubectl/);
    assert.ok(text.includes(`✔ API server ${kube.url} (context other): Kubernetes v1.33.1`), text);
  });
});
