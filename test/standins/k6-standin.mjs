#!/usr/bin/env node
// A STAND-IN for the k6 binary, for tests only: k6 is not installed where the tests run.
// It takes the `k6 run` arguments the executor passes and behaves as k6 v0.48 does on the
// wire: it replays a recorded real run (test/fixtures/k6/sample-out.json.gz) into the
// --out json file over a few seconds, re-timed to now and flushed every 200 ms, writes a
// --summary-export, prints k6's end-of-test text on stdout and logfmt lines on stderr, and
// exits with the code the test asks for.
//
// Knobs (environment):
//   K6_STANDIN_EXIT       exit code (default 99: the recorded run crossed a threshold);
//                         107 prints a script exception and writes no samples, like an init error
//   K6_STANDIN_SECONDS    how long the replay takes (default 3)
//   K6_STANDIN_ON_SIGINT  'summary' (default: stop, write the summary, exit 105, as k6 does)
//                         or 'ignore' (a k6 that hangs)
//   K6_STANDIN_CHILD=1    also start a child process (as an extension might) in k6's group
//   K6_STANDIN_ECHO_ENV=1 print the K6_* variables it was given on stdout
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures', 'k6');
const env = process.env;

function log(level, msg, extra = '') {
  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  process.stderr.write(`time="${time}" level=${level} msg=${JSON.stringify(msg)}${extra}\n`);
}

// --- arguments, as k6's cobra command line reads them -----------------------------------
const argv = process.argv.slice(2);
if (argv[0] !== 'run') {
  process.stderr.write(`Error: unknown command "${argv[0] ?? ''}" for "k6" (this stand-in knows only "run")\n`);
  process.exit(255);
}
const flags = { out: [], summaryExport: undefined, address: undefined, quiet: false };
let script;
for (let i = 1; i < argv.length; i++) {
  const arg = argv[i];
  const [name, inline] =
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
  const value = () => inline ?? argv[++i];
  if (name === '--out' || name === '-o') flags.out.push(value());
  else if (name === '--summary-export') flags.summaryExport = value();
  else if (name === '--address' || name === '-a') flags.address = value();
  else if (name === '--quiet' || name === '-q') flags.quiet = true;
  else if (arg.startsWith('-')) {
    process.stderr.write(`Error: unknown flag: ${name}\n`);
    process.exit(255);
  } else script = arg;
}
if (!script || !existsSync(script)) {
  log('error', `The moduleSpecifier "${script}" couldn't be found on local disk.`);
  process.exit(255);
}
const jsonOut = flags.out.find((o) => o.startsWith('json='))?.slice(5);

log('info', `stand-in pid ${process.pid}`, ' source=standin');
if (env.K6_STANDIN_ECHO_ENV === '1') {
  for (const [k, v] of Object.entries(env))
    if (k.startsWith('K6_') && !k.startsWith('K6_STANDIN_')) console.log(`env ${k}=${v}`);
}

// --- k6's REST API: on localhost:6565 unless --address says otherwise; "" turns it off ----
const exitCode = Number(env.K6_STANDIN_EXIT ?? 99);
const address = flags.address ?? 'localhost:6565';
let api;
if (address !== '') {
  const at = address.lastIndexOf(':');
  log('info', `Starting the REST API server on ${address}`); // k6 logs this at debug level
  api = createServer().listen(Number(address.slice(at + 1)), address.slice(0, at) || undefined);
  api.on('error', (e) => {
    if (flags.address !== undefined) {
      log('error', 'Error from API server', ` error="listen tcp ${address}: bind: address already in use"`);
      process.exit(106);
    }
    log('warning', 'Error from API server', ` error="${e.message}"`);
  });
}

if (exitCode === 107) {
  // An exception in the init context: k6 says where, and exits before any sample.
  log('error', `ReferenceError: nope is not defined\n\tat file://${script}:3:4(12)\n`, ' hint="script exception"');
  process.exit(107);
}
if (exitCode === 104) {
  log(
    'error',
    'invalid threshold defined on http_req_duration; reason: unsupported aggregation method rate on metric of type trend',
  );
  process.exit(104);
}

