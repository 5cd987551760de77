import { readFileSync } from 'node:fs';
import { decodeLab } from '../notebook/format';
import { UsageError } from './usage';

/** Reads a lab file as text the way the notebook does (UTF-8, else Latin-1, BOM kept). */
export function readLabText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? String(e)}`);
  }
  return decodeLab(bytes).text;
}
