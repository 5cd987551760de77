import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesDir, repoRoot } from '../support/paths';

/** Runs the bundled CLI (dist/cli.js) the way a user or CI does. */
function illmlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const validateDir = join(fixturesDir, 'validate');

describe('CLI: illmlab validate', () => {
  it('reports exactly the planted problems, at their lines, and exits 1', () => {
    const r = illmlab('validate', join(validateDir, 'planted'), '--json');
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as {
      files: Array<{ path: string; problems: Array<{ line: number; severity: string; code: string }> }>;
    };
    const found = report.files.flatMap((f) =>
      f.problems.map((p) => `${f.path.split('/').pop()}:${p.line} ${p.severity} ${p.code}`),
    );
    assert.deepEqual(found.sort(), [
      'broken-yaml.illmlab:3 error frontmatter',
      'cells.illmlab:12 error duplicate-id',
      'cells.illmlab:16 error attribute',
      'cells.illmlab:16 warning attribute',
      'cells.illmlab:20 error attribute',
      'cells.illmlab:20 error attribute',
      'cells.illmlab:24 error attribute',
      'cells.illmlab:28 error attribute',
      'cells.illmlab:8 error attribute',
      'cycle-a.illmlab:4 error prerequisites',
      'cycle-b.illmlab:6 error prerequisites',
      'front-matter.illmlab:10 warning frontmatter',
      'front-matter.illmlab:4 error frontmatter',
      'front-matter.illmlab:5 error frontmatter',
      'front-matter.illmlab:6 error frontmatter',
      'front-matter.illmlab:6 error prerequisites',
      'front-matter.illmlab:9 error frontmatter',
      'open-fence.illmlab:3 warning fence',
      'queries.illmlab:11 error logql',
      'queries.illmlab:7 error promql',
      'tasks.illmlab:7 error duplicate-id',
      'tasks.illmlab:9 error verifies',
    ]);
  });

  it('prints path:line:col: severity: message like a compiler', () => {
    const r = illmlab('validate', join(validateDir, 'planted', 'front-matter.illmlab'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^.*front-matter\.illmlab:4:8: error: "phase" must be >= 1 \[frontmatter\]$/m);
    assert.match(r.stderr, /1 file checked: 6 errors, 1 warning/);
  });

  it('exits 0 on a clean lab and on the curriculum under labs/', () => {
    assert.equal(illmlab('validate', join(validateDir, 'clean')).code, 0);
    const labs = illmlab('validate', 'labs');
    assert.equal(labs.code, 0, labs.stdout);
    assert.match(labs.stderr, /files checked: 0 errors/);
  });

  it('exits 0 on warnings alone', () => {
    assert.equal(illmlab('validate', join(validateDir, 'planted', 'open-fence.illmlab')).code, 0);
  });

  it('gives usage errors exit code 2 and no stack trace', () => {
    for (const args of [['frobnicate'], ['validate', '--jsn'], ['validate', 'no/such/path'], ['cells'], []]) {
      const r = illmlab(...args);
      assert.equal(r.code, 2, `illmlab ${args.join(' ')}`);
      assert.match(r.stderr, /Usage: illmlab/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});

describe('CLI: illmlab cells', () => {
  it('lists cells in the JSON shape of the CLI contract', () => {
    const r = illmlab('cells', join(fixturesDir, 'format', 'attributes.illmlab'), '--json');
    assert.equal(r.code, 0);
    const cells = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(cells[1]), ['index', 'kind', 'language', 'id', 'attributes', 'source', 'line']);
    assert.deepEqual(cells[1], {
      index: 1,
      kind: 'code',
      language: 'promql',
      id: 'p95',
      attributes: { id: 'p95', range: '30m', step: '15s', name: 'p95 latency', flag: true },
      source: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
      line: 3,
    });
    assert.equal(cells[0].kind, 'markdown');
  });

  it('prints a table without --json and says which file is missing', () => {
    assert.match(illmlab('cells', join(fixturesDir, 'format', 'crlf.illmlab')).stdout, /sh\s+hello\s+echo hello/);
    const missing = illmlab('cells', 'nope.illmlab');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file: nope\.illmlab/);
  });
});

describe('CLI: illmlab progress', () => {
  it('counts the curriculum: 11 phases, 31 labs, 480 tasks, outline labs marked', () => {
    const r = illmlab('progress', 'labs', '--json');
    assert.equal(r.code, 0, r.stderr);
    const { phases } = JSON.parse(r.stdout) as {
      phases: Array<{
        phase: number;
        title: string;
        labs: Array<{ id: string; status: string; total: number; tasks: unknown[] }>;
      }>;
    };
    assert.equal(phases.length, 11);
    const labs = phases.flatMap((p) => p.labs);
    assert.equal(labs.length, 31);
    assert.equal(
      labs.reduce((n, l) => n + l.total, 0),
      480,
    );
    assert.equal(labs.filter((l) => l.status === 'outline').length, 26);
    assert.deepEqual(Object.keys(phases[0]), ['phase', 'title', 'done', 'total', 'labs']);
    const plain = illmlab('progress');
    assert.match(plain.stdout, /^Phase 2: Observability +\[\.+\] 0\/67$/m);
    assert.match(plain.stdout, /11 phases, 31 labs, 0\/480 tasks done/);
  });

  it('matches the checkboxes in the files after a verify cell ticks one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'illmlab-progress-'));
    mkdirSync(join(dir, 'labs', '01-demo'), { recursive: true });
    const lab = join(dir, 'labs', '01-demo', '01-demo.illmlab');
    writeFileSync(
      lab,
      '---\nid: demo\ntitle: Demo\nphase: 1\norder: 1\n---\n\n- [ ] One <!-- task: one -->\n- [ ] Two <!-- task: two -->\n\n```sh {id=v verifies=two}\ntrue\n```\n',
    );
    assert.equal(illmlab('run', lab, '--update-progress').code, 0);
    const { phases } = JSON.parse(illmlab('progress', join(dir, 'labs'), '--json').stdout) as {
      phases: Array<{ labs: Array<{ done: number; tasks: Array<{ id: string; done: boolean }> }> }>;
    };
    assert.deepEqual(phases[0].labs[0].tasks, [
      { id: 'one', text: 'One', done: false },
      { id: 'two', text: 'Two', done: true },
    ]);
  });
});

describe('CLI: illmlab validate, deep checks of what labs use', () => {
  it('finds missing files, unknown tasks, k6 syntax, schema-invalid manifests, bad rules and empty dashboard panels', () => {
    const r = illmlab('validate', join(fixturesDir, 'validate-deep', 'labs'), '--json');
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as {
      files: Array<{ path: string; problems: Array<{ line: number; code: string; message: string }> }>;
    };
    const found = report.files.flatMap((f) =>
      f.problems.map((p) => `${f.path.replace(/.*validate-deep\//, '')}:${p.line} ${p.code}`),
    );
    assert.deepEqual(found.sort(), [
      'labs/01-demo/01-deep.illmlab:10 reference',
      'labs/01-demo/01-deep.illmlab:14 reference',
      'labs/01-demo/01-deep.illmlab:23 k6',
      'manifests/demo/autoscaling.yaml:21 manifest',
      'manifests/demo/autoscaling.yaml:8 manifest',
      'manifests/demo/dashboards/bad.json:5 dashboard',
      'manifests/demo/dashboards/bad.json:6 dashboard',
      'manifests/demo/deployment.yaml:16 manifest',
      'manifests/demo/rollout.yaml:23 manifest',
      'manifests/demo/rollout.yaml:8 manifest',
      'manifests/demo/rules.yaml:9 rules',
    ]);
    const messages = report.files.flatMap((f) => f.problems.map((p) => p.message)).join('\n');
    assert.match(messages, /spec\.replicas must be integer/);
    assert.match(messages, /Rollout\/demo: spec\.replicas must be integer/);
    assert.match(messages, /no schema for argoproj\.io\/v1alpha1 Workflow: not checked/);
    assert.match(messages, /ScaledObject\/demo: spec must have required property triggers/);
    assert.match(messages, /VerticalPodAutoscaler\/demo: spec\.updatePolicy\.updateMode must be equal to one of/);
    assert.match(messages, /could not parse expression/);
    assert.match(messages, /task "lab:nope" is not a task of/);
  });
});
