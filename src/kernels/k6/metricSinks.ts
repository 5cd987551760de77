import type { MetricType } from './k6Lines';
import { TrendSink } from './trendSink';

/** k6's Counter: a sum (rate = sum per second of the test). */
export class CounterSink {
  readonly type = 'counter';
  samples = 0;
  count = 0;
  add(value: number): void {
    this.samples++;
    this.count += value;
  }
}

/** k6's Gauge: the last value, and the smallest and largest seen. */
export class GaugeSink {
  readonly type = 'gauge';
  samples = 0;
  value = 0;
  min = 0;
  max = 0;
  add(value: number): void {
    this.value = value;
    if (this.samples === 0 || value < this.min) this.min = value;
    if (this.samples === 0 || value > this.max) this.max = value;
    this.samples++;
  }
}

/** k6's Rate: the share of non-zero values. */
export class RateSink {
  readonly type = 'rate';
  passes = 0;
  total = 0;
  add(value: number): void {
    this.total++;
    if (value !== 0) this.passes++;
  }
  get samples(): number {
    return this.total;
  }
  get fails(): number {
    return this.total - this.passes;
  }
  get rate(): number {
    return this.total === 0 ? 0 : this.passes / this.total;
  }
}

export class TrendMetricSink extends TrendSink {
  readonly type = 'trend';
  get samples(): number {
    return this.count;
  }
}

export type Sink = CounterSink | GaugeSink | RateSink | TrendMetricSink;

export function newSink(type: MetricType): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return new TrendMetricSink();
  }
}
