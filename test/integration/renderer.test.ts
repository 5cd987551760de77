import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { k6Chart } from '../../src/kernels/k6/k6LiveChart';
import { K6Metrics } from '../../src/kernels/k6/k6Metrics';
import { K6Timeline } from '../../src/kernels/k6/k6Timeline';
import { launchChromium } from '../support/chromium';
import { repoRoot } from '../support/paths';
import { recordingLines } from '../unit/k6/k6Support';

// Functions given to page.evaluate run in the page; the tests compile without the DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, window: any, HTMLAnchorElement: any;

const ORIGIN = 'http://illmlab.test';
const CHART_MIME = 'application/vnd.illmlab.chart+json';
const results = join(repoRoot, 'test-results');

// What VS Code puts on an output webview: variables on <html>, the theme kind on <body>.
const THEMES = {
  dark: { kind: 'vscode-dark', fg: '#d4d4d4', bg: '#1e1e1e', blue: '#3794ff' },
  light: { kind: 'vscode-light', fg: '#3b3b3b', bg: '#ffffff', blue: '#1a85ff' },
  'high-contrast': { kind: 'vscode-high-contrast', fg: '#ffffff', bg: '#000000', blue: '#3794ff' },
} as const;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0;padding:8px"><div id="one"></div><div id="two"></div>
<script type="module">
  import { activate } from './renderer.js';
  window.renderer = activate({ workspace: { isTrusted: true } });
</script></body></html>`;

async function setTheme(page: Page, name: keyof typeof THEMES): Promise<void> {
  const t = THEMES[name];
  await page.evaluate((t) => {
    const html = document.documentElement.style;
    html.setProperty('--vscode-editor-foreground', t.fg);
    html.setProperty('--vscode-editor-background', t.bg);
    html.setProperty('--vscode-charts-blue', t.blue);
    document.body.style.background = t.bg;
    document.body.dataset.vscodeThemeKind = t.kind;
  }, t);
}

/** Renders an output item the way VS Code's webview calls a renderer. */
async function render(page: Page, id: string, target: string, spec: unknown): Promise<void> {
  await page.evaluate(
    async ({ id, target, spec, mime }) => {
      const item = { id, mime, json: () => spec, text: () => JSON.stringify(spec) };
      await window.renderer.renderOutputItem(item, document.getElementById(target));
    },
    { id, target, spec, mime: CHART_MIME },
  );
}

const axisLabelFill = (page: Page, target: string) =>
  page.$eval(`#${target} svg .role-axis-label text`, (el) => el.getAttribute('fill'));
const liveViews = (page: Page) => page.evaluate(() => (window.renderer.liveViews() as string[]).sort());

