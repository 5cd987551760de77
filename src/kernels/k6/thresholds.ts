import type { MetricType } from './k6Lines';
import type { Sink } from './metricSinks';

/** `p(95)<500` read into its parts. */
export interface ThresholdExpression {
  /** count | rate | value | avg | min | med | max | p */
  method: string;
  /** The percentile of a `p(N)` method (95 for p(95)). */
  percentile?: number;
  operator: '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';
  value: number;
}

// k6 tries the operators in this order, splitting at the first one found, so `<=` wins over `<`.
const OPERATORS = ['<=', '<', '>=', '>', '===', '==', '!='] as const;

const METHODS_BY_TYPE: Record<MetricType, readonly string[]> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p'],
};

/** Reads a threshold expression the way k6 does; throws an Error that says what is wrong. */
export function parseThreshold(source: string): ThresholdExpression {
  for (const operator of OPERATORS) {
    const at = source.indexOf(operator);
    if (at === -1) continue;
    const left = source.slice(0, at).trim();
    const right = source.slice(at + operator.length).trim();
    const value = parseFloatStrict(right);
    if (value === undefined) throw new Error(`threshold "${source}": "${right}" is not a number`);
    if (['count', 'rate', 'value', 'avg', 'min', 'med', 'max'].includes(left)) return { method: left, operator, value };
    const p = /^p\((.*)\)$/.exec(left);
    const percentile = p ? parseFloatStrict(p[1]) : undefined;
    if (percentile === undefined) {
      throw new Error(`threshold "${source}": "${left}" is not one of count, rate, value, avg, min, med, max, p(N)`);
    }
    return { method: 'p', percentile, operator, value };
  }
  throw new Error(`threshold "${source}": no comparison (<, <=, >, >=, ==, !=) found`);
}

export type ThresholdOutcome = { passed: boolean; actual: number } | { passed: false; error: string };

/**
 * Evaluates a threshold over a metric's sink like k6's Thresholds.Run: the aggregation the
 * expression names, compared with its value. A counter's `rate` needs the test's duration.
 */
export function evaluateThreshold(source: string, sink: Sink, durationSeconds: number): ThresholdOutcome {
  let expr: ThresholdExpression;
  try {
    expr = parseThreshold(source);
  } catch (e) {
    return { passed: false, error: (e as Error).message };
  }
  if (!METHODS_BY_TYPE[sink.type].includes(expr.method)) {
    return {
      passed: false,
      error: `threshold "${source}": a ${sink.type} has no "${expr.method}" (it has ${METHODS_BY_TYPE[sink.type].join(', ')})`,
    };
  }
  const actual = aggregate(expr, sink, durationSeconds);
  return { passed: compare(actual, expr.operator, expr.value), actual };
}

function aggregate(expr: ThresholdExpression, sink: Sink, durationSeconds: number): number {
  switch (sink.type) {
    case 'counter':
      return expr.method === 'count' ? sink.count : sink.count / durationSeconds;
    case 'gauge':
      return sink.value;
    case 'rate':
      // k6 divides without a guard: no samples gives NaN, which passes no comparison.
      return sink.passes / sink.total;
    case 'trend':
      switch (expr.method) {
        case 'avg':
          return sink.avg;
        case 'min':
          return sink.min;
        case 'max':
          return sink.max;
        case 'med':
          return sink.p(0.5);
        default:
          return sink.p(expr.percentile! / 100);
      }
  }
}

function compare(actual: number, operator: ThresholdExpression['operator'], value: number): boolean {
  switch (operator) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
    case '===':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/** Go's strconv.ParseFloat for the plain decimals thresholds use; undefined if not a number. */
function parseFloatStrict(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
