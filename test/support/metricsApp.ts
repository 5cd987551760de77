import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { freePort } from './prometheus';

export interface RunningApp {
  url: string;
  /** host:port, a scrape target. */
  target: string;
  stop(): void;
}

/** The real metrics-app (images/metrics-app) on a free loopback port, once it answers /healthz. */
export async function startMetricsApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, [join(repoRoot, 'images', 'metrics-app', 'src', 'server.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, target: `127.0.0.1:${port}`, stop: () => app.kill('SIGTERM') };
}
