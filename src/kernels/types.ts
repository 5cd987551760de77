import type { AttributeValue } from '../notebook/format';

/** A code cell as an executor sees it: plain data, whoever asks (notebook controller or CLI). */
export interface CellRequest {
  id: string;
  language: string;
  source: string;
  attributes: Record<string, AttributeValue>;
}

/** A cell of a table: values from a cluster are plain data here and escaped only when drawn. */
export type TableValue = string | number | boolean | null;

/** Output as it comes. The controller maps these to notebook outputs, the CLI to text or JSON. */
export type CellOutput =
  | { kind: 'stdout'; text: string }
  | { kind: 'stderr'; text: string }
  /** A note from illmlab itself (not the program's output): timeouts, truncation, endpoints. */
  | { kind: 'note'; text: string }
  /**
   * A Vega-Lite spec with its data inline (application/vnd.illmlab.chart+json). `key` names the
   * chart within the cell: a later chart with the same key replaces it (live k6 charts).
   */
  | { kind: 'chart'; key: string; spec: Record<string, unknown>; fallback: string }
  /** A table; `title` says what it shows; `note` says what was left out (thinned, limited). */
  | { kind: 'table'; key: string; columns: string[]; rows: TableValue[][]; title?: string; note?: string }
  /** Raw data for those who want it (the query API's JSON, a k6 summary). */
  | { kind: 'json'; key: string; mime: string; data: unknown };

export type CellStatus = 'ok' | 'failed' | 'skipped' | 'timeout' | 'cancelled';

export interface CellResult {
  status: CellStatus;
  durationMs: number;
  exitCode?: number;
  /** What went wrong, in a sentence that says what and where. */
  error?: string;
  /** promql / logql: the query API's `data` object (CLI JSON: `result`). */
  result?: unknown;
  /** k6: the end-of-test summary (CLI JSON: `summary`). */
  summary?: unknown;
}

/** One event of a running cell: outputs while it runs, then exactly one `end`. */
export type CellEvent = CellOutput | ({ kind: 'end' } & CellResult);

export interface Executor {
  /** Fence languages this executor runs. */
  readonly languages: readonly string[];
  execute(cell: CellRequest, session: import('./session').LabSession, signal: AbortSignal): AsyncIterable<CellEvent>;
}
