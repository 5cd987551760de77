import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { launchChromium, screenshot } from './browser';
import { installCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { rowDescription, runCommand, treeRow } from './workbench';

/**
 * The curriculum's commands in a real VS Code (code-server + Chromium, the packaged .vsix):
 * a task row reveals its cell, a lab changed by another program updates the view, the
 * walkthrough, New Lab, and Start the Curriculum.
 */
const vsix = join(repoRoot, 'dist', 'illmlab.vsix');
const LONG = join('labs', '01-basics', '02-long-lab.illmlab');

/** A lab whose one task sits far below the first screen, so revealing it has to scroll. */
function longLab(): string {
  const filler = Array.from({ length: 30 }, (_, i) => `\`\`\`sh {id=step-${i}}\necho step ${i}\n\`\`\`\n`);
  return [
    '---',
    'id: long-lab',
    'title: Long Lab',
    'phase: 1',
    'order: 2',
    'prerequisites: []',
    'status: ready',
    '---',
    '',
    '# Long Lab',
    '',
    ...filler,
    '## Far below',
    '',
    '- [ ] Find the needle <!-- task: needle -->',
    '',
  ].join('\n');
}

describe('e2e: the curriculum’s commands (code-server + Chromium)', function () {
  this.timeout(10 * 60_000);
  let browser: Browser;
  let server: CodeServer;
  let page: Page;
  let workspace: string;
  const row = (text: string): Locator => treeRow(page, text);
  const command = (title: string) => runCommand(page, title);
  const description = (label: string, pattern: RegExp) => rowDescription(page, label, pattern);

  async function quickInput(text: string): Promise<void> {
    const input = page.locator('.quick-input-widget:visible input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(text);
    await page.keyboard.press('Enter');
  }

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await screenshot(page, `commands-failed-${this.currentTest.title.slice(0, 30)}`);
  });

  before(async () => {
    assert.ok(existsSync(vsix), `${vsix} is missing: npm run package first`);
    workspace = mkdtempSync(join(tmpdir(), 'illmlab-commands-ws-'));
    cpSync(join(repoRoot, 'test', 'e2e', 'workspace-progress'), workspace, { recursive: true });
    writeFileSync(join(workspace, LONG), longLab());
    cpSync(join(repoRoot, 'Taskfile.yml'), join(workspace, 'Taskfile.yml')); // labs call its tasks
    server = await startCodeServer({ entry: installCodeServer(), workspace, vsixes: [vsix], trusted: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const container = page.locator('.activitybar .action-item a[aria-label^="ILLM Lab"]');
    await container.waitFor({ timeout: 30_000 });
    await container.click();
    await row('Phase 1: Basics').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('clicking a lab opens it; clicking a task opens its lab and selects the cell that holds it, in view', async () => {
    await row('First Steps').locator('.label-name').click();
    await page.waitForSelector('.tab.active:has-text("01-first-steps.illmlab")', { timeout: 20_000 });
    await row('Long Lab').locator('.monaco-tl-twistie').click();
    await row('Find the needle').click();
    await page.waitForSelector('.tab.active:has-text("02-long-lab.illmlab")', { timeout: 20_000 });
    // The cell holding the task is the last (index 31: a heading, 30 code cells, then it).
    const selected = page.locator('.notebook-editor:visible .monaco-list-row.focused[aria-selected="true"]');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await selected.getAttribute('data-index').catch(() => null)) !== '31')
      await page.waitForTimeout(200);
    assert.equal(await selected.getAttribute('data-index'), '31', 'the task’s cell is selected');
    // Markdown renders in the output webview: the task's text must be on screen there.
    let box: { y: number; height: number } | null = null;
    for (const frame of page.frames()) {
      const needle = frame.getByText('Find the needle').first();
      if ((await needle.count().catch(() => 0)) > 0) box = await needle.boundingBox();
    }
    await screenshot(page, 'commands-01-task-revealed');
    assert.ok(box, 'the task’s text is rendered');
    assert.ok(box.y >= 0 && box.y + box.height <= 900, `the task is scrolled into view (at y=${box.y})`);
  });

  it('a lab changed on disk by another program (git pull, an editor) updates the view', async () => {
    const file = join(workspace, 'labs', '01-basics', '01-first-steps.illmlab');
    await description('First Steps', /^1\/4/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] Apply the manifest', '- [x] Apply the manifest'));
    await description('First Steps', /^2\/4/);
    await description('Phase 1: Basics', /^2\/5$/);
  });

  it('the walkthrough shows its four steps; "Run Doctor" runs the doctor and marks the step done', async () => {
    await command('Welcome: Open Walkthrough...');
    await quickInput('Get Started with ILLM Lab');
    const steps = page.locator('.getting-started-step');
    await page.locator('.getting-started-step', { hasText: 'Check your tools' }).waitFor({ timeout: 20_000 });
    const titles = (await steps.allInnerTexts()).map((t) => t.split('\n')[0].trim());
    for (const t of ['Check your tools', 'Start the curriculum', 'Create the local cluster', 'Open the first lab']) {
      assert.ok(
        titles.some((x) => x.includes(t)),
        `no step "${t}" in ${titles.join(' | ')}`,
      );
    }
    const doctor = page.locator('.getting-started-step', { hasText: 'Check your tools' });
    assert.equal(await doctor.getAttribute('aria-checked'), 'false', 'the step starts not done');
    await doctor.click();
    await doctor.locator('a, button', { hasText: 'Run Doctor' }).first().click();
    await page.locator('.panel .monaco-editor .view-lines', { hasText: 'API server' }).waitFor({ timeout: 30_000 });
    await page
      .locator('.getting-started-step[aria-checked="true"]', { hasText: 'Check your tools' })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'commands-02-walkthrough');
    // The walkthrough takes the focus back when it updates: close it before the next steps type.
    await command('View: Close All Editors');
  });

  it('New Lab asks for phase, id and title, writes a lab from the template that validates, and opens it', async () => {
    await command('ILLM Lab: New Lab');
    await quickInput('02-observe');
    await quickInput('my-new-lab');
    await quickInput('My New Lab');
    await page.waitForSelector('.tab.active:has-text("my-new-lab.illmlab")', { timeout: 20_000 });
    const created = readdirSync(join(workspace, 'labs', '02-observe')).filter((f) => f.includes('my-new-lab'));
    assert.deepEqual(created, ['02-my-new-lab.illmlab']);
    const path = join(workspace, 'labs', '02-observe', created[0]);
    assert.match(readFileSync(path, 'utf8'), /^---\nid: my-new-lab\ntitle: My New Lab\nphase: 2\norder: 2\n/);
    const validate = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'validate', path], {
      encoding: 'utf8',
    });
    assert.equal(validate.status, 0, validate.stdout + validate.stderr);
    await row('Phase 2: Observe').locator('.monaco-tl-twistie').click();
    await row('My New Lab').waitFor({ timeout: 15_000 });
    await screenshot(page, 'commands-03-new-lab');
  });

  it('Start the Curriculum copies the shipped curriculum into a picked folder, keeps what it has, and opens it', async () => {
    const target = mkdtempSync(join(tmpdir(), 'illmlab-my-curriculum-'));
    writeFileSync(join(target, 'Taskfile.yml'), '# mine\n');
    await command('ILLM Lab: Start the Curriculum');
    // code-server's folder picker is VS Code's simple dialog: a path in a quick input.
    const input = page.locator('.quick-input-widget:visible input');
    await input.waitFor({ timeout: 15_000 });
    // It fills in a starting folder once it has read it; type over that, not before it.
    const deadline = Date.now() + 15_000;
    while ((await input.inputValue()) === '' && Date.now() < deadline) await page.waitForTimeout(100);
    for (let i = 0; i < 10 && (await input.inputValue()) !== target + '/'; i++) {
      await input.fill(target + '/');
      await page.waitForTimeout(500);
    }
    assert.equal(await input.inputValue(), target + '/');
    await page.locator('.quick-input-widget:visible .monaco-button', { hasText: 'Start the Curriculum Here' }).click();
    await page.waitForURL((url) => url.searchParams.get('folder') === target, { timeout: 30_000 });
    for (const name of ['labs', 'manifests', 'images']) assert.ok(existsSync(join(target, name)), `${name} copied`);
    assert.equal(readFileSync(join(target, 'Taskfile.yml'), 'utf8'), '# mine\n', 'an existing file is kept');
    const progress = spawnSync(
      process.execPath,
      [join(repoRoot, 'dist', 'cli.js'), 'progress', join(target, 'labs'), '--json'],
      {
        encoding: 'utf8',
      },
    );
    const report = JSON.parse(progress.stdout) as { phases: unknown[]; labs?: unknown[] };
    assert.equal(report.phases.length, 11, 'the whole curriculum was copied');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.activitybar .action-item a[aria-label^="ILLM Lab"]').click();
    await row('Phase 11').waitFor({ timeout: 30_000 });
    await screenshot(page, 'commands-04-curriculum-started');
  });
});
