import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { buildCurriculum, labState, nextLab, readLab, type Curriculum, type Lab, type LabState } from './curriculum';
import { findLabFiles } from './labFiles';
import { findTasks, setTaskDone, type LabTask } from './tasks';
import { decodeLab, encodeLab, parseLab } from '../notebook/format';

/**
 * The Lab Progress tree as plain data: what each row says and where it points. The VS Code
 * adapter (src/extension/labProgressTree.ts) only turns these into TreeItems.
 */
export interface ProgressNode {
  /** Stable across refreshes, so VS Code keeps expansion and selection: "lab:prometheus-tutorial". */
  key: string;
  kind: 'phase' | 'lab' | 'task' | 'problems' | 'problem';
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id. Tasks have none: their checkbox is the icon. */
  icon?: string;
  /** A theme color id for the icon. */
  iconColor?: string;
  /** Tasks only: the checkbox. */
  checked?: boolean;
  expanded: boolean;
  children: ProgressNode[];
  /** Lab, task and problem rows: the file they open (as given to the model: absolute when the labs folder is). */
  path?: string;
  labId?: string;
  taskId?: string;
  /** Task and problem rows: the 1-based file line. */
  line?: number;
}

const STATE_ICON: Record<LabState, { icon: string; color?: string; words: string }> = {
  'not-started': { icon: 'circle-large-outline', words: 'Not started' },
  'in-progress': { icon: 'pie-chart', color: 'charts.yellow', words: 'In progress' },
  done: { icon: 'pass-filled', color: 'testing.iconPassed', words: 'Done' },
  locked: { icon: 'lock', color: 'disabledForeground', words: 'Locked' },
};

const OUTLINE_NOTE = 'Outline: the curriculum’s tasks are here, the runnable steps are still to be written.';

/** The rows of the view. `base` (the workspace folder) shortens the paths shown in tooltips. */
export function progressTree(curriculum: Curriculum, base?: string): ProgressNode[] {
  const show = (path: string) => (base ? relative(base, path) || path : path);
  const next = nextLab(curriculum);
  const problemsOf = (lab: Lab) => curriculum.problems.filter((p) => p.path === lab.path);
  const phases = curriculum.phases.map((phase): ProgressNode => {
    const done = phase.total > 0 && phase.done === phase.total;
    return {
      key: `phase:${phase.phase}`,
      kind: 'phase',
      label: `Phase ${phase.phase}: ${phase.title}`,
      description: `${phase.done}/${phase.total}`,
      tooltip: `Phase ${phase.phase}: ${phase.title}\n${plural(phase.labs.length, 'lab')}, ${phase.done} of ${plural(phase.total, 'task')} done`,
      icon: done ? 'pass-filled' : 'milestone',
      ...(done ? { iconColor: 'testing.iconPassed' } : {}),
      expanded: phase.labs.includes(next as Lab),
      children: phase.labs.map((lab) => labNode(lab, curriculum, lab === next, problemsOf(lab), show)),
    };
  });
  return curriculum.problems.length > 0 ? [problemsNode(curriculum, show), ...phases] : phases;
}

function labNode(
  lab: Lab,
  curriculum: Curriculum,
  isNext: boolean,
  problems: Curriculum['problems'],
  show: (path: string) => string,
): ProgressNode {
  const state = labState(lab, curriculum);
  const look = STATE_ICON[state];
  const blockers = lab.prerequisites
    .map((id) => curriculum.labs.get(id))
    .filter((pre): pre is Lab => pre !== undefined && pre.done < pre.total);
  const description = [
    `${lab.done}/${lab.total}`,
    ...(lab.status === 'outline' ? ['outline'] : []),
    ...(isNext ? ['next'] : []),
    ...(problems.length > 0 ? [plural(problems.length, 'problem')] : []),
  ].join(' · ');
  const tooltip = [
    lab.title,
    `${lab.id} — ${show(lab.path)}`,
    `${look.words}: ${lab.done} of ${plural(lab.total, 'task')} done`,
    ...(blockers.length > 0 ? [`Finish first: ${blockers.map((b) => `${b.id} (${b.done}/${b.total})`).join(', ')}`] : []),
    ...(lab.status === 'outline' ? [OUTLINE_NOTE] : []),
    ...problems.map((p) => `⚠ line ${p.line}: ${p.message}`),
  ].join('\n');
  return {
    key: `lab:${lab.id}`,
    kind: 'lab',
    label: lab.title,
    description,
    tooltip,
    // A problem (a prerequisite cycle keeps a lab locked for good) matters more than the state.
    icon: problems.length > 0 ? 'warning' : look.icon,
    ...(problems.length > 0
      ? { iconColor: 'problemsWarningIcon.foreground' }
      : look.color
        ? { iconColor: look.color }
        : {}),
    expanded: false,
    children: taskNodes(lab, show),
    path: lab.path,
    labId: lab.id,
  };
}

