import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runPromqlCells } from '../support/labQueries';
import { startMetricsApp, type RunningApp } from '../support/metricsApp';
import { repoRoot } from '../support/paths';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';

/**
 * Proof without a cluster for the hpa-tuning lab: the real metrics-app doing `/api/work` (CPU
 * per request), scraped by a real Prometheus with a cluster's labels. Every PromQL cell of the
 * lab runs through `illmlab run --prometheus`; the app's own cells return data. The cells built
 * on kube-state-metrics and cAdvisor (a kubelet's) are empty here by design.
 */
const LAB = join(repoRoot, 'labs', '06-autoscaling', '01-hpa-tuning.illmlab');
const APP_CELLS = ['request-rate', 'p95-latency'];

describe('proof without a cluster: the hpa-tuning lab’s queries against metrics-app doing work', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let prometheus: RunningPrometheus;

  before(async () => {
    app = await startMetricsApp();
    prometheus = await startPrometheus({
      scrapes: [
        {
          job: 'metrics-app',
          target: app.target,
          labels: { namespace: 'lab-hpa-tuning', service: 'metrics-app', pod: 'metrics-app-0' },
        },
      ],
    });
    const until = Date.now() + 7000;
    for (let i = 0; Date.now() < until; i++) {
      await fetch(`${app.url}/api/work?cpu_ms=${5 + (i % 20)}`)
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }
    await prometheus.waitForSamples(6);
  });

  after(async () => {
    app?.stop();
    await prometheus?.stop();
  });

  it('every PromQL cell runs; request rate and p95 latency of /api/work return data', () => {
    const { series } = runPromqlCells(LAB, prometheus.url, 8);
    for (const id of APP_CELLS) assert.ok(series(id).length > 0, `${id} returned no data`);
    assert.deepEqual(
      series('request-rate').map((s) => s.metric.status),
      ['200'],
    );
  });
});
