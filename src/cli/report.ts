import { writeFileSync } from 'node:fs';
import type { CellRun } from '../kernels/labRunner';

/** Output beyond this many characters per cell is cut to its tail in the report. */
const MAX_OUTPUT = 20_000;

/**
 * A Markdown record of a run: each cell's source, output, status and duration, secrets masked.
 * Fences are longer than any fence inside what they hold, so the report renders as written.
 */
export function writeReport(
  path: string,
  run: { path: string; title: string; runs: CellRun[]; mask: (t: string) => string },
): void {
  const lines: string[] = [`# Run report: ${run.title}`, '', `Lab: \`${run.path}\` — ${new Date().toISOString()}`, ''];
  lines.push('| cell | language | status | duration |', '| --- | --- | --- | --- |');
  for (const r of run.runs)
    lines.push(`| ${r.cell.id} | ${r.cell.language} | ${r.result.status} | ${r.result.durationMs} ms |`);
  for (const r of run.runs) {
    lines.push('', `## ${r.cell.id} — ${r.result.status}`, '');
    if (r.result.error) lines.push(`> ${run.mask(r.result.error)}`, '');
    lines.push(fenced(run.mask(r.cell.source), r.cell.language));
    const output = run.mask(r.stdout + r.stderr);
    if (output) {
      const shown =
        output.length > MAX_OUTPUT
          ? `… (first ${output.length - MAX_OUTPUT} characters cut)\n` + output.slice(-MAX_OUTPUT)
          : output;
      lines.push('', 'Output:', '', fenced(shown.replace(/\n$/, ''), 'text'));
    }
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function fenced(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
