import { parseLab } from '../notebook/format';

/** A task-list item of a lab: `- [ ] Deploy the app <!-- task: deploy-app -->`. */
export interface LabTask {
  id: string;
  /** The item's text, without the checkbox and the id comment. */
  text: string;
  done: boolean;
  /** 1-based file line. */
  line: number;
  /** Nesting depth (0 for a top-level item), from the indentation. */
  depth: number;
  /** Whether the id was written in the file (else derived from the text). */
  explicitId: boolean;
}

const TASK = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\](?:[ \t]+(.*?))?[ \t]*$/;
const ID_COMMENT = /[ \t]*<!--\s*task:\s*([A-Za-z0-9][\w.-]*)\s*-->$/;

/**
 * The tasks of a lab, in file order. Only markdown counts: a task-like line inside a code
 * cell is code. An item without an id comment gets one from its text (lowercased, dashes),
 * made unique with -2, -3 ...
 */
export function findTasks(text: string): LabTask[] {
  const tasks: LabTask[] = [];
  const used = new Set<string>();
  for (const cell of parseLab(text).cells) {
    if (cell.kind !== 'markdown') continue;
    const lines = cell.source.split('\n');
    const indents: number[] = [];
    lines.forEach((lineText, i) => {
      const m = TASK.exec(lineText);
      if (!m) return;
      const indent = m[1].replace(/\t/g, '    ').length;
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      const depth = indents.length;
      indents.push(indent);
      const body = m[3] ?? '';
      const idMatch = ID_COMMENT.exec(body);
      const itemText = (idMatch ? body.slice(0, idMatch.index) : body).trim();
      let id = idMatch?.[1] ?? slug(itemText);
      if (!idMatch) for (let n = 2; used.has(id); n++) id = `${slug(itemText)}-${n}`;
      used.add(id);
      tasks.push({ id, text: itemText, done: m[2] !== ' ', line: cell.line + i, depth, explicitId: idMatch !== null });
    });
  }
  return tasks;
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/<[^>]*>|`|\*|_|\[|\]|\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return s || 'task';
}

/**
 * The lab text with one task ticked or unticked: only the checkbox character of that task's
 * line changes, every other byte stays. Returns undefined when the task does not exist.
 */
export function setTaskDone(text: string, taskId: string, done: boolean): string | undefined {
  const task = findTasks(text).find((t) => t.id === taskId);
  if (!task) return undefined;
  if (task.done === done) return text;
  const lineStart = nthLineOffset(text, task.line);
  const open = text.indexOf('[', lineStart);
  return text.slice(0, open + 1) + (done ? 'x' : ' ') + text.slice(open + 2);
}

/** Offset where 1-based line `n` starts, counting \r\n, \r and \n as the format does. */
function nthLineOffset(text: string, n: number): number {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let i = bom;
  while (line < n && i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
    }
    i++;
  }
  return i;
}
