/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): picks `threshold` of the points of a line
 * so that it still looks the same drawn, keeping peaks and dips that averaging would flatten.
 * The first and last points always stay. Returns the indices of the points kept, in order.
 *
 * Written here (about 40 lines) rather than taken from npm: the packages there work on arrays of
 * point objects, and this works on the typed arrays the matrix parser fills, without copies.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): Uint32Array {
  const n = xs.length;
  if (threshold >= n || threshold < 3) {
    if (threshold >= n) return Uint32Array.from({ length: n }, (_, i) => i);
    return Uint32Array.from(n === 0 ? [] : threshold <= 1 || n === 1 ? [0] : [0, n - 1]);
  }
  const kept = new Uint32Array(threshold);
  // The inner points fall in threshold - 2 buckets of equal size.
  const size = (n - 2) / (threshold - 2);
  let a = 0;
  kept[0] = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // The third point of the triangle: the average of the next bucket (the last point at the end).
    const nextStart = Math.floor((bucket + 1) * size) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * size) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xs[i];
      avgY += ys[i];
    }
    const count = nextEnd - nextStart;
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = xs[n - 1];
      avgY = ys[n - 1];
    }
    // The point of this bucket that makes the largest triangle with the last kept one and that average.
    const start = Math.floor(bucket * size) + 1;
    const end = Math.floor((bucket + 1) * size) + 1;
    const ax = xs[a];
    const ay = ys[a];
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - avgX) * (ys[i] - ay) - (ax - xs[i]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept[bucket + 1] = best;
    a = best;
  }
  kept[threshold - 1] = n - 1;
  return kept;
}
