import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellEvents, startCellProcess, stopOnCancelOrTimeout, type EndCell } from '../cellProcess';
import { parseTimeout } from '../durations';
import { killTree } from '../processTree';
import type { LabSession } from '../session';
import type { CellEvent, CellRequest, Executor } from '../types';
import { FileTail } from './fileTail';
import { exitMeaning, k6ErrorMessages, pointAtCell } from './k6Exit';
import { k6Chart } from './k6LiveChart';
import { K6Metrics } from './k6Metrics';
import { describeCrossed, summarize, type K6Report } from './k6Summary';
import { k6SummaryTable } from './k6SummaryTable';
import { K6Timeline } from './k6Timeline';
import { readSummaryExport } from './summaryExport';

export interface K6ExecutorOptions {
  /** How long k6 has after SIGINT to stop and write its summary before it is killed. */
  graceMs?: number;
  /** How often the JSON output is read while k6 runs. */
  pollMs?: number;
  /** Least time between two live charts (the notebook redraws at most every 150 ms anyway). */
  chartEveryMs?: number;
}

const INSTALL_HINT =
  'Install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/: `brew install k6`, `winget install k6`, ' +
  "or Grafana's apt/rpm repository), or set ILLMLAB_K6_PATH to the k6 binary.";

/** Bytes of k6's stderr kept to find its error messages in (the rest streams past). */
const STDERR_KEPT = 64 * 1024;

let runCounter = 0;

/**
 * Runs k6 cells: the cell is a k6 script, run by the k6 binary with its samples written as JSON
 * lines to a file that is read while it grows, so a chart of the run updates live. At the end,
 * k6's summary: our exact computation from the samples, with k6's own threshold verdicts.
 */
export class K6Executor implements Executor {
  readonly languages = ['k6'] as const;
  private readonly graceMs: number;
  private readonly pollMs: number;
  private readonly chartEveryMs: number;

  constructor(options: K6ExecutorOptions = {}) {
    this.graceMs = options.graceMs ?? 5000;
    this.pollMs = options.pollMs ?? 200;
    this.chartEveryMs = options.chartEveryMs ?? 500;
  }

  execute(cell: CellRequest, session: LabSession, signal: AbortSignal): AsyncIterable<CellEvent> {
    // An error run() did not expect is ours, not k6's (the temp folder is gone, say).
    return cellEvents(signal, 'illmlab could not run k6', (push, end) => this.run(cell, session, signal, push, end));
  }

  private async run(
    cell: CellRequest,
    session: LabSession,
    signal: AbortSignal,
    push: (event: CellEvent) => void,
    end: EndCell,
  ): Promise<void> {
    const k6 = session.env.ILLMLAB_K6_PATH || 'k6';
    const base = join(session.tempDir, `k6-${++runCounter}-${cell.id.replace(/[^\w.-]/g, '_')}`);
    const files = { script: `${base}.js`, out: `${base}.json`, summary: `${base}.summary.json` };
    writeFileSync(files.script, cell.source);
    const cellLabel = `cell "${cell.id}"`;
    const timeoutMs = parseTimeout(cell.attributes.timeout);

    // --address= turns k6's REST API off: parallel runs do not fight over port 6565.
    // --quiet drops the progress bar: the live chart shows progress.
    const args = ['run', '--quiet', '--out', `json=${files.out}`, `--summary-export=${files.summary}`, '--address='];
    let stderrKept = '';
    const { child, flush } = startCellProcess(k6, [...args, files.script], session, push, {
      onStderr: (raw) => (stderrKept = (stderrKept + raw).slice(-STDERR_KEPT)),
    });

    const metrics = new K6Metrics(new K6Timeline(600, 'window'));
    const tail = new FileTail(files.out, (text, start, end, n) => metrics.addRange(text, start, end, n));
    let lastChart = '';
    let lastChartAt = 0;
    const chart = (final: boolean) => {
      const rows = metrics.timelineRows(!final);
      if (rows.length === 0) return;
      const { spec, fallback } = k6Chart(rows, final ? 'k6 run' : 'k6 run (live)');
      const key = JSON.stringify(spec.data);
      if (!final && key === lastChart) return;
      lastChart = key;
      lastChartAt = Date.now();
      push({ kind: 'chart', key: 'k6-live', spec, fallback });
    };

    let stoppedBy: 'cancelled' | 'timeout' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'cancelled' | 'timeout') => {
      if (stoppedBy || child.pid === undefined) return;
      stoppedBy = why;
      // As Ctrl-C in a terminal: k6 ends the test and writes its summary; a k6 that does not
      // end within the grace period is killed with everything it started.
      signalGroup(child.pid, 'SIGINT');
      const pid = child.pid;
      killTimer = setTimeout(() => void killTree(pid, 'SIGKILL', 0), this.graceMs);
    };
    const unwatch = stopOnCancelOrTimeout(signal, timeoutMs, stop);

