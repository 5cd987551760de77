import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runPromqlCells } from '../support/labQueries';
import { startMetricsApp, type RunningApp } from '../support/metricsApp';
import { repoRoot } from '../support/paths';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';

/**
 * Proof without a cluster for the rolling-update lab: two real metrics-app processes stand for
 * two pods in the middle of a rollout (1.0.0 serving, 2.0.0 still starting for the whole test), scraped by a real
 * Prometheus with the labels a cluster adds (namespace, pod). The lab's PromQL cells, run by
 * `illmlab run --prometheus`, must see both versions and the 503s of the starting one. The
 * kube-state-metrics cells are empty here by design: no cluster, no kube-state-metrics.
 */
const LAB = join(repoRoot, 'labs', '05-deployment-strategies', '01-rolling-update.illmlab');
const NEEDS_KUBE_STATE_METRICS = new Set(['replicas', 'replicas-large']);

describe('proof without a cluster: the rolling-update lab’s queries against two metrics-app versions', function () {
  this.timeout(120_000);
  const apps: RunningApp[] = [];
  let prometheus: RunningPrometheus;

  before(async () => {
    apps.push(await startMetricsApp({ APP_VERSION: '1.0.0' }));
    apps.push(await startMetricsApp({ APP_VERSION: '2.0.0', STARTUP_DELAY_MS: '60000' }));
    prometheus = await startPrometheus({
      scrapes: apps.map((app, i) => ({
        job: `metrics-app-${i}`,
        target: app.target,
        labels: { namespace: 'lab-rolling-update', service: 'metrics-app', pod: `metrics-app-${i}` },
      })),
    });
    // Steady load on both "pods" for a few seconds: the starting one answers 503 at first.
    const until = Date.now() + 7000;
    for (let i = 0; Date.now() < until; i++) {
      await fetch(`${apps[i % 2].url}/api/items`)
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }
    await prometheus.waitForSamples(6);
  });

  after(async () => {
    apps.forEach((app) => app.stop());
    await prometheus?.stop();
  });

  it('its PromQL cells run; traffic splits by version and the starting pod’s 503s show', () => {
    const { cells, series } = runPromqlCells(LAB, prometheus.url, 5);
    assert.deepEqual(
      series('requests-by-version')
        .map((s) => s.metric.version)
        .sort(),
      ['1.0.0', '2.0.0'],
    );
    assert.ok(
      series('requests-by-status').some((s) => s.metric.status === '503'),
      'the starting version answered 503',
    );
    assert.ok(
      series('requests-by-status').some((s) => s.metric.status === '200'),
      'the serving version answered 200',
    );
    assert.equal(series('errors-5xx').length, 1);
    for (const id of cells.filter((c) => !NEEDS_KUBE_STATE_METRICS.has(c)))
      assert.ok(series(id).length > 0, `${id} returned no data`);
    for (const id of NEEDS_KUBE_STATE_METRICS) assert.deepEqual(series(id), [], `${id} needs kube-state-metrics`);
  });
});
