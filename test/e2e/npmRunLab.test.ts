import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { launchChromium, screenshot } from './browser';
import { freePort, installCodeServer } from './codeServer';

/**
 * The README's first command on this machine, where `code` is not on PATH: scripts/lab.mjs (what
 * `npm run lab` runs after the setup, which .ci/run has just done) packages the extension,
 * installs it into code-server and serves the repository on 127.0.0.1. A user opens the printed
 * URL and finds the labs; Ctrl+C stops everything it started.
 */
function processesInGroup(pgid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pid, group]) => group === pgid && pid > 0)
    .map(([pid]) => pid);
}

describe('e2e: npm run lab (scripts/lab.mjs) serves the labs in code-server', function () {
  this.timeout(10 * 60_000);
  let lab: ChildProcess;
  let url: string;
  let output = '';
  let browser: Browser;
  let page: Page;

  before(async () => {
    // Its own cache for the lab's extensions and user data; the code-server install is shared.
    const cache = mkdtempSync(join(tmpdir(), 'illmlab-lab-cache-'));
    const installed = dirname(dirname(dirname(dirname(installCodeServer())))); // …/code-server-<v>
    symlinkSync(installed, join(cache, installed.split('/').pop()!));
    lab = spawn(process.execPath, [join(repoRoot, 'scripts', 'lab.mjs')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ILLMLAB_USE_CODE_SERVER: '1',
        ILLMLAB_CACHE: cache,
        ILLMLAB_PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so the test can tell what it started
    });
    lab.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    lab.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 5 * 60_000;
    for (;;) {
      const m = /ILLM Lab is ready: open (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output);
      if (m) {
        url = m[1];
        break;
      }
      if (lab.exitCode !== null) assert.fail(`lab.mjs exited ${lab.exitCode}:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) assert.fail(`lab.mjs printed no URL in 5 minutes:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  after(async () => {
    await browser?.close();
    if (lab?.pid) {
      try {
        process.kill(-lab.pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
  });

  it('prints a loopback URL that opens the repository with the labs and the Lab Progress view', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    assert.equal(decodeURIComponent(url.split('folder=')[1]), repoRoot);
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // A folder opened for the first time asks for trust: the user says yes to their own clone.
    const trust = page.locator('.monaco-dialog-box a.monaco-button', { hasText: 'Yes, I trust the authors' });
    await trust.waitFor({ timeout: 60_000 });
    await trust.click();
    await page.locator('.statusbar :text("Restricted Mode")').waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label="labs"]').waitFor({ timeout: 30_000 });
    const container = page.locator('.activitybar .action-item a[aria-label^="ILLM Lab"]');
    await container.waitFor({ timeout: 30_000 });
    await container.click();
    const phase1 = page.locator('.pane-body .monaco-list-row', { hasText: 'Phase 1: Platform Setup' }).first();
    await phase1.waitFor({ timeout: 30_000 });
    assert.match(await phase1.locator('.label-description').innerText(), /^\d+\/15$/);
    await screenshot(page, '00-npm-run-lab');
  });

  it('Ctrl+C stops code-server and every process it started', async () => {
    const pgid = lab.pid!;
    assert.ok(processesInGroup(pgid).length > 1, 'code-server runs in the lab’s process group');
    await page.close();
    const exited = new Promise<number | null>((r) => lab.once('exit', (code) => r(code)));
    process.kill(-pgid, 'SIGINT'); // what Ctrl+C in a terminal does: SIGINT to the foreground group
    const code = await Promise.race([exited, new Promise<'hang'>((r) => setTimeout(() => r('hang'), 20_000))]);
    assert.notEqual(code, 'hang', 'lab.mjs did not exit within 20 s of Ctrl+C');
    const deadline = Date.now() + 10_000;
    while (processesInGroup(pgid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.deepEqual(processesInGroup(pgid), [], 'no process of the lab is left');
  });
});
