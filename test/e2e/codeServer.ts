import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

/** Installs code-server 4.100.3 (cached; ../shared/TEST-ENV.md's recipe) and returns entry.js. */
export function installCodeServer(): string {
  return execFileSync('bash', [join(repoRoot, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** Packages a test-only extension folder (test/e2e/<name>) into a .vsix in a temp folder. */
export function packageTestExtension(name: string): string {
  const out = join(mkdtempSync(join(tmpdir(), `illmlab-${name}-`)), `${name}.vsix`);
  execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--allow-missing-repository', '--skip-license', '--out', out],
    {
      cwd: join(repoRoot, 'test', 'e2e', name),
      stdio: 'ignore',
    },
  );
  return out;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  entry: string;
  workspace: string;
  vsixes: string[];
  trusted: boolean;
  env?: Record<string, string>;
}

/** A real VS Code (code-server) on a free loopback port, with the given extensions installed. */
export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'illmlab-cs-'));
  const extensionsDir = join(home, 'extensions');
  const userDataDir = join(home, 'data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': !o.trusted ? true : false,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
      'extensions.autoCheckUpdates': false,
    }),
  );
  for (const vsix of o.vsixes) {
    execFileSync(
      process.execPath,
      [o.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix],
      {
        stdio: 'ignore',
      },
    );
  }
  const port = await freePort();
  const args = [
    o.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
  ];
  if (o.trusted) args.push('--disable-workspace-trust');
  args.push('--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, o.workspace);
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${log}`)), 60_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited ${code}:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.workspace)}`,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    },
  };
}
