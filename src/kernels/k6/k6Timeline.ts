/**
 * What the live chart shows, second by second, in memory that does not grow with the test:
 * a fixed number of buckets, each with counts and a fixed log-scale histogram of
 * http_req_duration (percentiles within ±2% of the true value; the end summary is exact, see
 * trendSink.ts).
 *
 * Two ways to stay within the buckets:
 * - 'window' (live): one bucket per second, the last `capacity` seconds; older ones drop off.
 * - 'whole' (reports): the whole run; when it needs more buckets than there are, neighbours
 *   merge and each bucket covers twice the time.
 */

/** One bucket as the chart sees it. Rates are 0..1; durations are milliseconds. */
export interface TimelineRow {
  /** Seconds from the first second of the run to the start of this bucket. */
  t: number;
  /** Seconds this bucket covers. */
  width: number;
  vus: number | null;
  /** Requests per second (http_reqs). */
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** http_req_failed: share of failed requests. */
  failed: number | null;
  /** checks: share of checks that passed. */
  checks: number | null;
}

/** The metrics the chart follows, by k6's built-in names. */
export type Series = 'vus' | 'http_reqs' | 'http_req_duration' | 'http_req_failed' | 'checks';

export const CHART_SERIES: ReadonlySet<string> = new Set<Series>([
  'vus',
  'http_reqs',
  'http_req_duration',
  'http_req_failed',
  'checks',
]);

// Histogram bins: bin 0 holds values below MIN_MS (and 0); bin k covers [MIN·G^(k-1), MIN·G^k).
// G = 1.04 keeps the midpoint within 2% of any value in the bin; 1 µs to about 20 h in 640 bins.
const MIN_MS = 0.001;
const GROWTH = 1.04;
const LOG_GROWTH = Math.log(GROWTH);
const BINS = 640;

export class K6Timeline {
  private width = 1;
  private origin: number | undefined;
  private newest = -1;
  private readonly key: Float64Array;
  private readonly vus: Float64Array;
  private readonly reqs: Float64Array;
  private readonly failPasses: Float64Array;
  private readonly failTotal: Float64Array;
  private readonly checkPasses: Float64Array;
  private readonly checkTotal: Float64Array;
  private readonly durCount: Float64Array;
  private readonly durMin: Float64Array;
  private readonly durMax: Float64Array;
  private readonly hist: Uint32Array;

  constructor(
    readonly capacity = 600,
    readonly mode: 'window' | 'whole' = 'window',
  ) {
    if (mode === 'whole' && capacity % 2 !== 0) throw new Error('a whole-run timeline needs an even capacity');
    const f = () => new Float64Array(capacity);
    this.key = f().fill(-1);
    this.vus = f().fill(NaN);
    this.reqs = f();
    this.failPasses = f();
    this.failTotal = f();
    this.checkPasses = f();
    this.checkTotal = f();
    this.durCount = f();
    this.durMin = f().fill(Infinity);
    this.durMax = f().fill(-Infinity);
    this.hist = new Uint32Array(capacity * BINS);
  }

  /** Seconds each bucket covers (1 until a whole-run timeline merges). */
  get bucketSeconds(): number {
    return this.width;
  }

  add(series: Series, timeMs: number, value: number): void {
    const slot = this.slotFor(timeMs);
    if (slot === -1) return;
    switch (series) {
      case 'vus':
        this.vus[slot] = value;
        break;
      case 'http_reqs':
        this.reqs[slot] += value;
        break;
      case 'http_req_failed':
        this.failTotal[slot]++;
        if (value !== 0) this.failPasses[slot]++;
        break;
      case 'checks':
        this.checkTotal[slot]++;
        if (value !== 0) this.checkPasses[slot]++;
        break;
      case 'http_req_duration':
        this.durCount[slot]++;
        if (value < this.durMin[slot]) this.durMin[slot] = value;
        if (value > this.durMax[slot]) this.durMax[slot] = value;
        this.hist[slot * BINS + binOf(value)]++;
        break;
    }
  }

  /**
   * The buckets in time order, empty seconds included. `skipNewest` leaves out the bucket
   * still filling (a live chart would show it as a dip).
   */
  rows(skipNewest = false): TimelineRow[] {
    if (this.newest < 0) return [];
    const last = skipNewest ? this.newest - 1 : this.newest;
    const first = this.mode === 'window' ? Math.max(0, this.newest - this.capacity + 1) : 0;
    const rows: TimelineRow[] = [];
    for (let b = first; b <= last; b++) rows.push(this.row(b));
    return rows;
  }

  private row(bucket: number): TimelineRow {
    const slot = this.mode === 'window' ? bucket % this.capacity : bucket;
    const t = bucket * this.width;
    if (this.key[slot] !== bucket) {
      return { t, width: this.width, vus: null, rps: 0, p50: null, p95: null, p99: null, failed: null, checks: null };
    }
    return {
      t,
      width: this.width,
      vus: Number.isNaN(this.vus[slot]) ? null : this.vus[slot],
      rps: this.reqs[slot] / this.width,
      p50: this.quantile(slot, 0.5),
      p95: this.quantile(slot, 0.95),
      p99: this.quantile(slot, 0.99),
      failed: this.failTotal[slot] > 0 ? this.failPasses[slot] / this.failTotal[slot] : null,
      checks: this.checkTotal[slot] > 0 ? this.checkPasses[slot] / this.checkTotal[slot] : null,
    };
  }

