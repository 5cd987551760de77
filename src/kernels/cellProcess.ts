import { execa } from 'execa';
import { AsyncQueue } from './asyncQueue';
import { MaskingStream } from './secretMasker';
import type { LabSession } from './session';
import type { CellEvent, CellResult } from './types';

/** Ends a cell: its one `end` event, timed from when the cell started. */
export type EndCell = (result: Omit<CellResult, 'durationMs'>) => void;

/**
 * A running cell as the stream of events an executor returns. `body` pushes outputs and calls
 * `end` once; a cell cancelled before it starts ends at once; an error `body` did not expect
 * (illmlab's, not the cell's: a temp folder gone, say) still ends the cell, as failed, saying
 * `what` could not be done.
 */
export function cellEvents(
  signal: AbortSignal,
  what: string,
  body: (push: (event: CellEvent) => void, end: EndCell) => Promise<void>,
): AsyncIterable<CellEvent> {
  const queue = new AsyncQueue<CellEvent>();
  const started = Date.now();
  const push = (event: CellEvent) => queue.push(event);
  const end: EndCell = (r) => push({ kind: 'end', durationMs: Date.now() - started, ...r });
  const run = async () => {
    if (signal.aborted) return end({ status: 'cancelled', error: 'cancelled before it started' });
    await body(push, end);
  };
  void run()
    .catch((e: Error) => end({ status: 'failed', error: `${what}: ${e.message}` }))
    .finally(() => queue.close());
  return queue;
}

/**
 * A cell's process, started the one way every executor that runs a program does: in the
 * session's directory and environment (nothing else inherited), stdin closed, in a process
 * group of its own so that stopping it ends whatever it started, and its output streamed
 * through the session's secret masker.
 */
export function startCellProcess(
  file: string,
  args: readonly string[],
  session: LabSession,
  push: (event: CellEvent) => void,
  options: { env?: Record<string, string>; onStderr?: (raw: string) => void } = {},
) {
  const child = execa(file, args, {
    cwd: session.cwd,
    env: { ...session.env, ...options.env },
    extendEnv: false,
    stdin: 'ignore',
    detached: true,
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    encoding: 'utf8',
    cleanup: true,
  });
  const stdout = new MaskingStream(session.masker);
  const stderr = new MaskingStream(session.masker);
  const emit = (kind: 'stdout' | 'stderr', text: string) => text && push({ kind, text });
  child.stdout?.on('data', (d: string) => emit('stdout', stdout.write(d)));
  child.stderr?.on('data', (d: string) => {
    options.onStderr?.(d);
    emit('stderr', stderr.write(d));
  });
  return {
    child,
    /** Emits what the maskers still hold back (a possible secret's start): call once it exited. */
    flush: () => {
      emit('stdout', stdout.end());
      emit('stderr', stderr.end());
    },
  };
}

/**
 * Calls `stop` when the run is cancelled or its timeout passes; returns the function that
 * undoes both once the process has ended.
 */
export function stopOnCancelOrTimeout(
  signal: AbortSignal,
  timeoutMs: number | undefined,
  stop: (why: 'cancelled' | 'timeout') => void,
): () => void {
  const onAbort = () => stop('cancelled');
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs !== undefined ? setTimeout(() => stop('timeout'), timeoutMs) : undefined;
  return () => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  };
}
