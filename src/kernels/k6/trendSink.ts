/** Most values one trend holds: 2^27 (1 GiB of address space, reserved, not used, until needed). */
const MAX_VALUES = 2 ** 27;
/** Past this many values, storage grows by this many at a time (512 KB). */
const STEP = 1 << 16;

/** ES2024's resizable ArrayBuffer (V8 since Node 20); the project's lib is ES2022. */
interface ResizableArrayBuffer extends ArrayBuffer {
  resize(byteLength: number): void;
}
const ResizableArrayBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

/**
 * A k6 Trend, exact: every value is kept, as k6's own TrendSink (v0.48) keeps them, so the
 * end-of-test numbers equal k6's. That is the price of exact percentiles: memory grows with the
 * number of samples, 8 bytes each (a million requests, with k6's seven http_req_* trends, is
 * about 60 MB). The live chart does not use this: it keeps fixed-size per-second histograms
 * (k6Timeline.ts).
 *
 * The values live in one resizable ArrayBuffer: its maximum is reserved as address space and
 * memory is committed only as it grows, in place. So growing never copies, at most 512 KB is
 * unused, and percentiles sort the values where they are. Where a resizable buffer cannot be
 * had, a plain one is copied into one 1.5 times larger instead.
 */
export class TrendSink {
  private buffer: ArrayBuffer | ResizableArrayBuffer;
  private values: Float64Array;
  private sorted = true;
  count = 0;
  sum = 0;
  min = 0;
  max = 0;

  constructor() {
    try {
      this.buffer = new ResizableArrayBuffer(256 * 8, { maxByteLength: MAX_VALUES * 8 });
    } catch {
      this.buffer = new ArrayBuffer(256 * 8); // no room to reserve address space
    }
    this.values = new Float64Array(this.buffer);
  }

  add(value: number): void {
    if (this.count === this.values.length) this.grow();
    this.values[this.count++] = value;
    this.sum += value;
    if (this.count === 1) {
      this.min = value;
      this.max = value;
    } else if (value < this.min) this.min = value;
    else if (value > this.max) this.max = value;
    this.sorted = false;
  }

  /** k6 0.48 keeps a running sum and divides by the count. */
  get avg(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /**
   * The percentile `pct` (0..1) by k6's rule (TrendSink.P): sort, then interpolate linearly
   * between the values at the closest ranks below and above `pct * (count - 1)`.
   * No values: 0. One value: that value.
   */
  p(pct: number): number {
    if (this.count === 0) return 0;
    if (this.count === 1) return this.values[0];
    if (!this.sorted) {
      this.values.subarray(0, this.count).sort();
      this.sorted = true;
    }
    const i = pct * (this.count - 1);
    const j = this.values[Math.floor(i)];
    const k = this.values[Math.ceil(i)];
    const f = i - Math.floor(i);
    return j + (k - j) * f;
  }

  /** Bytes held for values (for tests and benchmarks). */
  get capacityBytes(): number {
    return this.buffer.byteLength;
  }

  private grow(): void {
    const length = this.values.length;
    if ('resize' in this.buffer && typeof this.buffer.resize === 'function') {
      const next = Math.min(MAX_VALUES, length < STEP ? length * 2 : length + STEP);
      if (next === length) throw new Error(`a k6 trend with more than ${MAX_VALUES} samples`);
      this.buffer.resize(next * 8);
      this.values = new Float64Array(this.buffer, 0, next);
      return;
    }
    const bigger = new Float64Array(Math.ceil(length * 1.5));
    bigger.set(this.values);
    this.buffer = bigger.buffer;
    this.values = bigger;
  }
}
