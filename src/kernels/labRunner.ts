import type { LabCell } from '../notebook/format';
import type { ClusterCheck } from './kube/kubeContext';
import type { LabSession } from './session';
import type { CellEvent, CellResult, Executor } from './types';

export interface CellRun {
  cell: LabCell;
  result: CellResult;
  stdout: string;
  stderr: string;
}

export interface RunLabOptions {
  session: LabSession;
  executors: ReadonlyMap<string, Executor>;
  /** Run only these code cells (file order is kept). */
  only?: ReadonlySet<string>;
  /** Go on after a failed cell instead of skipping the rest. */
  keepGoing?: boolean;
  signal?: AbortSignal;
  /** The lab's `cluster` pin, checked once before the first cell. */
  checkCluster?: () => Promise<ClusterCheck>;
  /** Every event as it happens, for live output. */
  onEvent?: (cell: LabCell, event: CellEvent) => void;
  /** Once per cell, when its result is known (background cells: when they end). */
  onResult?: (run: CellRun) => void;
}

/**
 * Runs a lab's code cells in file order through their executors, as the CLI does and as Run
 * All does in the notebook: the first failure stops the run (the rest are skipped, saying why)
 * unless keepGoing; background cells run alongside and are stopped when the run ends.
 */
export async function runLab(cells: readonly LabCell[], options: RunLabOptions): Promise<CellRun[]> {
  const runs: CellRun[] = [];
  const background: Array<Promise<CellRun>> = [];
  const record = (run: CellRun) => {
    runs.push(run);
    options.onResult?.(run);
  };
  const skip = (cell: LabCell, error: string) =>
    record({ cell, result: { status: 'skipped', durationMs: 0, error }, stdout: '', stderr: '' });

  const pin = options.checkCluster ? await options.checkCluster() : ({ ok: true } as const);
  let failed = false;
  for (const cell of cells) {
    if (cell.kind !== 'code' || (options.only && !options.only.has(cell.id))) continue;
    if (options.signal?.aborted) {
      skip(cell, 'not run: the run was cancelled');
      continue;
    }
    if (failed && !options.keepGoing) {
      skip(cell, 'not run: an earlier cell failed (use --keep-going to run it anyway)');
      continue;
    }
    if (!pin.ok) {
      const result: CellResult = { status: 'failed', durationMs: 0, error: pin.message };
      options.onEvent?.(cell, { kind: 'end', ...result });
      record({ cell, result, stdout: '', stderr: '' });
      failed = true;
      continue;
    }
    const executor = options.executors.get(cell.language);
    if (!executor) {
      skip(cell, `not run: illmlab cannot run ${cell.language} cells yet`);
      continue;
    }
    const execution = collect(cell, executor, options);
    if (cell.attributes.background === true || cell.attributes.background === 'true') {
      background.push(execution.then((run) => (record(run), run)));
      continue;
    }
    const run = await execution;
    record(run);
    if (run.result.status !== 'ok') failed = true;
  }
  await options.session.stopBackground();
  await Promise.all(background);
  return runs;
}

async function collect(cell: LabCell, executor: Executor, options: RunLabOptions): Promise<CellRun> {
  let stdout = '';
  let stderr = '';
  let result: CellResult = { status: 'failed', durationMs: 0, error: 'the executor ended without a result' };
  const request = { id: cell.id, language: cell.language, source: cell.source, attributes: cell.attributes };
  for await (const event of executor.execute(
    request,
    options.session,
    options.signal ?? new AbortController().signal,
  )) {
    options.onEvent?.(cell, event);
    if (event.kind === 'stdout') stdout += event.text;
    else if (event.kind === 'stderr' || event.kind === 'note') stderr += event.text;
    else if (event.kind === 'end') {
      const { kind: _kind, ...rest } = event;
      result = rest;
    }
  }
  return { cell, result, stdout, stderr };
}
