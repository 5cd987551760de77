import { tmpdir } from 'node:os';
import { LogqlExecutor } from '../../../src/kernels/query/logqlExecutor';
import { PromqlExecutor } from '../../../src/kernels/query/promqlExecutor';
import type { QueryExecutorOptions } from '../../../src/kernels/query/queryExecutor';
import { LabSession, type LabSessionOptions } from '../../../src/kernels/session';
import type { CellEvent, CellOutput, CellRequest, CellResult } from '../../../src/kernels/types';

/** A session as the notebook or CLI makes one, with no ambient KUBECONFIG or endpoints leaking in. */
export function querySession(env: Record<string, string> = {}, options: Partial<LabSessionOptions> = {}): LabSession {
  return new LabSession({
    labDir: tmpdir(), // query cells never write there; shell cells in these tests only export
    baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    ...options,
  });
}

export interface QueryRun {
  result: CellResult;
  outputs: CellOutput[];
  notes: string;
  events: Array<CellEvent & { at: number }>;
  of<K extends CellOutput['kind']>(kind: K, key?: string): Extract<CellOutput, { kind: K }> | undefined;
}

/** Runs one promql or logql cell through its executor and gathers what it produced. */
export async function runQuery(
  language: 'promql' | 'logql',
  session: LabSession,
  source: string,
  attributes: CellRequest['attributes'] = {},
  options: { signal?: AbortSignal; executor?: QueryExecutorOptions } = {},
): Promise<QueryRun> {
  const executor = language === 'promql' ? new PromqlExecutor(options.executor) : new LogqlExecutor(options.executor);
  const started = Date.now();
  const events: QueryRun['events'] = [];
  let result: CellResult | undefined;
  for await (const event of executor.execute(
    { id: 'q', language, source, attributes },
    session,
    options.signal ?? new AbortController().signal,
  )) {
    events.push({ ...event, at: Date.now() - started });
    if (event.kind === 'end') {
      const { kind: _kind, ...rest } = event;
      result = rest;
    }
  }
  if (!result) throw new Error('the executor ended without an end event');
  const outputs = events.filter((e): e is CellOutput & { at: number } => e.kind !== 'end');
  return {
    result,
    outputs,
    notes: outputs
      .filter((o) => o.kind === 'note')
      .map((o) => (o as { text: string }).text)
      .join(''),
    events,
    of: (kind, key) =>
      outputs.find((o) => o.kind === kind && (key === undefined || (o as { key?: string }).key === key)) as never,
  };
}
