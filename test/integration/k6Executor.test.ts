import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../src/kernels/processTree';
import type { K6Summary } from '../../src/kernels/k6/k6Summary';
import type { CellEvent } from '../../src/kernels/types';
import { newSession, pidsIn } from '../support/shell';
import { k6SummaryExport, runK6Cell, standinPath, type K6Ran } from '../unit/k6/k6Support';

const SCRIPT = "import http from 'k6/http';\nexport default function () {\n  http.get('http://127.0.0.1:18081/');\n}\n";

function k6Session(env: Record<string, string> = {}) {
  return newSession({ settingsEnv: { ILLMLAB_K6_PATH: standinPath, K6_STANDIN_SECONDS: '1.5', ...env } });
}

type Chart = Extract<CellEvent, { kind: 'chart' }> & { at: number };
const charts = (ran: K6Ran) => ran.events.filter((e): e is Chart => e.kind === 'chart');
const endAt = (ran: K6Ran) => ran.events.find((e) => e.kind === 'end')!.at;

describe('k6: cells through the executor (k6 stand-in replaying a real k6 run)', function () {
  this.timeout(30_000);

  it("a run that crosses a threshold: exit 99 names it; the summary is k6's own", async () => {
    const session = k6Session({ K6_STANDIN_SECONDS: '3' });
    try {
      const ran = await runK6Cell(session, SCRIPT);
      assert.equal(ran.result.status, 'failed');
      assert.equal(ran.result.exitCode, 99);
      assert.equal(ran.result.error, 'thresholds crossed: checks: rate>0.5');

      const summary = ran.result.summary as K6Summary;
      const k6 = k6SummaryExport().metrics;
      for (const [name, theirs] of Object.entries(k6)) {
        const ours = summary.metrics[name] as unknown as Record<string, unknown>;
        for (const stat of ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'count', 'passes', 'fails'] as const) {
          if (stat in theirs) assert.equal(ours[stat], theirs[stat], `${name} ${stat}`);
        }
        // The counter rates use k6's test duration, recovered from its summary export.
        if (typeof theirs.rate === 'number') {
          assert.ok(Math.abs((ours.rate as number) / theirs.rate - 1) < 1e-12, `${name} rate`);
        }
      }
      // Every verdict k6 gave, inverted (k6 writes true for crossed), the submetric's included.
      const verdicts: K6Summary['thresholds'] = {};
      for (const [name, m] of Object.entries(k6)) {
        for (const [expr, crossed] of Object.entries((m.thresholds ?? {}) as Record<string, boolean>)) {
          (verdicts[name] ??= {})[expr] = !crossed;
        }
      }
      assert.deepEqual(summary.thresholds, verdicts);
      assert.equal(Object.keys(verdicts).length, 4);

      const table = ran.events.find((e) => e.kind === 'table');
      assert.ok(table && table.kind === 'table' && table.rows.some((r) => r[0] === 'http_req_duration'));
      const json = ran.events.find((e) => e.kind === 'json');
      assert.ok(json && json.kind === 'json');
      assert.deepEqual(json.data, summary);
      assert.match(ran.stdout, /http_req_duration\.+: avg=1\.09ms/, "k6's own text streams through");
      assert.deepEqual(
        readdirSync(session.tempDir).filter((f) => f.startsWith('k6-')),
        [],
        'script, output and summary files removed',
      );
    } finally {
      await session.dispose();
    }
  });

  it('the chart updates while k6 runs: several different live charts before the end', async () => {
    const session = k6Session({ K6_STANDIN_SECONDS: '3' });
    try {
      const ran = await runK6Cell(session, SCRIPT);
      const end = endAt(ran);
      const live = charts(ran).filter((c) => c.fallback.startsWith('k6 run (live)'));
      const distinct = new Set(live.map((c) => JSON.stringify(c.spec)));
      assert.ok(distinct.size >= 2, `${distinct.size} different live charts`);
      assert.ok(live[0].at < end - 1000, `first live chart ${live[0].at} ms, end ${end} ms`);
      for (let i = 1; i < live.length; i++)
        assert.ok(live[i].at - live[i - 1].at < 1500, 'updated at least every 1.5 s');
      assert.ok(live.every((c) => c.key === 'k6-live'));
      const final = charts(ran).at(-1)!;
      assert.ok(final.fallback.startsWith('k6 run: '));
      assert.equal((final.spec.data as { values: unknown[] }).values.length, 4, 'the final chart has every second');
      assert.ok(charts(ran).length < 20, 'not a chart per poll');
    } finally {
      await session.dispose();
    }
  });

  it('exit 0: ok, with the summary', async () => {
    const session = k6Session({ K6_STANDIN_EXIT: '0' });
    try {
      const ran = await runK6Cell(session, SCRIPT);
      assert.equal(ran.result.status, 'ok');
      assert.equal(ran.result.exitCode, 0);
      assert.equal((ran.result.summary as K6Summary).metrics.http_reqs.count, 2472);
    } finally {
      await session.dispose();
    }
  });

  it("exit 107: k6's script error, pointing at the cell and line, not at a temp file", async () => {
    const session = k6Session({ K6_STANDIN_EXIT: '107' });
    try {
      const ran = await runK6Cell(session, SCRIPT, { id: 'smoke' });
      assert.equal(ran.result.status, 'failed');
      assert.equal(ran.result.exitCode, 107);
      assert.equal(
        ran.result.error,
        'the k6 script threw an exception (k6 exit code 107): ReferenceError: nope is not defined\n\tat cell "smoke", line 3',
      );
      assert.equal(ran.result.summary, undefined, 'no samples, no summary');
      assert.match(ran.stderr, /hint="script exception"/, "k6's stderr is shown as it is");
    } finally {
      await session.dispose();
    }
  });

  it('exit 104: k6 rejected the configuration, with its reason', async () => {
    const session = k6Session({ K6_STANDIN_EXIT: '104' });
    try {
      const ran = await runK6Cell(session, SCRIPT);
      assert.equal(ran.result.status, 'failed');
      assert.match(
        ran.result.error!,
        /^k6 rejected the test configuration \(options\) \(k6 exit code 104\): invalid threshold defined on http_req_duration/,
      );
    } finally {
      await session.dispose();
    }
  });

  it('no k6: a failed cell that says how to install k6', async () => {
    const missing = newSession({ settingsEnv: { ILLMLAB_K6_PATH: '/nonexistent/bin/k6' } });
    const noPath = newSession({ settingsEnv: { PATH: mkdtempSync(join(tmpdir(), 'illmlab-empty-path-')) } });
    try {
      const a = await runK6Cell(missing, SCRIPT);
      assert.equal(a.result.status, 'failed');
      assert.match(
        a.result.error!,
        /^k6 was not found: looked for ILLMLAB_K6_PATH \(\/nonexistent\/bin\/k6\)\. Install k6/,
      );
      const b = await runK6Cell(noPath, SCRIPT);
      assert.match(
        b.result.error!,
        /^k6 was not found: looked for "k6" on the PATH\. Install k6 \(https:\/\/grafana\.com/,
      );
    } finally {
      await missing.dispose();
      await noPath.dispose();
    }
  });

  it("illmlab's own failure (its temp folder gone) still ends the cell, saying what failed", async () => {
    const session = k6Session();
    try {
      rmSync(session.tempDir, { recursive: true, force: true });
      const ran = await runK6Cell(session, SCRIPT);
      assert.equal(ran.result.status, 'failed');
      assert.match(
        ran.result.error!,
        /^illmlab could not run k6: ENOENT: no such file or directory, open '.*k6-\d+-load\.js'$/,
      );
    } finally {
      await session.dispose();
    }
  });

  it('cancel: SIGINT first, k6 writes its summary, the partial summary is kept, nothing is left running', async () => {
    const session = k6Session({ K6_STANDIN_SECONDS: '6', K6_STANDIN_CHILD: '1' });
    try {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 1500);
      const ran = await runK6Cell(session, SCRIPT, { signal: abort.signal });
      assert.equal(ran.result.status, 'cancelled');
      assert.match(
        ran.result.error!,
        /^cancelled: k6 was sent SIGINT; the summary covers the samples written until then$/,
      );
      assert.match(ran.stderr, /Stopping k6 in response to signal/, 'k6 (the stand-in) saw SIGINT, not a kill');
      const count = (ran.result.summary as K6Summary).metrics.http_reqs.count!;
      assert.ok(count > 0 && count < 2472, `${count} requests before the stop`);
      assert.ok(ran.result.durationMs < 3000, `took ${ran.result.durationMs} ms`);
      const pids = pidsIn(ran.stderr);
      assert.equal(pids.length, 2, 'the stand-in and its child');
      assert.deepEqual(pids.filter(isAlive), [], 'processes left running');
    } finally {
      await session.dispose();
    }
  });

  it('cancel: a k6 that ignores SIGINT is killed, with what it started, after the grace period', async () => {
    const session = k6Session({ K6_STANDIN_SECONDS: '20', K6_STANDIN_CHILD: '1', K6_STANDIN_ON_SIGINT: 'ignore' });
    try {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 800);
      const ran = await runK6Cell(session, SCRIPT, { signal: abort.signal, executor: { graceMs: 700 } });
      assert.equal(ran.result.status, 'cancelled');
      assert.match(ran.result.error!, /^cancelled: k6 was sent SIGINT and killed after 0\.7 s/);
      assert.ok(ran.result.durationMs < 800 + 700 + 1500, `took ${ran.result.durationMs} ms`);
      const pids = pidsIn(ran.stderr);
      assert.equal(pids.length, 2);
      assert.deepEqual(pids.filter(isAlive), [], 'processes left running');
    } finally {
      await session.dispose();
    }
  });

  it('timeout attribute: stopped like a cancel, status timeout', async () => {
    const session = k6Session({ K6_STANDIN_SECONDS: '10' });
    try {
      const ran = await runK6Cell(session, SCRIPT, { attributes: { timeout: '1' } });
      assert.equal(ran.result.status, 'timeout');
      assert.match(ran.result.error!, /^timed out after 1 s: k6 was sent SIGINT/);
    } finally {
      await session.dispose();
    }
  });

  it("parallel runs: k6's REST API is off (--address=), so no two runs want port 6565", async () => {
    const sessions = [k6Session({ K6_STANDIN_EXIT: '0' }), k6Session({ K6_STANDIN_EXIT: '0' })];
    try {
      const runs = await Promise.all(sessions.map((s) => runK6Cell(s, SCRIPT)));
      for (const ran of runs) {
        assert.equal(ran.result.status, 'ok');
        assert.doesNotMatch(ran.stderr, /REST API/);
      }
    } finally {
      await Promise.all(sessions.map((s) => s.dispose()));
    }
  });

  it('the session environment reaches k6 (K6_* included), with secrets masked in its output', async () => {
    const session = k6Session({
      K6_STANDIN_EXIT: '0',
      K6_STANDIN_ECHO_ENV: '1',
      K6_VUS: '7',
      K6_CLOUD_TOKEN: 'tok-12345678',
    });
    try {
      const ran = await runK6Cell(session, SCRIPT);
      assert.match(ran.stdout, /^env K6_VUS=7$/m);
      assert.match(ran.stdout, /^env K6_CLOUD_TOKEN=••••••$/m);
      assert.doesNotMatch(ran.stdout, /tok-12345678/);
    } finally {
      await session.dispose();
    }
  });
});
