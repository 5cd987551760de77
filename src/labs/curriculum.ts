import { readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { findLabFiles } from './labFiles';
import { decodeLab, parseLab, type Problem } from '../notebook/format';
import { findTasks, type LabTask } from './tasks';

/** One lab of the curriculum, as its file says. */
export interface Lab {
  id: string;
  title: string;
  /** Path relative to the labs folder's parent (as given), e.g. labs/02-observability/01-x.illmlab. */
  path: string;
  phase: number;
  order: number;
  prerequisites: string[];
  /** The file line that names each prerequisite, so problems point at it. */
  prerequisiteLines: Record<string, number>;
  status: 'outline' | 'ready';
  tasks: LabTask[];
  done: number;
  total: number;
}

export interface Phase {
  phase: number;
  title: string;
  labs: Lab[];
  done: number;
  total: number;
}

export interface Curriculum {
  phases: Phase[];
  labs: Map<string, Lab>;
  /** Problems that concern more than one file: ids, prerequisites. */
  problems: Array<Problem & { path: string }>;
}

/**
 * Reads every lab under `labsDir`. A lab without usable front matter still appears (its id from
 * the file name), so the tree never hides a file; validate says what is wrong with it.
 */
export function loadCurriculum(labsDir: string): Curriculum {
  const labs: Lab[] = findLabFiles([labsDir]).map((path) => readLab(path));
  return buildCurriculum(labs);
}

export function readLab(path: string, text = decodeLab(readFileSync(path)).text): Lab {
  const doc = parseLab(text);
  const fm = doc.frontMatter?.data ?? {};
  const tasks = findTasks(text);
  const prerequisites = Array.isArray(fm.prerequisites) ? fm.prerequisites.filter((p): p is string => typeof p === 'string') : [];
  const frontLines = (doc.frontMatter?.raw ?? '').split(/\r\n|\r|\n/);
  // The first front-matter line from `prerequisites:` on that names the id as a whole word.
  const from = Math.max(0, frontLines.findIndex((l) => /^prerequisites\s*:/.test(l)));
  const lineOf = (id: string) => {
    const word = new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
    const i = frontLines.findIndex((l, n) => n >= from && word.test(l));
    return i >= 0 ? i + 1 : 1;
  };

  const folder = basename(dirname(path));
  const phaseFromFolder = Number(/^(\d+)-/.exec(folder)?.[1] ?? NaN);
  const orderFromFile = Number(/^(\d+)-/.exec(basename(path))?.[1] ?? NaN);
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.isFinite(fallback) ? fallback : 0);
  return {
    id: typeof fm.id === 'string' ? fm.id : basename(path, '.illmlab').replace(/^\d+-/, ''),
    title: typeof fm.title === 'string' ? fm.title : basename(path, '.illmlab'),
    path,
    phase: num(fm.phase, phaseFromFolder),
    order: num(fm.order, orderFromFile),
    prerequisites,
    prerequisiteLines: Object.fromEntries(prerequisites.map((p) => [p, lineOf(p)])),
    status: fm.status === 'outline' ? 'outline' : 'ready',
    tasks,
    done: tasks.filter((t) => t.done).length,
    total: tasks.length,
  };
}

export function buildCurriculum(labs: Lab[]): Curriculum {
  const problems: Curriculum['problems'] = [];
  const byId = new Map<string, Lab>();
  for (const lab of labs) {
    const other = byId.get(lab.id);
    if (other) {
      problems.push({ path: lab.path, line: 2, severity: 'error', code: 'duplicate-id', message: `lab id "${lab.id}" is also the id of ${other.path}` });
    } else {
      byId.set(lab.id, lab);
    }
  }
  for (const lab of labs) {
    for (const p of lab.prerequisites) {
      if (!byId.has(p)) {
        problems.push({
          path: lab.path,
          line: lab.prerequisiteLines[p] ?? 1,
          severity: 'error',
          code: 'prerequisites',
          message: `prerequisite "${p}" is not a lab of this curriculum`,
        });
      }
    }
  }
  for (const cycle of findCycles(byId)) {
    const lab = byId.get(cycle[0])!;
    problems.push({ path: lab.path, line: lab.prerequisiteLines[cycle[1] ?? cycle[0]] ?? 1, severity: 'error', code: 'prerequisites', message: `prerequisites go in a circle: ${[...cycle, cycle[0]].join(' -> ')}` });
  }

  const phases = new Map<number, Phase>();
  for (const lab of [...byId.values()].sort((a, b) => a.phase - b.phase || a.order - b.order || a.id.localeCompare(b.id))) {
    const phase = phases.get(lab.phase) ?? { phase: lab.phase, title: phaseTitle(lab.path, lab.phase), labs: [], done: 0, total: 0 };
    phase.labs.push(lab);
    phase.done += lab.done;
    phase.total += lab.total;
    phases.set(lab.phase, phase);
  }
  return { phases: [...phases.values()], labs: byId, problems };
}

/** "02-observability" -> "Observability": the folder names the phase (LABS.md). */
function phaseTitle(path: string, phase: number): string {
  const folder = basename(dirname(path));
  const words = folder.replace(/^\d+-/, '').split('-').filter(Boolean);
  if (words.length === 0 || folder === '.') return `Phase ${phase}`;
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** Every cycle of the prerequisite graph, each once, as the ids along it. */
function findCycles(labs: Map<string, Lab>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of labs.get(id)?.prerequisites ?? []) {
      if (!labs.has(next)) continue;
      if (state.get(next) === 'visiting') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of labs.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

export type LabState = 'not-started' | 'in-progress' | 'done' | 'locked';

/** Locked while a prerequisite is unfinished; a lab with no tasks counts as done. */
export function labState(lab: Lab, curriculum: Curriculum): LabState {
  if (lab.total > 0 && lab.done === lab.total) return 'done';
  const blocked = lab.prerequisites.some((p) => {
    const pre = curriculum.labs.get(p);
    return pre !== undefined && pre.done < pre.total;
  });
  if (blocked) return 'locked';
  return lab.done > 0 ? 'in-progress' : 'not-started';
}

/** The first lab, in curriculum order, that is unlocked and unfinished. */
export function nextLab(curriculum: Curriculum): Lab | undefined {
  for (const phase of curriculum.phases) {
    for (const lab of phase.labs) {
      const s = labState(lab, curriculum);
      if (s === 'not-started' || s === 'in-progress') return lab;
    }
  }
  return undefined;
}

/** The progress JSON of DESIGN.md's CLI contract (plus status and state, which it allows). */
export function progressJson(curriculum: Curriculum, base: string) {
  return {
    phases: curriculum.phases.map((p) => ({
      phase: p.phase,
      title: p.title,
      done: p.done,
      total: p.total,
      labs: p.labs.map((lab) => ({
        id: lab.id,
        title: lab.title,
        path: relative(base, lab.path) || lab.path,
        done: lab.done,
        total: lab.total,
        status: lab.status,
        state: labState(lab, curriculum),
        tasks: lab.tasks.map((t) => ({ id: t.id, text: t.text, done: t.done })),
      })),
    })),
  };
}