  /**
   * k6's rule on the histogram: the values at the ranks either side of pct · (n-1), each
   * estimated from its bin, interpolated. With few samples a top percentile leans on the max,
   * which the bucket knows exactly.
   */
  private quantile(slot: number, pct: number): number | null {
    const n = this.durCount[slot];
    if (n === 0) return null;
    const rank = pct * (n - 1);
    const below = this.valueAt(slot, Math.floor(rank));
    const above = this.valueAt(slot, Math.ceil(rank));
    return below + (above - below) * (rank - Math.floor(rank));
  }

  /** The index-th smallest duration of a bucket: exact at the ends, the bin's midpoint between. */
  private valueAt(slot: number, index: number): number {
    if (index === 0) return this.durMin[slot];
    if (index >= this.durCount[slot] - 1) return this.durMax[slot];
    let seen = 0;
    const base = slot * BINS;
    for (let bin = 0; bin < BINS; bin++) {
      seen += this.hist[base + bin];
      if (seen > index) {
        const mid = bin === 0 ? 0 : MIN_MS * Math.pow(GROWTH, bin - 0.5);
        return Math.min(this.durMax[slot], Math.max(this.durMin[slot], mid));
      }
    }
    return this.durMax[slot];
  }

  private slotFor(timeMs: number): number {
    const second = Math.floor(timeMs / 1000);
    this.origin ??= second;
    // A point a little older than the first one (k6 writes nearly, not strictly, in time
    // order) counts in the first bucket.
    let bucket = Math.max(0, Math.floor((second - this.origin) / this.width));
    if (this.mode === 'whole') {
      while (bucket >= this.capacity) {
        this.mergePairs();
        bucket = Math.floor((second - this.origin) / this.width);
      }
      if (this.key[bucket] !== bucket) this.reset(bucket, bucket);
      if (bucket > this.newest) this.newest = bucket;
      return bucket;
    }
    const slot = bucket % this.capacity;
    if (this.key[slot] !== bucket) {
      if (this.key[slot] > bucket) return -1; // older than the window
      this.reset(slot, bucket);
    }
    if (bucket > this.newest) this.newest = bucket;
    return slot;
  }

  private reset(slot: number, bucket: number): void {
    this.key[slot] = bucket;
    this.vus[slot] = NaN;
    this.reqs[slot] = 0;
    this.failPasses[slot] = 0;
    this.failTotal[slot] = 0;
    this.checkPasses[slot] = 0;
    this.checkTotal[slot] = 0;
    this.durCount[slot] = 0;
    this.durMin[slot] = Infinity;
    this.durMax[slot] = -Infinity;
    this.hist.fill(0, slot * BINS, (slot + 1) * BINS);
  }

  /** 'whole' mode: bucket 2j and 2j+1 become bucket j, each twice as wide. */
  private mergePairs(): void {
    const half = this.capacity / 2;
    for (let j = 0; j < half; j++) {
      const a = 2 * j;
      const b = a + 1;
      const hasA = this.key[a] === a;
      const hasB = this.key[b] === b;
      if (!hasA && !hasB) {
        this.key[j] = -1;
        continue;
      }
      if (!hasA) this.reset(a, a);
      if (hasB) {
        if (!Number.isNaN(this.vus[b])) this.vus[a] = this.vus[b]; // a gauge: the later value
        this.reqs[a] += this.reqs[b];
        this.failPasses[a] += this.failPasses[b];
        this.failTotal[a] += this.failTotal[b];
        this.checkPasses[a] += this.checkPasses[b];
        this.checkTotal[a] += this.checkTotal[b];
        this.durCount[a] += this.durCount[b];
        this.durMin[a] = Math.min(this.durMin[a], this.durMin[b]);
        this.durMax[a] = Math.max(this.durMax[a], this.durMax[b]);
        for (let k = 0; k < BINS; k++) this.hist[a * BINS + k] += this.hist[b * BINS + k];
      }
      this.copySlot(a, j);
      this.key[j] = j;
    }
    for (let s = half; s < this.capacity; s++) this.key[s] = -1;
    this.width *= 2;
    this.newest = Math.floor(this.newest / 2);
  }

  private copySlot(from: number, to: number): void {
    if (from === to) return;
    this.vus[to] = this.vus[from];
    this.reqs[to] = this.reqs[from];
    this.failPasses[to] = this.failPasses[from];
    this.failTotal[to] = this.failTotal[from];
    this.checkPasses[to] = this.checkPasses[from];
    this.checkTotal[to] = this.checkTotal[from];
    this.durCount[to] = this.durCount[from];
    this.durMin[to] = this.durMin[from];
    this.durMax[to] = this.durMax[from];
    this.hist.copyWithin(to * BINS, from * BINS, (from + 1) * BINS);
  }
}

function binOf(value: number): number {
  if (!(value >= MIN_MS)) return 0;
  return Math.min(BINS - 1, 1 + Math.floor(Math.log(value / MIN_MS) / LOG_GROWTH));
}
