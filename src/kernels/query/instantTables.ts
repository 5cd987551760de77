import type { TableValue } from '../types';
import { labelColumns, type Labels } from './seriesLabels';
import { isoFromSeconds } from './timeFormat';

export interface Table {
  columns: string[];
  rows: TableValue[][];
  title?: string;
  note?: string;
}

/** One sample per series, as `vector` results carry them: [unix seconds, "value"]. */
export interface VectorSampleJson {
  metric: Labels;
  value?: [number, string];
  histogram?: [number, { count: string }];
}

/** Tables stay readable and quick to draw up to about this many rows; the raw JSON has the rest. */
export const MAX_TABLE_ROWS = 2000;

/**
 * An instant vector as a table: a column per label (`__name__` first), then the value exactly
 * as the API wrote it ("NaN", "+Inf" and all digits kept). Rows stay in the API's order, which
 * `sort()` and `topk()` decide.
 */
export function vectorTable(result: readonly VectorSampleJson[]): Table {
  const columns = labelColumns(result.map((r) => r.metric ?? {}));
  const shown = result.slice(0, MAX_TABLE_ROWS);
  const rows = shown.map((r) => [
    ...columns.map((k) => r.metric?.[k] ?? null),
    r.value?.[1] ?? (r.histogram ? `histogram (count ${r.histogram[1].count})` : null),
  ]);
  const times = new Set(result.map((r) => (r.value ?? r.histogram)?.[0]));
  const at = times.size === 1 ? [...times][0] : undefined;
  return {
    columns: [...columns, 'value'],
    rows,
    title: `${result.length} series${at !== undefined ? ` at ${isoFromSeconds(at)}` : ''}`,
    ...(result.length > shown.length ? { note: rowsNote(shown.length, result.length) } : {}),
  };
}

/** A scalar or string result: [unix seconds, "value"]. */
export function scalarTable(resultType: 'scalar' | 'string', value: [number, string]): Table {
  return { columns: ['time', resultType], rows: [[isoFromSeconds(value[0]), value[1]]] };
}

export function rowsNote(shown: number, total: number): string {
  return `showing the first ${shown.toLocaleString('en')} of ${total.toLocaleString('en')} rows; the raw JSON has them all`;
}
