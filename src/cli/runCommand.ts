import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkCluster } from '../kernels/kube/kubeContext';
import { runLab, type CellRun } from '../kernels/labRunner';
import { createExecutors } from '../kernels/registry';
import { endpointEnv, envFromFrontMatter, LabSession } from '../kernels/session';
import { tableText } from '../kernels/render/tableText';
import type { CellEvent } from '../kernels/types';
import { setTaskDone } from '../labs/tasks';
import { decodeLab, encodeLab, parseLab, type LabCell } from '../notebook/format';
import type { CliIo } from './io';
import { readLabText } from './readLab';
import { writeReport } from './report';
import { UsageError } from './usage';

export interface RunArgs {
  lab: string;
  cells: string[];
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  prometheus?: string;
  loki?: string;
  keepGoing: boolean;
  updateProgress: boolean;
  report?: string;
  json: boolean;
}

/** `illmlab run`: the lab's code cells in one session, streamed as text or as JSON lines. */
export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  const text = readLabText(args.lab);
  const doc = parseLab(text);
  const known = new Set(doc.cells.filter((c) => c.kind === 'code').map((c) => c.id));
  const unknown = args.cells.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `${args.lab} has no code cell ${unknown.map((id) => `"${id}"`).join(', ')} (see: illmlab cells ${args.lab})`,
    );
  }
  const front = doc.frontMatter?.data ?? {};
  const session = new LabSession({
    labDir: dirname(resolve(args.lab)),
    baseEnv: process.env,
    labEnv: { ...envFromFrontMatter(front), ...endpointEnv(front, { prometheus: args.prometheus, loki: args.loki }) },
    kube: { context: args.context, namespace: args.namespace, kubeconfig: args.kubeconfig },
  });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const cluster = typeof front.cluster === 'string' ? front.cluster : undefined;

  let runs: CellRun[];
  try {
    runs = await runLab(doc.cells, {
      session,
      executors: createExecutors(),
      only: args.cells.length > 0 ? new Set(args.cells) : undefined,
      keepGoing: args.keepGoing,
      signal: abort.signal,
      checkCluster: cluster
        ? () => checkCluster(cluster, { context: args.context, kubeconfig: args.kubeconfig })
        : undefined,
      onEvent: args.json ? undefined : (cell, event) => printEvent(cell, event, io),
      onResult: (run) => (args.json ? io.out(JSON.stringify(jsonLine(run, session)) + '\n') : printSkip(run, io)),
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await session.dispose();
  }

  if (args.updateProgress) updateProgress(args.lab, runs, io);
  if (args.report)
    writeReport(args.report, {
      path: args.lab,
      title: String(front.title ?? args.lab),
      runs,
      mask: (t) => session.masker.mask(t),
    });
  const bad = runs.filter(
    (r) => r.result.status === 'failed' || r.result.status === 'timeout' || r.result.status === 'cancelled',
  );
  if (!args.json) {
    const counts = ['ok', 'failed', 'timeout', 'cancelled', 'skipped'].map(
      (s) => [s, runs.filter((r) => r.result.status === s).length] as const,
    );
    io.err(
      `${
        counts
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ') || 'no code cells'
      }\n`,
    );
  }
  if (abort.signal.aborted) return 130;
  return bad.length > 0 ? 1 : 0;
}

function printEvent(cell: LabCell, event: CellEvent, io: CliIo): void {
  switch (event.kind) {
    case 'stdout':
      io.out(event.text);
      break;
    case 'stderr':
    case 'note':
      io.err(event.text);
      break;
    case 'table':
      io.out(tableText(event));
      break;
    case 'chart':
      // A live chart (k6) is redrawn twice a second: the terminal gets the final one only.
      if (event.key.endsWith('-live')) break;
      io.out(event.fallback.endsWith('\n') ? event.fallback : event.fallback + '\n');
      break;
    case 'json':
      break; // the raw API data: in --json output as `result`
    case 'end': {
      const mark = event.status === 'ok' ? '✔' : '✘';
      const detail = event.error ? `: ${event.error}` : '';
      io.err(
        `${mark} ${cell.id} (${cell.language}, line ${cell.line}) ${event.status}${detail} [${event.durationMs} ms]\n`,
      );
    }
  }
}

function printSkip(run: CellRun, io: CliIo): void {
  if (run.result.status === 'skipped')
    io.err(`- ${run.cell.id} (${run.cell.language}, line ${run.cell.line}) skipped: ${run.result.error}\n`);
}

/** The JSON line of DESIGN.md's CLI contract. Output was masked as it streamed. */
function jsonLine(run: CellRun, session: LabSession) {
  const { cell, result } = run;
  return {
    id: cell.id,
    language: cell.language,
    status: result.status,
    durationMs: result.durationMs,
    ...(run.stdout ? { stdout: run.stdout } : {}),
    ...(run.stderr ? { stderr: run.stderr } : {}),
    ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
    ...(result.result !== undefined ? { result: result.result } : {}),
    ...(result.summary !== undefined ? { summary: result.summary } : {}),
    ...(result.error ? { error: session.masker.mask(result.error) } : {}),
  };
}

/** Ticks the task of every verify cell that succeeded; only those tasks' lines change. */
function updateProgress(path: string, runs: CellRun[], io: CliIo): void {
  const bytes = readFileSync(path);
  const { text: original, encoding } = decodeLab(bytes);
  let text = original;
  for (const run of runs) {
    const task = run.cell.attributes.verifies;
    if (typeof task !== 'string') continue;
    if (run.result.status !== 'ok') {
      io.err(`task "${task}" left as it was: cell ${run.cell.id} ${run.result.status}\n`);
      continue;
    }
    const next = setTaskDone(text, task, true);
    if (next === undefined) io.err(`cell ${run.cell.id} verifies "${task}", but the lab has no such task\n`);
    else text = next;
  }
  if (text !== original) writeFileSync(path, encodeLab(text, encoding));
}
