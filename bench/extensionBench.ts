/**
 * The extension in a real VS Code: activation time in code-server against a do-nothing
 * extension activated in the same window (the baseline), and the size of each bundle.
 * Targets (issue #7): activation under 200 ms, and what activation loads under 1 MB.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/browser';
import { installCodeServer, packageTestExtension, startCodeServer } from '../test/e2e/codeServer';
import { repoRoot } from '../test/support/paths';

export async function extensionBench(): Promise<void> {
  console.log('\n## extension');
  const dist = join(repoRoot, 'dist');
  for (const f of readdirSync(dist).filter((n) => n.endsWith('.js'))) {
    const bytes = statSync(join(dist, f)).size;
    const gz = gzipSync(readFileSync(join(dist, f))).length;
    console.log(`${f.padEnd(14)} ${(bytes / 1024).toFixed(0).padStart(5)} KB (${(gz / 1024).toFixed(0)} KB gzipped)`);
  }
  const activationBytes = statSync(join(dist, 'extension.js')).size;
  console.log(
    `activation loads extension.js only: ${(activationBytes / 1024).toFixed(0)} KB (target < 1024 KB) ${activationBytes < 1024 * 1024 ? 'met' : 'MISSED'}`,
  );

  const vsix = join(dist, 'illmlab.vsix');
  if (!existsSync(vsix)) {
    console.log('activation: dist/illmlab.vsix missing: run npm run package first');
    return;
  }
  const workspace = mkdtempSync(join(tmpdir(), 'illmlab-bench-ws-'));
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const out = join(workspace, '..', `bench-activation-${process.pid}.json`);
  const server = await startCodeServer({
    entry: installCodeServer(),
    workspace,
    vsixes: [vsix, packageTestExtension('harness'), packageTestExtension('baseline-extension')],
    trusted: true,
    env: { ILLMLAB_HARNESS_OUT: out, ILLMLAB_HARNESS_WORKSPACE: workspace },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const deadline = Date.now() + 120_000;
    while (!existsSync(out) && Date.now() < deadline) await page.waitForTimeout(500);
    const { activation } = JSON.parse(readFileSync(out, 'utf8')) as {
      activation: { baselineMs: number; illmlabMs: number };
    };
    const { baselineMs, illmlabMs } = activation;
    console.log(
      `activation in code-server: illmlab ${illmlabMs.toFixed(1)} ms, do-nothing baseline ${baselineMs.toFixed(1)} ms`,
    );
    console.log(
      `ratio to baseline: ${(illmlabMs / baselineMs).toFixed(1)}x; target < 200 ms ${illmlabMs < 200 ? 'met' : 'MISSED'}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
