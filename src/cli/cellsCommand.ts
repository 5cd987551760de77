import { parseLab } from '../notebook/format';
import { readLabText } from './readLab';
import type { CliIo } from './io';

/** `illmlab cells <lab> [--json]`: the cells as DESIGN.md's CLI contract lists them. */
export function cellsCommand(path: string, json: boolean, io: CliIo): number {
  const doc = parseLab(readLabText(path));
  const cells = doc.cells.map((cell, index) => ({
    index,
    kind: cell.kind,
    language: cell.language,
    id: cell.id,
    attributes: cell.attributes,
    source: cell.source,
    line: cell.line,
  }));
  if (json) {
    io.out(JSON.stringify(cells, null, 2) + '\n');
    return 0;
  }
  const rows = cells.map((c) => {
    const firstLine = c.source.split('\n')[0];
    const preview = firstLine.length > 60 ? firstLine.slice(0, 59) + '…' : firstLine;
    return `${String(c.line).padStart(5)}  ${c.language.padEnd(9)} ${c.id.padEnd(24)} ${preview}`;
  });
  io.out([' line  language  id                       first line', ...rows].join('\n') + '\n');
  return 0;
}
