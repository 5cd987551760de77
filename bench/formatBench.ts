/**
 * `npm run bench`: the format's parse + serialize against markdown-it's bare parse of the same
 * text, measured in the same run, so the ratio holds on any machine. Targets (issue #2):
 * ratio <= 1.5, and 10x the input costs no more than 11x the time.
 */
import MarkdownIt from 'markdown-it';
import { parseLab, serializeLab } from '../src/notebook/format';
import { generateLab } from './generateLab';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// With --expose-gc (npm run bench passes it) every sample starts from a collected heap, so one
// run's garbage is not billed to the next: without it a 3 MB run pays for the runs before it.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Median wall times of several functions, sampled in turns (a, b, c, a, b, c, ...) after a
 * warm-up, so a load that comes and goes on the machine falls on all of them alike.
 */
function timeAll(fns: Array<() => void>, runs = 9): number[] {
  fns.forEach((fn) => (fn(), fn()));
  const samples = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    fns.forEach((fn, i) => {
      collect();
      const start = process.hrtime.bigint();
      fn();
      samples[i].push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return samples.map(median);
}

export function formatBench(): void {
  const markdown = new MarkdownIt('commonmark');
  const big = generateLab(10_000);
  const small = generateLab(1_000);

  let roundTripOk = true;
  const ours = (text: string) => () => {
    if (serializeLab(parseLab(text)) !== text) roundTripOk = false;
  };
  const baseline = (text: string) => () => void markdown.parse(text, {});

  const [bigBaseline, bigOurs, smallOurs] = timeAll([baseline(big), ours(big), ours(small)]);
  const ratio = bigOurs / bigBaseline;
  const scaling = bigOurs / smallOurs;

  console.log('## format');
  const mb = (s: string) => (Buffer.byteLength(s) / 1e6).toFixed(2);
  console.log(`lab: 10,000 cells, ${mb(big)} MB; 1,000 cells, ${mb(small)} MB`);
  console.log(`markdown-it parse (baseline), 10,000 cells: ${bigBaseline.toFixed(1)} ms`);
  console.log(`illmlab parse + serialize,    10,000 cells: ${bigOurs.toFixed(1)} ms`);
  console.log(`illmlab parse + serialize,     1,000 cells: ${smallOurs.toFixed(1)} ms`);
  console.log(`ratio to baseline: ${ratio.toFixed(2)}x (target <= 1.5x) ${ratio <= 1.5 ? 'met' : 'MISSED'}`);
  console.log(`10x input costs ${scaling.toFixed(2)}x the time (target <= 11x) ${scaling <= 11 ? 'met' : 'MISSED'}`);
  if (!roundTripOk) {
    console.error('round trip changed the generated lab: the numbers above measure a bug');
    process.exitCode = 1;
  }
}
