import type { CellOutput } from '../types';
import type { ApiBody } from './apiResponse';
import { scalarTable, vectorTable, type VectorSampleJson } from './instantTables';
import { logEntries, logTable, type StreamJson } from './logTable';
import { logVolumeChart } from './logVolumeChart';
import { matrixTable, parseMatrix, type MatrixSeriesJson } from './matrix';
import { matrixChart, type ChartLimits } from './matrixChart';

export interface OutputContext {
  /** "PromQL" or "LogQL", for descriptions. */
  language: string;
  query: string;
  /** The step of a range query: where a line has no sample for longer, it breaks. */
  stepMs?: number;
  /** LogQL: the limit sent, to say when it cut the lines. */
  limit?: number;
  direction?: 'forward' | 'backward';
  limits?: ChartLimits;
}

/**
 * A query result as outputs: vectors and scalars as a table; matrices as a line chart plus a
 * table per series; log streams as a volume chart above a table of lines. Notes (what was
 * thinned or cut) come as 'note' outputs after them.
 */
export function queryOutputs(data: ApiBody['data'], ctx: OutputContext): CellOutput[] {
  const description = `${ctx.language}: ${ctx.query}`;
  switch (data.resultType) {
    case 'vector':
      return [{ kind: 'table', key: 'result', ...vectorTable(asArray<VectorSampleJson>(data.result)) }];
    case 'scalar':
    case 'string':
      return [{ kind: 'table', key: 'result', ...scalarTable(data.resultType, data.result as [number, string]) }];
    case 'matrix': {
      const series = parseMatrix(asArray<MatrixSeriesJson>(data.result));
      if (series.length === 0) return [emptyTable('the query matched no series')];
      const chart = matrixChart(series, { key: 'chart', description, stepMs: ctx.stepMs, limits: ctx.limits });
      const table = matrixTable(series);
      const outputs: CellOutput[] = [
        chart.output,
        { kind: 'table', key: 'result', ...table, title: `${series.length} series` },
      ];
      if (chart.note) outputs.push({ kind: 'note', text: chart.note + '\n' });
      return outputs;
    }
    case 'streams': {
      const streams = asArray<StreamJson>(data.result);
      const entries = logEntries(streams, ctx.direction ?? 'backward');
      if (entries.length === 0) return [emptyTable('no log lines matched in the time range')];
      const cut =
        ctx.limit !== undefined && entries.length >= ctx.limit
          ? `the limit of ${ctx.limit} lines was reached: there are ${ctx.direction === 'forward' ? 'later' : 'earlier'} ` +
            `lines (raise limit=, or narrow the range); the volume chart counts only the lines shown`
          : undefined;
      const outputs: CellOutput[] = [
        logVolumeChart(entries, 'chart', description),
        { kind: 'table', key: 'result', ...logTable(streams, entries, cut) },
      ];
      return outputs;
    }
    default:
      return [{ kind: 'note', text: `the result type "${data.resultType}" has no view; see the raw JSON\n` }];
  }
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function emptyTable(why: string): CellOutput {
  return { kind: 'table', key: 'result', columns: ['result'], rows: [], title: `no data: ${why}` };
}