    let readProblem: string | undefined;
    const noteReadProblem = (e: Error) => {
      if (readProblem) return; // once: it would repeat every poll
      readProblem = e.message;
      push({ kind: 'note', text: `illmlab: cannot read k6's JSON output ${files.out}: ${e.message}\n` });
    };
    let exited = false;
    const polling = (async () => {
      if (child.pid === undefined) return;
      while (!exited) {
        await tail.poll().catch(noteReadProblem);
        if (Date.now() - lastChartAt >= this.chartEveryMs) chart(false);
        await sleep(this.pollMs);
      }
    })();

    const result = await child;
    exited = true;
    unwatch();
    clearTimeout(killTimer);
    if (child.pid !== undefined) await killTree(child.pid, 'SIGTERM', 1000); // whatever k6 left behind
    await polling;
    await tail.finish().catch(noteReadProblem);
    flush();

    if (result.code === 'ENOENT' || result.code === 'EACCES') {
      removeFiles(files);
      const what = result.code === 'ENOENT' ? 'was not found' : 'is not executable';
      const where = k6 === 'k6' ? '"k6" on the PATH' : `ILLMLAB_K6_PATH (${k6})`;
      return end({ status: 'failed', error: `k6 ${what}: looked for ${where}. ${INSTALL_HINT}` });
    }

    const exported = readSummaryExport(files.summary);
    removeFiles(files);
    let report: K6Report | undefined;
    if (metrics.points > 0) {
      report = summarize(metrics, { durationSeconds: exported?.durationSeconds, verdicts: exported?.verdicts });
      chart(true);
      push({ kind: 'table', key: 'k6-summary', ...k6SummaryTable(report, metrics) });
      push({ kind: 'json', key: 'k6-summary', mime: 'application/json', data: report.summary });
    }
    const summary = report ? { summary: report.summary } : {};
    const exitCode = result.exitCode;

    if (stoppedBy) {
      const how = `k6 was sent SIGINT${exitCode === undefined ? ` and killed after ${this.graceMs / 1000} s` : ''}`;
      const partial = report ? '; the summary covers the samples written until then' : '';
      return stoppedBy === 'timeout'
        ? end({ status: 'timeout', error: `timed out after ${timeoutMs! / 1000} s: ${how}${partial}`, ...summary })
        : end({ status: 'cancelled', error: `cancelled: ${how}${partial}`, ...summary });
    }
    if (exitCode === 0) return end({ status: 'ok', exitCode, ...summary });
    if (exitCode === undefined) {
      return end({ status: 'failed', error: `k6 was killed by ${result.signal ?? 'a signal'}`, ...summary });
    }
    const errors = k6ErrorMessages(stderrKept).map((m) => session.masker.mask(pointAtCell(m, files.script, cellLabel)));
    return end({ status: 'failed', exitCode, error: describeFailure(exitCode, report, errors), ...summary });
  }
}

function describeFailure(exitCode: number, report: K6Report | undefined, errors: string[]): string {
  const lastError = errors[errors.length - 1];
  if (exitCode === 99) {
    const crossed = report?.crossed ?? [];
    const early = crossed.some((c) => c.abortOnFail) ? ' (abortOnFail stopped the test early)' : '';
    if (crossed.length > 0) return `thresholds crossed${early}: ${describeCrossed(crossed)}`;
    return `thresholds crossed${lastError ? `: ${lastError}` : ''}`;
  }
  // A script exception is usually the first error; later ones are consequences.
  const error = exitCode === 107 ? errors[0] : lastError;
  return `${exitMeaning(exitCode)} (k6 exit code ${exitCode})${error ? `: ${error.trim()}` : ''}`;
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

function removeFiles(files: Record<string, string>): void {
  for (const f of Object.values(files)) rmSync(f, { force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
