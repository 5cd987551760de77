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
 * Charts in a real VS Code: a PromQL range cell against a real Prometheus, drawn by illmlab's
 * notebook renderer (vega) inside the output webview. (The live k6 chart is checked in Chromium
 * by test/integration/renderer.test.ts; in code-server it is still to come.)
 */
async function chartSvgs(page: Page): Promise<string[]> {
  const svgs = await Promise.all(
    page
      .frames()
      .map((f: Frame) =>
        f
          .evaluate<string[]>('Array.from(document.querySelectorAll("svg.marks")).map((s) => s.outerHTML)')
          .catch(() => [] as string[]),
      ),
  );
  return svgs.flat();
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
});
