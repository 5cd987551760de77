/**
 * `illmlab k6 report` on a generated k6 JSON output (bench/k6Generate.ts), against a baseline
 * measured in the same run: read the same lines with the same reader, JSON.parse each, collect
 * the values per metric. Targets (issue #5): 1.2x the baseline or better on 1,000,000 lines, and
 * 5,000,000 lines needing no more than 50 MB more than 1,000,000.
 *
 * Memory is measured in a child process per case, so one case's garbage does not count against
 * another: peak RSS from the kernel (the target's measure: it counts everything, including the
 * trends' resizable buffers, which process.memoryUsage().arrayBuffers does not), and the JS heap's
 * high-water mark sampled while it runs.
 *
 *   node --expose-gc out/bench/k6Report.js            run it alone
 *   k6ReportBench() from bench/run.ts                  with the other benchmarks
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readK6JsonFile } from '../src/kernels/k6/k6JsonFile';
import { K6Metrics } from '../src/kernels/k6/k6Metrics';
import { summarize } from '../src/kernels/k6/k6Summary';
import { k6SummaryText } from '../src/kernels/k6/k6SummaryText';
import { LineSplitter, lineStrings } from '../src/kernels/k6/lineSplitter';
import { createReadStream } from 'node:fs';
import { generateK6Json } from './k6Generate';

type Case = 'baseline' | 'report';

/** Read the lines, JSON.parse each, collect the values: what any k6 JSON reader does at least. */
async function baseline(path: string): Promise<number> {
  const values = new Map<string, number[]>();
  const splitter = new LineSplitter(
    lineStrings((line) => {
      const o = JSON.parse(line);
      if (o.type !== 'Point') return;
      let list = values.get(o.metric);
      if (!list) values.set(o.metric, (list = []));
      list.push(o.data.value);
    }),
  );
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) splitter.push(chunk as Buffer);
  let n = 0;
  for (const list of values.values()) n += list.length;
  return n;
}

/** What `illmlab k6 report FILE` does: stream, gather, summarize with thresholds, print. */
async function report(path: string): Promise<number> {
  const metrics = new K6Metrics();
  await readK6JsonFile(path, metrics);
  const text = k6SummaryText(summarize(metrics), metrics);
  if (text.length === 0) throw new Error('no report');
  return metrics.points;
}

const run: Record<Case, (path: string) => Promise<number>> = { baseline, report };

/**
 * CPU time of this process (all its threads: GC, file reads) in ms, and wall time. The ratio
 * uses CPU time: on a shared machine, time spent waiting for a core is other processes' load,
 * and it would land on whichever side of a pair it happened to hit.
 */
async function timed(which: Case, path: string): Promise<{ cpu: number; wall: number }> {
  global.gc?.();
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await run[which](path);
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: Number(process.hrtime.bigint() - wall) / 1e6 };
}

interface Memory {
  peakRssMb: number;
  peakHeapMb: number;
  ms: number;
}

/** One case in a fresh process: its peak RSS and JS heap high-water mark. */
function measured(which: Case, path: string): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', which, path], { execArgv: ['--expose-gc'] });
    child.once('message', (m) => resolve(m as Memory));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${which} child exited with ${code}`)));
  });
}

async function child(which: Case, path: string): Promise<void> {
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 5);
  const start = process.hrtime.bigint();
  await run[which](path);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  sample();
  clearInterval(sampler);
  const memory: Memory = {
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
    ms,
  };
  process.send!(memory, () => process.exit(0));
}

export async function k6ReportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-k6-bench-'));
  try {
    const small = join(dir, 'k6-1m.json');
    const large = join(dir, 'k6-5m.json');
    await generateK6Json(small, 1_000_000);
    console.log(`\n## k6 report`);
    console.log(`generated ${small}: 1,000,000 lines, ${(statSync(small).size / 2 ** 20).toFixed(0)} MB`);

    await timed('baseline', small); // warm-up: disk cache, JIT
    await timed('report', small);
    // Pairs run back to back, in alternating order, and the median of the pairs' ratios.
    const pairs: Array<[Awaited<ReturnType<typeof timed>>, Awaited<ReturnType<typeof timed>>]> = [];
    for (let i = 0; i < 5; i++) {
      if (i % 2 === 0) pairs.push([await timed('baseline', small), await timed('report', small)]);
      else {
        const ours = await timed('report', small);
        pairs.push([await timed('baseline', small), ours]);
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratio = median(pairs.map(([b, o]) => o.cpu / b.cpu));
    const wallRatio = median(pairs.map(([b, o]) => o.wall / b.wall));
    const ms = (side: 0 | 1, key: 'cpu' | 'wall') => median(pairs.map((p) => p[side][key])).toFixed(0);
    console.log(
      `read + JSON.parse + collect (baseline): ${ms(0, 'cpu')} ms CPU, ${ms(0, 'wall')} ms wall (medians of 5)`,
    );
    console.log(`k6 report (summary, thresholds, text):  ${ms(1, 'cpu')} ms CPU, ${ms(1, 'wall')} ms wall`);
    console.log(
      `ratio to baseline: ${ratio.toFixed(2)}x CPU time (${wallRatio.toFixed(2)}x wall), median of 5 paired runs ` +
        `(target <= 1.2x) ${ratio <= 1.2 ? 'met' : 'MISSED'}`,
    );

    await generateK6Json(large, 5_000_000);
    console.log(`generated ${large}: 5,000,000 lines, ${(statSync(large).size / 2 ** 20).toFixed(0)} MB`);
    const mem = {
      report1: await measured('report', small),
      report5: await measured('report', large),
      base1: await measured('baseline', small),
      base5: await measured('baseline', large),
    };
    const row = (label: string, m: Memory) =>
      console.log(
        `${label.padEnd(22)} peak RSS ${m.peakRssMb.toFixed(0).padStart(5)} MB, JS heap high-water ${m.peakHeapMb.toFixed(0).padStart(5)} MB, ${m.ms.toFixed(0)} ms`,
      );
    row('k6 report, 1M lines', mem.report1);
    row('k6 report, 5M lines', mem.report5);
    row('baseline, 1M lines', mem.base1);
    row('baseline, 5M lines', mem.base5);
    const growth = mem.report5.peakRssMb - mem.report1.peakRssMb;
    console.log(
      `k6 report, 5M over 1M: +${growth.toFixed(0)} MB peak RSS (target <= 50 MB) ${growth <= 50 ? 'met' : 'MISSED'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [flag, which, path] = process.argv.slice(2);
  if (flag === '--child') void child(which as Case, path);
  else void k6ReportBench();
}
