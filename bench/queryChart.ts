/**
 * Query charts: a 100-series x 10,000-point Prometheus matrix turned into the chart output
 * (samples parsed, each line thinned with LTTB, the Vega-Lite spec built and serialized as the
 * notebook sends it), against JSON.parse of the same raw response, in the same run.
 * Targets (issue #4): within 3x of the JSON.parse time, and an output under 2 MB.
 */
import { parseMatrix, type MatrixSeriesJson } from '../src/kernels/query/matrix';
import { matrixChart } from '../src/kernels/query/matrixChart';

const SERIES = 100;
const POINTS = 10_000;
const RUNS = 7;

/** A raw query_range answer as Prometheus writes it: values as strings with Go's float digits. */
export function rawMatrix(series = SERIES, points = POINTS): string {
  const start = 1_795_660_000;
  const result: MatrixSeriesJson[] = [];
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let s = 0; s < series; s++) {
    let v = 100 * random();
    const values: Array<[number, string]> = [];
    for (let i = 0; i < points; i++) {
      v = Math.max(0, v + (random() - 0.5) * 3);
      values.push([start + i * 15, String(v / 7)]);
    }
    result.push({
      metric: {
        __name__: 'http_requests_total',
        job: 'metrics-app',
        instance: `10.0.${s >> 8}.${s & 255}:8080`,
        route: `/api/r${s}`,
      },
      values,
    });
  }
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function time(f: () => void): number {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function queryChartBench(): void {
  const raw = rawMatrix();
  const parsed = JSON.parse(raw) as { data: { result: MatrixSeriesJson[] } };
  let size = 0;
  const chart = () => {
    const { output } = matrixChart(parseMatrix(parsed.data.result), {
      key: 'chart',
      description: 'PromQL: http_requests_total',
      stepMs: 15_000,
    });
    size = JSON.stringify(output.spec).length + output.fallback.length;
  };
  chart(); // warm-up: JIT
  JSON.parse(raw);
  const parseMs: number[] = [];
  const chartMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    global.gc?.();
    parseMs.push(time(() => JSON.parse(raw)));
    global.gc?.();
    chartMs.push(time(chart));
  }
  const base = median(parseMs);
  const ours = median(chartMs);
  const ratio = ours / base;
  const mb = size / 1e6;
  console.log(`\n## query chart (${SERIES} series x ${POINTS.toLocaleString('en')} points)`);
  console.log(`raw response: ${(raw.length / 1e6).toFixed(1)} MB`);
  console.log(`JSON.parse of the raw response (baseline): ${base.toFixed(0)} ms`);
  console.log(`matrix -> chart output (parse samples, LTTB, spec, serialize): ${ours.toFixed(0)} ms`);
  console.log(`ratio to baseline: ${ratio.toFixed(2)}x (target <= 3x) ${ratio <= 3 ? 'met' : 'MISSED'}`);
  console.log(`chart output: ${mb.toFixed(2)} MB (target < 2 MB) ${mb < 2 ? 'met' : 'MISSED'}`);
}

if (require.main === module) queryChartBench();
