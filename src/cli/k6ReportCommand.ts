import { existsSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readK6JsonFile } from '../kernels/k6/k6JsonFile';
import { k6Chart } from '../kernels/k6/k6LiveChart';
import { K6Metrics } from '../kernels/k6/k6Metrics';
import { describeCrossed, summarize } from '../kernels/k6/k6Summary';
import { k6SummaryText } from '../kernels/k6/k6SummaryText';
import { K6Timeline } from '../kernels/k6/k6Timeline';
import type { CliIo } from './io';
import { UsageError } from './usage';

/**
 * `illmlab k6 report <file.json|file.json.gz> [--json] [--chart FILE.svg]`: k6's end-of-test
 * summary from the JSON lines of `k6 run --out json=FILE`, streamed (any size). Plain output
 * reads like k6's own; `--json` prints the summary of DESIGN.md; `--chart` draws the run.
 * Exit 0 with a report (whatever the thresholds say: k6's own exit code 99 is the gate),
 * 1 when the file is not k6 JSON output or has lines that are not, 2 for usage errors.
 */
export async function k6ReportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { json, chart, file } = parse(args);
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file} is a folder, not a k6 JSON output file`);

  const timeline = chart ? new K6Timeline(600, 'whole') : undefined;
  const metrics = new K6Metrics(timeline);
  let truncated: boolean;
  try {
    truncated = (await readK6JsonFile(file, metrics)).truncatedLastLine;
  } catch (e) {
    io.err(`illmlab: cannot read ${file}: ${readError(e)}\n`);
    return 1;
  }
  if (metrics.points === 0) {
    const why = metrics.firstInvalid
      ? `line ${metrics.firstInvalid.line} is ${metrics.firstInvalid.problem}`
      : 'it has no k6 samples';
    io.err(`illmlab: ${file} is not k6 JSON output (k6 run --out json=FILE): ${why}\n`);
    return 1;
  }

  const report = summarize(metrics);
  io.out(json ? JSON.stringify(report.summary, null, 2) + '\n' : k6SummaryText(report, metrics));
  if (!json && report.crossed.length > 0) io.out(`\nthresholds crossed: ${describeCrossed(report.crossed)}\n`);

  io.err(
    `${file}: ${metrics.lines} lines, ${metrics.points} samples; rates per second over ` +
      `${report.durationSeconds.toFixed(3)} s, the first to the last sample (k6 uses its own clock)\n`,
  );
  for (const problem of report.problems) io.err(`illmlab: ${file}: ${problem}\n`);
  if (truncated) io.err(`${file}: the last line is cut off (k6 was stopped while writing it): left out\n`);
  if (metrics.undefinedPoints > 0) {
    io.err(`${file}: ${metrics.undefinedPoints} samples of metrics without a Metric line were left out\n`);
  }

  if (chart) {
    const { spec } = k6Chart(metrics.timelineRows(), `k6 run: ${file}`);
    try {
      // Loaded here, not at start: vega is the bulk of the CLI and only --chart needs it.
      const { chartToSvg } = await import('../kernels/k6/chartSvg');
      writeFileSync(chart, await chartToSvg(spec));
    } catch (e) {
      io.err(`illmlab: cannot write the chart to ${chart}: ${readError(e)}\n`);
      return 1;
    }
    io.err(`chart written to ${chart}\n`);
  }

  if (metrics.invalidLines > 0) {
    const first = metrics.firstInvalid!;
    io.err(
      `illmlab: ${file}:${first.line}: ${first.problem}` +
        (metrics.invalidLines > 1 ? ` (and ${metrics.invalidLines - 1} more lines that are not k6 JSON)` : '') +
        '; the report leaves them out\n',
    );
    return 1;
  }
  return 0;
}

function parse(args: readonly string[]): { json: boolean; chart?: string; file: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, chart: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`k6 report: ${(e as Error).message.split('. To specify')[0]}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError('k6 report takes exactly one file: the output of k6 run --out json=FILE (.json or .json.gz)');
  }
  if (values.chart === '') throw new UsageError('k6 report: --chart needs a file name (FILE.svg)');
  return { json: values.json === true, chart: values.chart, file: positionals[0] };
}

function readError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR') return `not valid gzip data (${err.message})`;
  if (err.code === 'ENOENT') return 'no such file or folder';
  if (err.code === 'EACCES') return 'permission denied';
  return err.message ?? String(e);
}
