import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { parseLab } from '../../src/notebook/format';
import { repoRoot } from '../support/paths';
import { freePort, startPrometheus, type RunningPrometheus } from '../support/prometheus';

/**
 * Proof without a cluster (issue #8): the Prometheus lab's own query cells, run by `illmlab run
 * --prometheus`, against a real Prometheus scraping the real metrics-app under load, with the
 * lab's own recording rules loaded. The scrape attaches the labels a cluster would (namespace,
 * service), so the queries run as written.
 */
const LAB = join(repoRoot, 'labs', '02-observability', '01-prometheus-tutorial.illmlab');

/** Queries that are right to return nothing here: absent() of a target that is up. */
const EMPTY_BY_DESIGN = new Set(['absent-up']);

describe('proof without a cluster: the Prometheus lab against metrics-app and a real Prometheus', function () {
  this.timeout(120_000);
  let app: ChildProcess;
  let prometheus: RunningPrometheus;
  let appUrl: string;

  before(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, [join(repoRoot, 'images', 'metrics-app', 'src', 'server.js')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ERROR_RATE: '0.5' },
      stdio: 'ignore',
    });
    for (
      let i = 0;
      i < 100 &&
      !(await fetch(`${appUrl}/healthz`)
        .then((r) => r.ok)
        .catch(() => false));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    // The lab's PrometheusRule, as Prometheus reads rules: its spec's groups.
    const rule = parseAllDocuments(
      readFileSync(join(repoRoot, 'manifests', 'prometheus-tutorial', 'prometheusrule.yaml'), 'utf8'),
    )
      .map((d) => d.toJS() as { kind?: string; spec?: unknown })
      .find((o) => o?.kind === 'PrometheusRule');
    const rules = join(mkdtempSync(join(tmpdir(), 'illmlab-proof-')), 'rules.yaml');
    // Evaluated every second instead of every 30 s: this test has seconds, not minutes, of data.
    const spec = rule!.spec as { groups: Array<{ interval?: string }> };
    for (const group of spec.groups) group.interval = '1s';
    writeFileSync(rules, stringify(spec));
    prometheus = await startPrometheus({
      scrapes: [
        {
          job: 'metrics-app',
          target: `127.0.0.1:${port}`,
          labels: { namespace: 'lab-prometheus-tutorial', service: 'metrics-app' },
        },
      ],
      ruleFiles: [rules],
    });
    // Bounded load to loopback only: every route, errors and slow ones included.
    const routes = ['/', '/api/items', '/api/items', '/api/slow', '/api/error'];
    const until = Date.now() + 8000;
    for (let i = 0; i < 600 && Date.now() < until; i++) {
      await fetch(appUrl + routes[i % routes.length])
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }
    await prometheus.waitForSamples(8);
    // The recording rules need two evaluations over the load before their series exist.
    for (let i = 0; i < 100; i++) {
      const body = await prometheus.api(
        '/api/v1/query?query=' +
          encodeURIComponent('route:request_errors:ratio_rate5m and route:request_duration_seconds:p95_5m'),
      );
      if ((body.data.result as unknown[]).length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  after(async () => {
    app?.kill('SIGTERM');
    await prometheus?.stop();
  });

  it('every PromQL cell of the lab runs and returns data', () => {
    const cells = parseLab(readFileSync(LAB, 'utf8')).cells.filter((c) => c.language === 'promql');
    assert.ok(cells.length >= 15, `only ${cells.length} promql cells`);
    const args = [
      'run',
      LAB,
      '--prometheus',
      prometheus.url,
      '--json',
      '--keep-going',
      ...cells.flatMap((c) => ['--cell', c.id]),
    ];
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; status: string; error?: string; result?: { result: unknown[] } });
    assert.equal(lines.length, cells.length);
    const failed = lines.filter((l) => l.status !== 'ok').map((l) => `${l.id}: ${l.error}`);
    assert.deepEqual(failed, [], 'cells that failed');
    const empty = lines
      .filter((l) => !EMPTY_BY_DESIGN.has(l.id) && (l.result?.result ?? []).length === 0)
      .map((l) => l.id);
    assert.deepEqual(empty, [], 'cells that returned no data');
    for (const id of EMPTY_BY_DESIGN)
      assert.deepEqual(lines.find((l) => l.id === id)?.result?.result, [], `${id} should be empty`);
    assert.equal(r.status, 0);
  });
});
