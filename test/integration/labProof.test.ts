import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { repoRoot } from '../support/paths';
import { runPromqlCells } from '../support/labQueries';
import { startMetricsApp, type RunningApp } from '../support/metricsApp';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';

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
  let app: RunningApp;
  let prometheus: RunningPrometheus;

  before(async () => {
    app = await startMetricsApp({ ERROR_RATE: '0.5' });
    const appUrl = app.url;
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
          target: app.target,
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
    app?.stop();
    await prometheus?.stop();
  });

  it('every PromQL cell of the lab runs and returns data', () => {
    const { cells, series } = runPromqlCells(LAB, prometheus.url, 15);
    const empty = cells.filter((id) => !EMPTY_BY_DESIGN.has(id) && series(id).length === 0);
    assert.deepEqual(empty, [], 'cells that returned no data');
    for (const id of EMPTY_BY_DESIGN) assert.deepEqual(series(id), [], `${id} should be empty`);
  });
});
