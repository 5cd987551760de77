import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { labState, loadCurriculum, progressJson, type LabState } from '../labs/curriculum';
import type { CliIo } from './io';
import { UsageError } from './usage';

const MARK: Record<LabState, string> = { done: '✔', 'in-progress': '◐', 'not-started': '○', locked: '⊘' };

/** `illmlab progress [labs-dir] [--json]`: the curriculum's checkboxes, counted. */
export function progressCommand(labsDir: string, json: boolean, io: CliIo): number {
  if (!existsSync(labsDir)) throw new UsageError(`no such folder: ${labsDir}`);
  const curriculum = loadCurriculum(labsDir);
  if (json) {
    io.out(JSON.stringify(progressJson(curriculum, dirname(resolve(labsDir))), null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  let done = 0;
  let total = 0;
  for (const phase of curriculum.phases) {
    lines.push(`Phase ${phase.phase}: ${phase.title}  ${bar(phase.done, phase.total)} ${phase.done}/${phase.total}`);
    for (const lab of phase.labs) {
      const outline = lab.status === 'outline' ? '  (outline)' : '';
      lines.push(
        `  ${MARK[labState(lab, curriculum)]} ${lab.title.padEnd(58).slice(0, 58)} ${bar(lab.done, lab.total)} ${lab.done}/${lab.total}${outline}`,
      );
    }
    done += phase.done;
    total += phase.total;
  }
  lines.push('', `${curriculum.phases.length} phases, ${curriculum.labs.size} labs, ${done}/${total} tasks done`);
  io.out(lines.join('\n') + '\n');
  return 0;
}

function bar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