describe('k6: notebook chart renderer in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let spec: Record<string, unknown>;

  before(async () => {
    const bundle = await build({
      entryPoints: [join(repoRoot, 'src/notebook/renderer/chartRenderer.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0].text;
    const metrics = new K6Metrics(new K6Timeline());
    for (const line of recordingLines()) metrics.addLine(line);
    spec = k6Chart(metrics.timelineRows(), 'k6 run').spec;

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 720, height: 620 } });
    page.on('request', (r) => requests.push(r.url()));
    // Served from memory: no server, and anything not ours would show in `requests`.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (url === `${ORIGIN}/renderer.js`) return route.fulfill({ contentType: 'text/javascript', body: code });
      return route.abort();
    });
    await page.addInitScript(() => {
      // Record what the export buttons would save instead of saving it.
      const w = window;
      w.saved = [];
      HTMLAnchorElement.prototype.click = function (this: { href: string; download: string }) {
        w.saved.push({ href: this.href, download: this.download, inDocument: document.contains(this) });
      };
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'renderer' in window);
    mkdirSync(results, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  it('draws the k6 chart as SVG in the dark theme, with the theme colours', async () => {
    await setTheme(page, 'dark');
    await render(page, 'out-1', 'one', spec);
    await page.waitForSelector('#one svg .mark-line path');
    assert.equal(await axisLabelFill(page, 'one'), THEMES.dark.fg);
    const lines = await page.$$eval('#one svg .mark-line path', (ps) => ps.map((p) => p.getAttribute('stroke')));
    assert.ok(lines.includes(THEMES.dark.blue), `line colours ${lines.join(', ')}`);
    assert.deepEqual(await liveViews(page), ['out-1']);
    await page.screenshot({ path: join(results, 'renderer-k6-dark.png'), fullPage: true });
  });

  it('re-themes when VS Code switches theme: light, then high contrast (thicker lines)', async () => {
    await setTheme(page, 'light');
    await page.waitForFunction((fg) => {
      const label = document.querySelector('#one svg .role-axis-label text');
      return label?.getAttribute('fill') === fg;
    }, THEMES.light.fg);
    await page.screenshot({ path: join(results, 'renderer-k6-light.png'), fullPage: true });
    await setTheme(page, 'high-contrast');
    await page.waitForFunction((fg) => {
      const label = document.querySelector('#one svg .role-axis-label text');
      return label?.getAttribute('fill') === fg;
    }, THEMES['high-contrast'].fg);
    const width = await page.$eval('#one svg .mark-line path', (p) => p.getAttribute('stroke-width'));
    assert.equal(width, '2.5');
    assert.equal(await page.$$eval('#one svg.marks', (s) => s.length), 1, 'one chart, not one per theme');
    assert.deepEqual(await liveViews(page), ['out-1']);
    await page.screenshot({ path: join(results, 'renderer-k6-high-contrast.png'), fullPage: true });
    await setTheme(page, 'dark');
  });

  it('a new render of the same output replaces its view; dispose finalizes views', async () => {
    const values = (spec.data as { values: unknown[] }).values;
    await render(page, 'out-1', 'one', { ...spec, data: { values: values.slice(0, 2) } });
    await render(page, 'out-2', 'two', spec);
    await page.waitForSelector('#two svg .mark-line path');
    assert.equal(await page.$$eval('#one svg.marks', (s) => s.length), 1);
    assert.deepEqual(await liveViews(page), ['out-1', 'out-2']);
    await page.evaluate(() => window.renderer.disposeOutputItem('out-1'));
    assert.deepEqual(await liveViews(page), ['out-2']);
    await page.evaluate(() => window.renderer.disposeOutputItem());
    assert.deepEqual(await liveViews(page), []);
  });

  it('exports SVG and PNG as data URLs through an <a download> in the document', async () => {
    await render(page, 'out-3', 'one', spec);
    await page.waitForSelector('#one svg .mark-line path');
    await page.click('#one button[data-export="svg"]');
    await page.click('#one button[data-export="png"]');
    await page.waitForFunction(() => window.saved.length === 2);
    const saved: Array<{ href: string; download: string; inDocument: boolean }> = await page.evaluate(
      () => window.saved,
    );
    assert.equal(saved[0].download, 'k6-run.svg');
    assert.ok(saved[0].href.startsWith('data:image/svg+xml;charset=utf-8,'));
    const svg = decodeURIComponent(saved[0].href.slice(saved[0].href.indexOf(',') + 1));
    assert.match(svg, /^<svg /);
    assert.ok(svg.includes(`fill="${THEMES.dark.bg}"`), 'the export has the editor background behind it');
    assert.equal(saved[1].download, 'k6-run.png');
    assert.match(saved[1].href, /^data:image\/png;base64,iVBORw0KGgo/);
    assert.ok(saved.every((s) => s.inDocument));
  });

  it('needs no network: a spec that names a URL gets an error in place, and no request is made', async () => {
    await render(page, 'out-4', 'two', {
      data: { url: 'https://example.com/data.json' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    });
    await page.waitForFunction(() =>
      document
        .querySelector('#two .illmlab-chart-errors')
        ?.textContent?.includes('notebook charts carry their data inline'),
    );
    await render(page, 'out-5', 'two', { layer: [{}] });
    await page.waitForFunction(() =>
      document.querySelector('#two')?.textContent?.includes('Could not draw this chart'),
    );
    assert.deepEqual(
      requests.filter((u) => !u.startsWith(ORIGIN)),
      [],
      'requests outside the page',
    );
  });
});
