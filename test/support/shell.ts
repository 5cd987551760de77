import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabSession, type LabSessionOptions } from '../../src/kernels/session';
import { ShellExecutor } from '../../src/kernels/shell/shellExecutor';
import type { CellEvent, CellRequest, CellResult } from '../../src/kernels/types';

export function newSession(options: Partial<LabSessionOptions> = {}): LabSession {
  return new LabSession({ labDir: mkdtempSync(join(tmpdir(), 'illmlab-lab-')), baseEnv: process.env, ...options });
}

export function cell(source: string, attributes: CellRequest['attributes'] = {}, id = 'cell'): CellRequest {
  return { id, language: 'sh', source, attributes };
}

export interface Ran {
  result: CellResult;
  stdout: string;
  stderr: string;
  events: Array<CellEvent & { at: number }>;
}

/** Runs one cell through the real shell executor and collects what it produced, with timings. */
export async function runCell(
  session: LabSession,
  request: CellRequest,
  signal = new AbortController().signal,
): Promise<Ran> {
  const started = Date.now();
  const events: Ran['events'] = [];
  let stdout = '';
  let stderr = '';
  let result: CellResult | undefined;
  for await (const event of new ShellExecutor().execute(request, session, signal)) {
    events.push({ ...event, at: Date.now() - started });
    if (event.kind === 'stdout') stdout += event.text;
    if (event.kind === 'stderr') stderr += event.text;
    if (event.kind === 'end') result = event;
  }
  if (!result) throw new Error('no end event');
  return { result, stdout, stderr, events };
}

export function pidsIn(text: string): number[] {
  return [...text.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
}