/** Nested list items become nested rows; depth comes from the file's indentation. */
function taskNodes(lab: Lab, show: (path: string) => string): ProgressNode[] {
  const roots: ProgressNode[] = [];
  const stack: Array<{ depth: number; node: ProgressNode }> = [];
  for (const task of lab.tasks) {
    const node = taskNode(lab, task, show);
    while (stack.length > 0 && stack[stack.length - 1].depth >= task.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.node.children.push(node);
      parent.node.expanded = true;
    } else {
      roots.push(node);
    }
    stack.push({ depth: task.depth, node });
  }
  return roots;
}

function taskNode(lab: Lab, task: LabTask, show: (path: string) => string): ProgressNode {
  return {
    key: `task:${lab.id}:${task.id}`,
    kind: 'task',
    label: plainText(task.text) || '(empty task)',
    description: '',
    tooltip: [
      task.text,
      task.explicitId ? `task: ${task.id}` : `task: ${task.id} (derived from the text: no <!-- task: … --> comment)`,
      `${show(lab.path)}:${task.line}`,
    ].join('\n'),
    checked: task.done,
    expanded: false,
    children: [],
    path: lab.path,
    labId: lab.id,
    taskId: task.id,
    line: task.line,
  };
}

function problemsNode(curriculum: Curriculum, show: (path: string) => string): ProgressNode {
  return {
    key: 'problems',
    kind: 'problems',
    label: 'Curriculum problems',
    description: String(curriculum.problems.length),
    tooltip: 'Lab ids and prerequisites that do not fit together; `illmlab validate` reports the same.',
    icon: 'warning',
    iconColor: 'problemsWarningIcon.foreground',
    expanded: true,
    children: curriculum.problems.map((p, i) => ({
      key: `problem:${i}:${p.path}:${p.line}`,
      kind: 'problem',
      label: p.message,
      description: `${show(p.path)}:${p.line}`,
      tooltip: `${show(p.path)}:${p.line}: ${p.message} [${p.code}]`,
      icon: p.severity === 'error' ? 'error' : 'warning',
      expanded: false,
      children: [],
      path: p.path,
      line: p.line,
    })),
  };
}

/** A tree label is plain text: drop the inline markdown a task line may carry. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The curriculum as the editor sees it: a lab open in a notebook counts with its unsaved text,
 * so the tree follows edits before they are saved. Keys of `openTexts` are absolute paths.
 */
export function loadCurriculumWith(labsDir: string, openTexts: ReadonlyMap<string, string>): Curriculum {
  const labs = findLabFiles([labsDir]).map((path) => {
    const open = openTexts.get(resolve(path));
    return open === undefined ? readLab(path) : readLab(path, open);
  });
  return buildCurriculum(labs);
}

/** Where a task's checkbox is, in notebook terms: the cell (by index), the line in it, the column of the box. */
export interface CheckboxPosition {
  cellIndex: number;
  line: number;
  character: number;
  done: boolean;
}

/**
 * Finds a task's checkbox in a lab's text. The notebook's cells are the format's cells in the
 * same order, and a markdown cell's text is its file lines, so the file line maps to a cell line.
 */
export function checkboxPosition(text: string, taskId: string): CheckboxPosition | undefined {
  const task = findTasks(text).find((t) => t.id === taskId);
  if (!task) return undefined;
  const cells = parseLab(text).cells;
  let cellIndex = -1;
  for (let i = 0; i < cells.length && cells[i].line <= task.line; i++) cellIndex = i;
  if (cellIndex < 0 || cells[cellIndex].kind !== 'markdown') return undefined;
  const line = task.line - cells[cellIndex].line;
  const lineText = cells[cellIndex].source.split('\n')[line] ?? '';
  const open = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[/.exec(lineText);
  if (!open) return undefined;
  return { cellIndex, line, character: open[0].length, done: task.done };
}

/**
 * Ticks or unticks one task in a lab file on disk: only that line's checkbox byte changes, and
 * the file keeps its encoding. "missing": the task is not (or no longer) in the file.
 */
export function setTaskDoneInFile(path: string, taskId: string, done: boolean): 'changed' | 'unchanged' | 'missing' {
  const { text, encoding } = decodeLab(readFileSync(path));
  const next = setTaskDone(text, taskId, done);
  if (next === undefined) return 'missing';
  if (next === text) return 'unchanged';
  // Written beside and renamed over: a watcher or a reader never sees a half-written lab.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, encodeLab(next, encoding), { mode: statSync(path).mode });
  renameSync(temp, path);
  return 'changed';
}
