import { readFileSync } from 'node:fs';
import type { Problem } from '../../notebook/format';

interface Panel {
  title?: string;
  type?: string;
  /** Prometheus and Loki targets carry `expr`; Tempo carries `query` (TraceQL) or `queryType`. */
  targets?: Array<{ expr?: string; query?: string; queryType?: string }>;
  panels?: Panel[];
}

/** A Grafana dashboard: valid JSON, with titled panels whose query targets are not empty. */
export function checkDashboard(path: string, checkQuery?: (expr: string) => string | undefined): Problem[] {
  const text = readFileSync(path, 'utf8');
  let dashboard: { title?: string; panels?: Panel[] };
  try {
    dashboard = JSON.parse(text) as typeof dashboard;
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    return [{ line, severity: 'error', code: 'dashboard', message: `not valid JSON: ${(e as Error).message}` }];
  }
  const problems: Problem[] = [];
  const lineOf = (needle: string) => Math.max(1, text.split('\n').findIndex((l) => l.includes(needle)) + 1);
  if (!dashboard.title) problems.push({ line: 1, severity: 'error', code: 'dashboard', message: 'the dashboard has no title' });
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
  if (panels.length === 0) problems.push({ line: 1, severity: 'error', code: 'dashboard', message: 'the dashboard has no panels' });
  for (const panel of panels) {
    const name = panel.title ? `panel "${panel.title}"` : `a ${panel.type ?? ''} panel`;
    if (!panel.title) problems.push({ line: 1, severity: 'warning', code: 'dashboard', message: `${name} has no title` });
    if (panel.type === 'text' || panel.type === 'dashlist' || panel.type === 'news') continue;
    const targets = panel.targets ?? [];
    if (targets.length === 0 || targets.every((t) => !t.expr && !t.query && !t.queryType)) {
      problems.push({ line: lineOf(`"${panel.title}"`), severity: 'error', code: 'dashboard', message: `${name} has no query` });
    }
    for (const t of targets) {
      const fault = t.expr && checkQuery?.(t.expr);
      if (fault) problems.push({ line: lineOf(t.expr!.slice(0, 40)), severity: 'error', code: 'dashboard', message: `${name}: ${fault}` });
    }
  }
  return problems;
}
