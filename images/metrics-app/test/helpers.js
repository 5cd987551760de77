'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const SERVER = path.join(__dirname, '..', 'src', 'server.js');

// Starts src/server.js on a free port (PORT=0; the port is read back from the
// "listening" log line) and collects its stdout lines.
function startApp(env = {}) {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', SLOW_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const rl = readline.createInterface({ input: child.stdout });

  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start: ${stderr}`)), 10000);
    child.once('exit', (code) => reject(new Error(`app exited with ${code}: ${stderr}`)));
    rl.on('line', (line) => {
      lines.push(line);
      if (lines.length === 1) {
        clearTimeout(timer);
        const first = JSON.parse(line);
        if (first.msg !== 'listening') reject(new Error(`unexpected first line: ${line}`));
        resolve(first.port);
      }
    });
  });

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  return ready.then((port) => ({
    port,
    base: `http://127.0.0.1:${port}`,
    lines,
    stderr: () => stderr,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  }));
}

// Minimal OpenMetrics/Prometheus text parser: enough for assertions.
function parseMetrics(text) {
  const types = {};
  const samples = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types[name] = type;
    } else if (line && !line.startsWith('#')) {
      const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)(?: # (\{[^}]*\}) (\S+)(?: (\S+))?)?/);
      if (!m) throw new Error(`unparsable sample line: ${line}`);
      const labels = {};
      if (m[2]) {
        for (const [, k, v] of m[2].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
      }
      const sample = { name: m[1], labels, value: Number(m[3]) };
      if (m[4]) {
        const exemplarLabels = {};
        for (const [, k, v] of m[4].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) exemplarLabels[k] = v;
        sample.exemplar = { labels: exemplarLabels, value: Number(m[5]) };
      }
      samples.push(sample);
    }
  }
  return { types, samples };
}

function value(parsed, name, labels = {}) {
  return parsed.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

async function scrape(base) {
  const res = await fetch(`${base}/metrics`);
  return { contentType: res.headers.get('content-type'), ...parseMetrics(await res.text()) };
}

async function waitFor(fn, { timeout = 5000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const result = await fn();
    if (result) return result;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, interval));
  }
}

module.exports = { startApp, parseMetrics, value, scrape, waitFor };
