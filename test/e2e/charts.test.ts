import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';
import { launchChromium, openFile, screenshot, waitForText } from './browser';
import { installCodeServer, startCodeServer, type CodeServer } from './codeServer';

/**
 * Charts in a real VS Code, drawn by illmlab's notebook renderer (vega) inside the output
 * webview: a PromQL range cell against a real Prometheus, and a k6 cell against the k6 stand-in
 * whose chart is redrawn while the test runs.
 */
/** The k6 chart's x-axis title: tells its SVG from the PromQL chart's. */
const K6_AXIS = 'seconds into the test';

async function chartSvgs(page: Page, containing?: string): Promise<string[]> {
  const svgs = await Promise.all(
    page
      .frames()
      .map((f: Frame) =>
        f
          .evaluate<string[]>('Array.from(document.querySelectorAll("svg.marks")).map((s) => s.outerHTML)')
          .catch(() => [] as string[]),
      ),
  );
  return svgs.flat().filter((svg) => containing === undefined || svg.includes(containing));
}

/** The notebook toolbar offers "Stop Execution" while a cell of the open notebook runs. */
async function running(page: Page): Promise<boolean> {
  return (await page.locator('.notebook-toolbar-container:visible >> text=Stop Execution').count()) > 0;
}

describe('e2e: charts in the notebook (code-server + Chromium)', function () {
  this.timeout(10 * 60_000);
  let browser: Browser;
  let server: CodeServer;
  let prometheus: RunningPrometheus;
  let page: Page;

  before(async () => {
    prometheus = await startPrometheus();
    await prometheus.waitForSamples(5);
    const workspace = mkdtempSync(join(tmpdir(), 'illmlab-charts-'));
    cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    writeFileSync(
      join(workspace, 'charts.illmlab'),
      [
        '---',
        'id: charts',
        'title: Charts',
        'endpoints:',
        `  prometheus: ${prometheus.url}`,
        'env:',
        `  ILLMLAB_K6_PATH: ${join(repoRoot, 'test', 'standins', 'k6-standin.mjs')}`,
        '  K6_STANDIN_SECONDS: "6"',
        '  K6_STANDIN_EXIT: "0"',
        '---',
        '',
        '```promql {id=scrapes range=2m step=2s}',
        'rate(prometheus_http_requests_total[10s])',
        '```',
        '',
      ].join('\n'),
    );
    // The k6 cell has a notebook of its own, so its output is in view (notebook outputs outside
    // the viewport are not rendered).
    writeFileSync(
      join(workspace, 'k6-live.illmlab'),
      [
        '---',
        'id: k6-live',
        'title: k6 live chart',
        'env:',
        `  ILLMLAB_K6_PATH: ${join(repoRoot, 'test', 'standins', 'k6-standin.mjs')}`,
        '  K6_STANDIN_SECONDS: "8"',
        '  K6_STANDIN_EXIT: "0"',
        '---',
        '',
        '```k6 {id=load}',
        "import http from 'k6/http';",
        "export default function () { http.get('http://127.0.0.1:1/'); }",
        '```',
        '',
      ].join('\n'),
    );
    server = await startCodeServer({
      entry: installCodeServer(),
      workspace,
      vsixes: [join(repoRoot, 'dist', 'illmlab.vsix')],
      trusted: true,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
    await openFile(page, server.url, 'charts.illmlab');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await prometheus?.stop();
  });

  it('a PromQL range cell draws a Vega chart inside the output webview', async () => {
    await page.locator('.notebook-toolbar-container >> text=Run All').first().click();
    await waitForText(page, /answered in \d+ ms \(range query/);
    const deadline = Date.now() + 30_000;
    let svgs: string[] = [];
    while (Date.now() < deadline && svgs.length === 0) {
      svgs = await chartSvgs(page);
      await page.waitForTimeout(250);
    }
    await screenshot(page, '05-promql-chart');
    assert.ok(svgs.length > 0, 'no Vega SVG in any output webview');
    assert.match(svgs[0], /<path/, 'the chart draws lines');
  });

  it('a k6 cell draws a chart that changes while the test runs, and keeps it when it ends', async () => {
    await openFile(page, server.url, 'k6-live.illmlab');
    await page.locator('.notebook-toolbar-container:visible >> text=Run All').first().click();
    const seenWhileRunning = new Set<string>();
    let sawRunning = false;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const isRunning = await running(page);
      sawRunning ||= isRunning;
      if (sawRunning && !isRunning) break;
      if (isRunning) for (const svg of await chartSvgs(page, K6_AXIS)) seenWhileRunning.add(svg);
      if (seenWhileRunning.size === 2) await screenshot(page, '06-k6-live-chart');
      await page.waitForTimeout(200);
    }
    assert.ok(sawRunning, 'the k6 cell never showed as running');
    assert.ok(!(await running(page)), 'the k6 cell did not end within a minute');
    assert.ok(
      seenWhileRunning.size >= 2,
      `the k6 chart should be redrawn while the test runs; saw ${seenWhileRunning.size} distinct chart(s)`,
    );
    const text = await waitForText(page, /http_reqs/);
    await screenshot(page, '07-k6-ended');
    assert.match(text, /http_req_duration/, 'the end-of-test summary shows');
    const final = await chartSvgs(page, K6_AXIS);
    assert.equal(final.length, 1, 'one k6 chart stays after the run');
    assert.match(final[0], /<path/, 'the chart draws lines');
  });
});
