// `npm run lab`: build and package the extension, then open the labs with it: in VS Code when
// `code` is on PATH, else in code-server (installed into a cache on first use) served on
// 127.0.0.1, printing the URL to open. Ctrl+C stops code-server.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(root, 'dist', 'illmlab.vsix');
const cache = process.env.ILLMLAB_CACHE ?? join(homedir(), '.cache', 'illmlab');

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) {
    console.error(`lab: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function freePort(preferred) {
  return new Promise((res) => {
    const server = createServer();
    server.once('error', () => {
      const any = createServer();
      any.listen(0, '127.0.0.1', () => {
        const { port } = any.address();
        any.close(() => res(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => res(preferred)));
  });
}

run('npm', ['run', '--silent', 'package']);

if (onPath('code') && !process.env.ILLMLAB_USE_CODE_SERVER) {
  run('code', ['--install-extension', vsix, '--force']);
  run('code', [root, join(root, 'labs')]);
  console.log('lab: opened the labs in VS Code.');
  process.exit(0);
}

const entry = execFileSync('bash', [join(root, 'scripts', 'install-code-server.sh')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();
const extensionsDir = join(cache, 'lab-extensions');
const userDataDir = join(cache, 'lab-user-data');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
const settings = join(userDataDir, 'User', 'settings.json');
if (!existsSync(settings)) {
  writeFileSync(
    settings,
    JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2),
  );
}
run(process.execPath, [
  entry,
  '--extensions-dir',
  extensionsDir,
  '--user-data-dir',
  userDataDir,
  '--install-extension',
  vsix,
  '--force',
]);

const port = await freePort(Number(process.env.ILLMLAB_PORT ?? 8080));
const server = spawn(
  process.execPath,
  [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    root,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
server.stdout.on('data', (d) => {
  if (String(d).includes('HTTP server listening')) {
    console.log(
      `\nILLM Lab is ready: open http://127.0.0.1:${port}/?folder=${encodeURIComponent(root)}\n(Ctrl+C stops it)`,
    );
  }
});
server.stderr.pipe(process.stderr);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
