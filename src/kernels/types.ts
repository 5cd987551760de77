import type { AttributeValue } from '../notebook/format';

/** A code cell as an executor sees it: plain data, whoever asks (notebook controller or CLI). */
export interface CellRequest {
  id: string;
  language: string;
  source: string;
  attributes: Record<string, AttributeValue>;
}

/** Output as it comes. The controller maps these to notebook outputs, the CLI to text or JSON. */
export type CellOutput =
  | { kind: 'stdout'; text: string }
  | { kind: 'stderr'; text: string }
  /** A note from illmlab itself (not the program's output): timeouts, truncation, context. */
  | { kind: 'note'; text: string };

export type CellStatus = 'ok' | 'failed' | 'skipped' | 'timeout' | 'cancelled';

export interface CellResult {
  status: CellStatus;
  durationMs: number;
  exitCode?: number;
  /** What went wrong, in a sentence that says what and where. */
  error?: string;
}

/** One event of a running cell: outputs while it runs, then exactly one `end`. */
export type CellEvent = CellOutput | ({ kind: 'end' } & CellResult);

export interface Executor {
  /** Fence languages this executor runs. */
  readonly languages: readonly string[];
  execute(cell: CellRequest, session: import('./session').LabSession, signal: AbortSignal): AsyncIterable<CellEvent>;
}
