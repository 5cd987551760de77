import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's package `prometheus` (scripts/setup.sh installs it). */
export const PROMETHEUS_BIN = process.env.ILLMLAB_PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export interface RunningPrometheus {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Prometheus' own answer to a query API path, parsed: the reference the tests compare with. */
  api(pathAndQuery: string): Promise<{ status: string; data: { resultType: string; result: unknown } }>;
  /** Waits until `up` has at least `n` samples in the last minute (for range queries). */
  waitForSamples(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL'); // a test run that dies leaves no Prometheus behind
});

/**
 * A real Prometheus on a free 127.0.0.1 port with a temp TSDB, scraping itself every second;
 * resolves once it is ready and `up` has data.
 */
export interface PrometheusOptions {
  /** More scrape jobs: a target on 127.0.0.1 and labels to attach (as a cluster's discovery would). */
  scrapes?: Array<{ job: string; target: string; labels?: Record<string, string> }>;
  /** Rule files (recording and alerting rules) to load. */
  ruleFiles?: string[];
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(
      `${PROMETHEUS_BIN} is missing: install Debian's prometheus (apt-get install -y prometheus; scripts/setup.sh does)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-prometheus-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      ...(options.ruleFiles?.length
        ? ['rule_files:', ...options.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)]
        : []),
      'scrape_configs:',
      '  - job_name: prometheus',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${port}']`,
      ...(options.scrapes ?? []).flatMap((s) => [
        `  - job_name: ${JSON.stringify(s.job)}`,
        '    static_configs:',
        `      - targets: [${JSON.stringify(s.target)}]`,
        `        labels: ${JSON.stringify(s.labels ?? {})}`,
      ]),
      '',
    ].join('\n'),
  );
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };

  const api = async (pathAndQuery: string) => {
    const res = await fetch(url + pathAndQuery);
    return (await res.json()) as { status: string; data: { resultType: string; result: unknown } };
  };

  const waitFor = async (what: string, ok: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`prometheus exited (${child.exitCode}) while waiting for ${what}:\n${log}`);
      if (await ok().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`prometheus: no ${what} after ${timeoutMs} ms:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const waitForSamples = (n: number, timeoutMs = 20_000) =>
    waitFor(
      `${n} samples of up`,
      async () => {
        const body = await api('/api/v1/query?query=' + encodeURIComponent('count_over_time(up[1m])'));
        const result = body.data.result as Array<{ value: [number, string] }>;
        return result.length > 0 && Number(result[0].value[1]) >= n;
      },
      timeoutMs,
    );

  try {
    await waitFor('/-/ready', async () => (await fetch(`${url}/-/ready`)).ok, 20_000);
    await waitForSamples(1);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, api, waitForSamples, stop };
}
