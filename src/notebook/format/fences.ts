import type { Fence } from './types';

const OPENING = /^( {0,3})(`{3,}|~{3,})([^]*)$/;

/** Reads an opening fence line that markdown-it has already recognised as one. */
export function readOpeningFence(line: string): Omit<Fence, 'closed'> {
  const m = OPENING.exec(line);
  if (!m) throw new Error(`not an opening fence: ${JSON.stringify(line)}`);
  return { indent: m[1].length, marker: m[2], info: m[3] };
}

/** Whether `line` closes a fence opened with `marker` (same character, at least as long). */
export function closesFence(line: string, marker: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1][0] === marker[0] && m[1].length >= marker.length;
}

/** The longest run of `char` at the start of any line (after up to 3 spaces) of `source`. */
function longestFenceRun(source: string, char: '`' | '~'): number {
  const re = char === '`' ? /^ {0,3}(`{3,})/gm : /^ {0,3}(~{3,})/gm;
  let max = 0;
  for (const m of source.matchAll(re)) max = Math.max(max, m[1].length);
  return max;
}

/**
 * A marker that no line of `source` can close: `preferred` when it is safe, else a longer one.
 * Backtick fences cannot carry a backtick in their info string, so those use tildes.
 */
export function safeMarker(source: string, info: string, preferred?: string): string {
  const char: '`' | '~' = info.includes('`') ? '~' : ((preferred?.[0] as '`' | '~' | undefined) ?? '`');
  const minimum = longestFenceRun(source, char) + 1;
  if (preferred && preferred[0] === char && preferred.length >= minimum) return preferred;
  return char.repeat(Math.max(3, minimum));
}
