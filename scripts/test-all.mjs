// The one test command (README, .ci/run): typecheck -> lint -> format -> build + package -> tests.
// Every step runs even after a failure, so one run shows everything that is wrong; the last
// line totals all suites: "N passed, N failed" (a check step counts as one test).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'compile tests', cmd: ['npx', 'tsc', '-p', 'tsconfig.test.json'] },
  { name: 'typecheck renderer', cmd: ['npx', 'tsc', '-p', 'tsconfig.renderer.json'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'package (.vsix)', cmd: ['npm', 'run', '--silent', 'package'] },
  { name: 'unit + integration tests (mocha)', cmd: ['npx', 'mocha'], counts: mochaCounts },
  { name: 'grammar tests', cmd: ['node', 'syntaxes/check-grammars.mjs'], counts: plainCounts },
  {
    name: 'images/metrics-app tests (node --test)',
    cmd: ['npm', '--prefix', 'images/metrics-app', 'test'],
    counts: nodeTestCounts,
  },
  {
    name: 'images/trace-demo tests (node --test)',
    cmd: ['npm', '--prefix', 'images/trace-demo', 'test'],
    counts: nodeTestCounts,
  },
  { name: 'the curriculum validates (illmlab validate labs/)', cmd: ['node', 'dist/cli.js', 'validate', 'labs'] },
  {
    name: 'end-to-end tests (code-server + Chromium)',
    cmd: ['npx', 'mocha', '--config', '.mocharc.e2e.json'],
    counts: mochaCounts,
  },
];

if (process.env.CI && !existsSync('../shared/corpus/commonmark-examples.json')) {
  console.error('test-all: ../shared is missing: CI always has it, so the corpus tests cannot be skipped here.');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const started = Date.now();
  const { code, output } = await run(step.cmd);
  const counted = step.counts?.(output);
  if (counted && (counted.passed > 0 || counted.failed > 0)) {
    passed += counted.passed;
    failed += counted.failed + (code !== 0 && counted.failed === 0 ? 1 : 0);
  } else if (code === 0) {
    passed += 1;
  } else {
    failed += 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(
    `${code === 0 ? 'ok  ' : 'FAIL'} ${step.name} (${seconds}s)${counted ? `: ${counted.passed} passed, ${counted.failed} failed` : ''}`,
  );
}

console.log('\n=== summary');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (e) => resolve({ code: 1, output: String(e) }));
  });
}

function mochaCounts(output) {
  const n = (re) => Number(re.exec(output)?.[1] ?? 0);
  return { passed: n(/(\d+) passing/), failed: n(/(\d+) failing/) };
}

function nodeTestCounts(output) {
  const n = (re) => Number(re.exec(output)?.[1] ?? 0);
  return { passed: n(/^(?:# |ℹ )pass (\d+)$/m), failed: n(/^(?:# |ℹ )fail (\d+)$/m) };
}

function plainCounts(output) {
  const m = /(\d+) passed, (\d+) failed\s*$/m.exec(output);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}
