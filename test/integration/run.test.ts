import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

function illmlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LAB = `---
id: run-demo
title: Run demo
env:
  SERVICE_TOKEN: tok-9f8e7d6c
---

- [ ] Export a variable <!-- task: export -->
- [ ] Never verified <!-- task: later -->

\`\`\`sh {id=export verifies=export}
export GREETING=hello
mkdir -p work && cd work
echo "token=$SERVICE_TOKEN"
\`\`\`

\`\`\`bash {id=use}
echo "$GREETING from $(basename "$PWD")"
\`\`\`

\`\`\`sh {id=fails}
echo before; exit 7
\`\`\`

\`\`\`sh {id=slow timeout=1}
sleep 30
\`\`\`

\`\`\`sh {id=last verifies=later}
echo last
\`\`\`

\`\`\`promql {id=query}
up
\`\`\`
`;

function writeLab(): string {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-run-'));
  const path = join(dir, 'demo.illmlab');
  writeFileSync(path, LAB);
  return path;
}

describe('CLI: illmlab run', function () {
  this.timeout(30_000);

  it('runs cells in one session, stops at the failure, exit 1; JSON lines in the contract shape', () => {
    const r = illmlab('run', writeLab(), '--json');
    assert.equal(r.code, 1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.id, l.status]),
      [
        ['export', 'ok'],
        ['use', 'ok'],
        ['fails', 'failed'],
        ['slow', 'skipped'],
        ['last', 'skipped'],
        ['query', 'skipped'],
      ],
    );
    assert.equal(lines[0].stdout, 'token=••••••\n', 'secrets masked in JSON');
    assert.equal(lines[1].stdout, 'hello from work\n');
    assert.deepEqual(Object.keys(lines[2]), ['id', 'language', 'status', 'durationMs', 'stdout', 'exitCode', 'error']);
    assert.equal(lines[2].exitCode, 7);
    assert.match(String(lines[2].error), /exited with code 7/);
  });

  it('--keep-going runs past failures and timeouts; --update-progress ticks exactly the verified task', () => {
    const lab = writeLab();
    const before = readFileSync(lab, 'utf8');
    const r = illmlab('run', lab, '--keep-going', '--update-progress', '--json');
    assert.equal(r.code, 1);
    const statuses = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; status: string })
        .map((l) => [l.id, l.status]),
    );
    assert.deepEqual(statuses, {
      export: 'ok',
      use: 'ok',
      fails: 'failed',
      slow: 'timeout',
      last: 'ok',
      query: 'failed',
    });
    const after = readFileSync(lab, 'utf8');
    assert.equal(
      after,
      before
        .replace('- [ ] Export a variable', '- [x] Export a variable')
        .replace('- [ ] Never verified', '- [x] Never verified'),
    );
  });

  it('a failed verify cell leaves its task unticked and says why', () => {
    const lab = writeLab();
    const before = readFileSync(lab, 'utf8');
    writeFileSync(lab, before.replace('echo last', 'exit 1'));
    const r = illmlab('run', lab, '--cell', 'last', '--update-progress');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /task "later" left as it was: cell last failed/);
    assert.ok(readFileSync(lab, 'utf8').includes('- [ ] Never verified'));
  });

  it('--cell runs only the named cells; plain output streams and summarises', () => {
    const r = illmlab('run', writeLab(), '--cell', 'use', '--cell', 'export');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'token=••••••\nhello from work\n');
    assert.match(r.stderr, /✔ export \(sh, line 11\) ok/);
    assert.match(r.stderr, /2 ok/);
  });

  it('--report writes sources, outputs, statuses and durations, secrets masked', () => {
    const lab = writeLab();
    const report = join(mkdtempSync(join(tmpdir(), 'illmlab-report-')), 'report.md');
    illmlab('run', lab, '--report', report);
    const md = readFileSync(report, 'utf8');
    assert.match(md, /^# Run report: Run demo/);
    assert.match(md, /\| fails \| sh \| failed \| \d+ ms \|/);
    assert.match(md, /## fails — failed\n\n> the cell exited with code 7/);
    assert.match(md, /```sh\nexport GREETING=hello/);
    assert.match(md, /token=••••••/);
    assert.doesNotMatch(md, /tok-9f8e7d6c/);
  });

  it('names an unknown cell, and a pinned cluster that does not match, clearly', () => {
    const lab = writeLab();
    const unknown = illmlab('run', lab, '--cell', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /has no code cell "nope"/);
    writeFileSync(lab, readFileSync(lab, 'utf8').replace('title: Run demo', 'title: Run demo\ncluster: minikube'));
    const pinned = illmlab('run', lab, '--kubeconfig', '/nonexistent/kubeconfig', '--json');
    assert.equal(pinned.code, 1);
    const first = JSON.parse(pinned.stdout.split('\n')[0]) as { status: string; error: string };
    assert.equal(first.status, 'failed');
    assert.match(first.error, /runs against cluster "minikube"/);
  });

  it('--context and --namespace reach kubectl in the cells; a bad namespace is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'illmlab-run-ns-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: a',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: a, context: {cluster: c, user: u}}, {name: b, context: {cluster: c, user: u}}]',
        '',
      ].join('\n'),
    );
    const lab = join(dir, 'ns.illmlab');
    writeFileSync(
      lab,
      "```sh {id=where}\nkubectl config view --minify -o jsonpath='{.contexts[0].name}/{.contexts[0].context.namespace}'\n```\n",
    );
    const ran = illmlab('run', lab, '--kubeconfig', kubeconfig, '--context', 'b', '--namespace', 'lab-ns', '--json');
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal((JSON.parse(ran.stdout) as { stdout: string }).stdout, 'b/lab-ns');
    const bad = illmlab('run', lab, '--namespace', 'Not_A_Namespace');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--namespace "Not_A_Namespace" is not a namespace name/);
  });
});
