import { buildCurriculum, readLab } from '../labs/curriculum';
import { checkDashboard } from '../labs/checks/dashboardCheck';
import { checkDashboardQuery } from '../labs/checks/queryCells';
import { checkLabReferences } from '../labs/checks/deepCheck';
import { checkManifest, isKubernetesManifest } from '../labs/checks/manifestCheck';
import { checkPrometheusRules } from '../labs/checks/promRules';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { findLabFiles } from '../labs/labFiles';
import { validateLab } from '../labs/validateLab';
import type { Problem } from '../notebook/format';
import type { CliIo } from './io';
import { readLabText } from './readLab';

interface FileReport {
  path: string;
  problems: Problem[];
}

/**
 * `illmlab validate [paths...] [--json]`. Plain output is `path:line:col: severity: message [code]`,
 * the shape compilers print, so terminals and VS Code problem matchers link it.
 * Exit 1 when any file has an error; warnings alone keep exit 0.
 */
export async function validateCommand(paths: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const files = findLabFiles(paths.length > 0 ? paths : ['labs']);
  const texts = new Map(files.map((path) => [path, readLabText(path)]));
  const referenced = new Set<string>();
  const reports: FileReport[] = files.map((path) => {
    const text = texts.get(path)!;
    const { doc, problems } = validateLab(text);
    const refs = checkLabReferences(path, doc);
    refs.files.forEach((f) => referenced.add(f));
    return { path, problems: [...problems, ...refs.problems] };
  });
  // The manifests, rules and dashboards the labs use, each checked once, reported under its own path.
  for (const file of [...referenced].sort()) {
    const problems = await checkMaterial(file);
    if (problems.length > 0) reports.push({ path: relative(process.cwd(), file) || file, problems });
  }
  // Checks across the labs given: ids unique, prerequisites known and free of cycles.
  const curriculum = buildCurriculum(files.map((path) => readLab(path, texts.get(path))));
  for (const p of curriculum.problems) {
    const { path, ...problem } = p;
    reports.find((r) => r.path === path)!.problems.push(problem);
  }
  for (const r of reports) r.problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));

  const errors = count(reports, 'error');
  const warnings = count(reports, 'warning');
  const exitCode = errors > 0 ? 1 : 0;
  if (json) {
    io.out(JSON.stringify({ files: reports }, null, 2) + '\n');
    return exitCode;
  }
  const lines = reports.flatMap((r) =>
    r.problems.map(
      (p) => `${r.path}:${p.line}${p.column ? `:${p.column}` : ''}: ${p.severity}: ${p.message} [${p.code}]`,
    ),
  );
  const checked = files.length + referenced.size;
  const summary = `${checked} ${checked === 1 ? 'file' : 'files'} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  io.out(lines.map((l) => l + '\n').join(''));
  io.err(summary + '\n');
  return exitCode;
}

async function checkMaterial(file: string): Promise<Problem[]> {
  if (/\.ya?ml$/.test(file)) {
    const text = readFileSync(file, 'utf8');
    if (!isKubernetesManifest(file, text)) return [];
    return [...(await checkManifest(file)), ...checkPrometheusRules(file)];
  }
  if (/\/dashboards\/[^/]+\.json$/.test(file)) return checkDashboard(file, checkDashboardQuery);
  return [];
}

function count(reports: FileReport[], severity: Problem['severity']): number {
  return reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === severity).length, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
