import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellEvents, startCellProcess, stopOnCancelOrTimeout, type EndCell } from '../cellProcess';
import { parseTimeout } from '../durations';
import { groupAlive, killTree } from '../processTree';
import type { LabSession } from '../session';
import type { CellEvent, CellRequest, Executor } from '../types';
import { parseState, PRELUDE } from './prelude';

/** How long a signalled cell gets before SIGKILL; the whole tree is gone within 2 s. */
const GRACE_MS = 1000;

let stateCounter = 0;

/**
 * Runs sh/bash cells with bash, one process per cell, in the session's directory and
 * environment. Like GitHub Actions' `shell: bash`, cells run with -e -o pipefail: the first
 * failing command fails the cell. stdin is /dev/null, so nothing waits for input.
 */
export class ShellExecutor implements Executor {
  readonly languages = ['sh', 'bash'] as const;

  constructor(private readonly bash = 'bash') {}

  execute(cell: CellRequest, session: LabSession, signal: AbortSignal): AsyncIterable<CellEvent> {
    return cellEvents(signal, 'illmlab could not run the cell', (push, end) =>
      this.run(cell, session, signal, push, end),
    );
  }

  private async run(
    cell: CellRequest,
    session: LabSession,
    signal: AbortSignal,
    push: (event: CellEvent) => void,
    end: EndCell,
  ): Promise<void> {
    if (!existsSync(session.cwd)) {
      return end({
        status: 'failed',
        error: `the working directory ${session.cwd} no longer exists (an earlier cell removed it?)`,
      });
    }
    try {
      await session.prepareKube();
    } catch (e) {
      return end({ status: 'failed', error: (e as Error).message });
    }
    const background = cell.attributes.background === true || cell.attributes.background === 'true';
    const timeoutMs = parseTimeout(cell.attributes.timeout);
    const prelude = preludeFile(session);
    const stateFile = join(session.tempDir, `state-${process.pid}-${++stateCounter}`);

    const { child, flush } = startCellProcess(
      this.bash,
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', cell.source],
      session,
      push,
      { env: { BASH_ENV: prelude, ILLMLAB_STATE_FILE: stateFile } },
    );

    let stoppedBy: 'timeout' | 'cancelled' | undefined;
    const stop = async (why: 'timeout' | 'cancelled') => {
      if (stoppedBy || child.pid === undefined) return;
      stoppedBy = why;
      await killTree(child.pid, 'SIGTERM', GRACE_MS);
    };
    const unwatch = stopOnCancelOrTimeout(signal, timeoutMs, (why) => void stop(why));
    if (background && child.pid !== undefined) {
      session.background.set(cell.id, {
        cellId: cell.id,
        label: firstLine(cell.source),
        stop: () => stop('cancelled'),
      });
    }

    // When bash itself exits, processes it left behind (`cmd &`) would hold the output pipes
    // open and the cell would never end: end them with it.
    child.on('exit', () => {
      if (!stoppedBy && child.pid !== undefined && groupAlive(child.pid)) void killTree(child.pid, 'SIGTERM', GRACE_MS);
    });

    const result = await child;
    unwatch();
    session.background.delete(cell.id);
    flush();

    if (stoppedBy === 'timeout') {
      return end({
        status: 'timeout',
        error: `timed out after ${formatMs(timeoutMs!)}: the cell and every process it started were stopped`,
      });
    }
    if (stoppedBy === 'cancelled') {
      return background
        ? end({ status: 'ok' })
        : end({ status: 'cancelled', error: 'cancelled: the cell and every process it started were stopped' });
    }
    const state = readState(stateFile);
    if (state) session.applyState(state.env, state.cwd);
    const exitCode = result.exitCode ?? (result.signal ? 128 : 1);
    if (exitCode === 0) return end({ status: 'ok', exitCode });
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${exitCode}`;
    return end({ status: 'failed', exitCode, error: `the cell ${how}` });
  }
}

const preludes = new WeakMap<LabSession, string>();

/** The prelude, written once per session into its temp folder. */
function preludeFile(session: LabSession): string {
  let path = preludes.get(session);
  if (!path || !existsSync(path)) {
    path = join(session.tempDir, 'prelude.sh');
    writeFileSync(path, PRELUDE);
    preludes.set(session, path);
  }
  return path;
}

function readState(file: string): ReturnType<typeof parseState> {
  try {
    return parseState(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // bash was killed before its exit trap ran
  } finally {
    rmSync(file, { force: true });
    rmSync(`${file}.names`, { force: true });
  }
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

function firstLine(source: string): string {
  const line = source.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 60 ? line.slice(0, 59) + '…' : line;
}
