import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { k6ReportCommand } from '../../src/cli/k6ReportCommand';
import { UsageError } from '../../src/cli/usage';
import { readK6JsonFile } from '../../src/kernels/k6/k6JsonFile';
import { K6Metrics } from '../../src/kernels/k6/k6Metrics';
import type { K6Summary } from '../../src/kernels/k6/k6Summary';
import { k6SummaryExport, recordingLines, recordingPath } from '../unit/k6/k6Support';

async function report(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await k6ReportCommand(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('k6: illmlab k6 report', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'illmlab-k6-report-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("--json on k6's gzip output: the DESIGN.md summary, trends equal to k6's own", async () => {
    const r = await report(recordingPath, '--json');
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as K6Summary;
    const k6 = k6SummaryExport().metrics;
    assert.deepEqual(Object.keys(summary.metrics).sort(), Object.keys(k6).sort());
    const d = summary.metrics.http_req_duration;
    assert.deepEqual(
      [d.type, d.avg, d.min, d.med, d.max, d['p(90)'], d['p(95)']],
      ['trend', k6.http_req_duration.avg, 0.239158, 0.918161, 9.685146, 1.9785147000000003, 2.4156450499999993],
    );
    assert.equal(typeof d['p(99)'], 'number');
    assert.deepEqual(summary.metrics.checks, { type: 'rate', rate: 151 / 2472, passes: 151, fails: 2321 });
    assert.deepEqual(summary.metrics.vus, { type: 'gauge', value: 1, min: 0, max: 2 });
    assert.equal(summary.metrics.http_reqs.count, 2472);
    assert.deepEqual(summary.thresholds, {
      checks: { 'rate>0.5': false },
      ok_rate: { 'rate>0.95': true },
      ttfb: { 'avg<100': true },
    });
    assert.match(r.stderr, /35390 lines, 35369 samples; rates per second over 2\.997 s/);
  });

  it("plain output reads like k6's end-of-test summary and names crossed thresholds", async () => {
    const r = await report(recordingPath);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {5}✗ is 200\n {6}↳ {2}0% — ✓ 0 \/ ✗ 2321$/m);
    assert.match(
      r.stdout,
      /^ {5}http_req_duration\.{14}: avg=1\.09ms {3}min=239\.15µs med=918\.16µs max=9\.68ms p\(90\)=1\.97ms {3}p\(95\)=2\.41ms {2}$/m,
    );
    assert.match(r.stdout, /^ {3}✗ checks\.+: 6\.10% {3}✓ 151 {10}✗ 2321$/m);
    assert.match(r.stdout, /\nthresholds crossed: checks: rate>0\.5\n$/);
  });

  it('plain and gzip files, and either key order, give the same report', async () => {
    const plain = join(dir, 'out.json');
    writeFileSync(plain, recordingLines().join('\n') + '\n');
    // The order of k6's docs: type, data, metric.
    const reordered = join(dir, 'docs-order.json.gz');
    const lines = recordingLines().map((l) => {
      const o = JSON.parse(l);
      return JSON.stringify({ type: o.type, data: o.data, metric: o.metric });
    });
    writeFileSync(reordered, gzipSync(lines.join('\r\n')));
    const expected = (await report(recordingPath, '--json')).stdout;
    assert.equal((await report(plain, '--json')).stdout, expected);
    assert.equal((await report(reordered, '--json')).stdout, expected);
  });

  it('--chart draws the run to SVG with vega, no browser', async () => {
    const svgPath = join(dir, 'run.svg');
    const r = await report(recordingPath, '--chart', svgPath);
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(svgPath, 'utf8');
    assert.match(svg, /^<svg [^>]*width="\d+"/);
    assert.ok(svg.includes('>http_req_duration (ms)</text>'));
    assert.match(r.stderr, new RegExp(`chart written to ${svgPath}`));
  });

  it('streams: lines are counted while the file is still being written (a FIFO)', async () => {
    const fifo = join(dir, 'k6.fifo');
    execFileSync('mkfifo', [fifo]);
    const lines = recordingLines();
    const metrics = new K6Metrics();
    const reading = readK6JsonFile(fifo, metrics);
    const writer = createWriteStream(fifo);
    writer.write(lines.slice(0, 20_000).join('\n') + '\n');
    // A reader that waited for the whole file would see nothing until the writer closes.
    const deadline = Date.now() + 5000;
    while (metrics.lines < 20_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(metrics.lines, 20_000, 'the first half was read before the second was written');
    writer.end(lines.slice(20_000).join('\n') + '\n');
    await reading;
    assert.equal(metrics.lines, lines.length);
  });

  it('a cut-off last line (k6 killed mid-write) is left out with a note; exit 0', async () => {
    const path = join(dir, 'cut.json');
    const lines = recordingLines();
    writeFileSync(path, lines.join('\n') + '\n' + lines[1].slice(0, 40));
    const r = await report(path, '--json');
    assert.equal(r.code, 0);
    assert.match(r.stderr, /the last line is cut off/);
    assert.equal((JSON.parse(r.stdout) as K6Summary).metrics.http_reqs.count, 2472);
  });

  it('lines that are not k6 JSON: reported with the line number, exit 1', async () => {
    const path = join(dir, 'bad.json');
    const lines = recordingLines();
    lines.splice(9, 0, 'oops', '{"half":');
    writeFileSync(path, lines.join('\n') + '\n');
    const r = await report(path);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        `${path}:10: not JSON \\(.*\\) \\(and 1 more lines that are not k6 JSON\\); the report leaves them out`,
      ),
    );
    assert.match(r.stdout, /http_reqs/, 'the report is still printed');
  });

  it('a file that is not k6 output, a broken gzip: exit 1 saying what is wrong, no stack trace', async () => {
    const notK6 = join(dir, 'notes.txt');
    writeFileSync(notK6, 'hello\n');
    const a = await report(notK6);
    assert.equal(a.code, 1);
    assert.equal(
      a.stderr,
      `illmlab: ${notK6} is not k6 JSON output (k6 run --out json=FILE): line 1 is not JSON (Unexpected token 'h', "hello" is not valid JSON)\n`,
    );
    const broken = join(dir, 'broken.json.gz');
    writeFileSync(broken, readFileSync(recordingPath).subarray(0, 5000));
    const b = await report(broken);
    assert.equal(b.code, 1);
    assert.match(
      b.stderr,
      /^illmlab: cannot read .*broken\.json\.gz: not valid gzip data \(unexpected end of file\)\n$/,
    );
    assert.doesNotMatch(a.stderr + b.stderr, /\n\s+at /);
  });

  it('usage errors (exit 2 in main): no file, two files, an unknown flag, a missing file', async () => {
    await assert.rejects(report(), (e: Error) => e instanceof UsageError && /exactly one file/.test(e.message));
    await assert.rejects(report('a.json', 'b.json'), UsageError);
    await assert.rejects(report(recordingPath, '--svg', 'x'), /k6 report: Unknown option '--svg'/);
    await assert.rejects(report(join(dir, 'nope.json')), /no such file: .*nope\.json/);
  });
});