if (env.K6_STANDIN_CHILD === '1') {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  log('info', `stand-in child pid ${child.pid}`, ' source=standin');
}

// --- the replay ----------------------------------------------------------------------------
const lines = gunzipSync(readFileSync(env.K6_STANDIN_RECORDING ?? join(fixtures, 'sample-out.json.gz')))
  .toString('utf8')
  .split('\n')
  .filter((l) => l !== '');
const timeOf = (line) => {
  const m = /"time":"([^"]+)"/.exec(line);
  return m ? Date.parse(m[1]) : undefined;
};
const times = lines.map(timeOf);
const known = times.filter((t) => t !== undefined);
const first = Math.min(...known);
const span = Math.max(...known) - first || 1;
const seconds = Number(env.K6_STANDIN_SECONDS ?? 3);
const start = Date.now();
// A Metric line goes out with the Point after it.
let next = first;
for (let i = lines.length - 1; i >= 0; i--) {
  if (times[i] === undefined) times[i] = next;
  else next = times[i];
}
const at = (i) => start + ((times[i] - first) / span) * seconds * 1000;
const retime = (line, i) =>
  line.replace(/"time":"([^"]+)"/, (_, old) => {
    // Keep k6's nanosecond digits past the milliseconds.
    const nanos = /\.\d{3}(\d*)Z$/.exec(old)?.[1] ?? '';
    return `"time":"${new Date(at(i)).toISOString().replace('Z', `${nanos}Z`)}"`;
  });

if (jsonOut) writeFileSync(jsonOut, '');
let written = 0;
let stopped = false;
const counters = new Map();
const flush = (upTo) => {
  let chunk = '';
  while (written < lines.length && at(written) <= upTo) {
    const line = retime(lines[written], written);
    chunk += line + '\n';
    const counter = /"metric":"(http_reqs|iterations)","type":"Point".*"value":(\d+)/.exec(line);
    if (counter) counters.set(counter[1], (counters.get(counter[1]) ?? 0) + Number(counter[2]));
    written++;
  }
  if (chunk && jsonOut) appendFileSync(jsonOut, chunk);
};

const finish = (code, interrupted) => {
  stopped = true;
  flush(interrupted ? Date.now() : Infinity);
  if (flags.summaryExport) {
    if (interrupted) {
      // What k6 exports for the part that ran: counters over the time it ran, no verdicts
      // for a run that did not finish (k6 writes them; this stand-in keeps it simple).
      const elapsed = (Date.now() - start) / 1000;
      const metrics = Object.fromEntries([...counters].map(([k, v]) => [k, { count: v, rate: v / elapsed }]));
      writeFileSync(flags.summaryExport, JSON.stringify({ metrics }, null, 4));
    } else {
      writeFileSync(flags.summaryExport, readFileSync(env.K6_STANDIN_SUMMARY ?? join(fixtures, 'sample-summary.json')));
    }
  }
  const text = readFileSync(join(fixtures, 'sample-end-of-test.txt'), 'utf8');
  process.stdout.write(text.slice(0, text.indexOf('\ntime=')) + '\n');
  if (code === 99) log('error', "thresholds on metrics 'checks' have been crossed");
  api?.close();
  process.exit(code);
};

process.on('SIGINT', () => {
  if (env.K6_STANDIN_ON_SIGINT === 'ignore') return;
  if (stopped) process.exit(105); // a second Ctrl-C: k6 exits at once
  log('warning', 'Stopping k6 in response to signal...', ' sig=interrupt');
  finish(105, true);
});

const timer = setInterval(() => {
  if (stopped) return;
  flush(Date.now());
  if (written >= lines.length) {
    clearInterval(timer);
    finish(exitCode, false);
  }
}, 200);
