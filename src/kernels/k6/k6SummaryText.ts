import { humanizeValue, textWidth } from './k6Humanize';
import type { CheckCount, K6Metrics } from './k6Metrics';
import type { K6MetricSummary, K6Report } from './k6Summary';

/** The trend columns k6 prints by default (its summaryTrendStats). */
export const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'] as const;

const PASS = '✓';
const FAIL = '✗';

/**
 * The end-of-test text k6 prints (checks by group, then one line per metric with dotted
 * names and aligned columns), from a report and the metrics it came from.
 */
export function k6SummaryText(report: K6Report, metrics: K6Metrics): string {
  return ['', ...checkLines(metrics), ...metricLines(report, metrics)].join('\n') + '\n';
}

interface Group {
  name: string;
  checks: CheckCount[];
  groups: Map<string, Group>;
}

function checkLines(metrics: K6Metrics): string[] {
  const root: Group = { name: '', checks: [], groups: new Map() };
  const groupAt = (path: string): Group => {
    let group = root;
    for (const name of path.split('::').slice(1)) {
      let next = group.groups.get(name);
      if (!next) group.groups.set(name, (next = { name, checks: [], groups: new Map() }));
      group = next;
    }
    return group;
  };
  for (const path of metrics.groups) groupAt(path);
  for (const check of metrics.checks.values()) groupAt(check.group).checks.push(check);
  return groupLines('     ', root);
}

function groupLines(indent: string, group: Group): string[] {
  const lines: string[] = [];
  if (group.name !== '') {
    lines.push(`${indent}█ ${group.name}`, '');
    indent += '  ';
  }
  for (const c of group.checks) {
    if (c.fails === 0) lines.push(`${indent}${PASS} ${c.name}`);
    else {
      const percent = Math.floor((100 * c.passes) / (c.passes + c.fails));
      lines.push(`${indent}${FAIL} ${c.name}`, `${indent} ↳  ${percent}% — ${PASS} ${c.passes} / ${FAIL} ${c.fails}`);
    }
  }
  if (group.checks.length > 0) lines.push('');
  for (const child of group.groups.values()) lines.push(...groupLines(indent, child));
  return lines;
}

function metricLines(report: K6Report, metrics: K6Metrics): string[] {
  const entries = Object.entries(report.summary.metrics).map(([name, m]) => {
    const contains = metrics.metrics.get(name)?.definition.contains ?? 'default';
    const sub = name.indexOf('{');
    return {
      name,
      m,
      indent: sub >= 0 ? '  ' : '',
      label: sub >= 0 ? `{ ${name.slice(sub + 1, -1)} }` : name,
      columns: columnsOf(m, contains),
    };
  });
  const nameWidth = Math.max(0, ...entries.map((e) => textWidth(e.indent + e.label)));
  const trendWidths = TREND_STATS.map((_, i) =>
    Math.max(0, ...entries.filter((e) => e.m.type === 'trend').map((e) => textWidth(e.columns[i]))),
  );
  const others = entries.filter((e) => e.m.type !== 'trend');
  const valueWidth = Math.max(0, ...others.map((e) => textWidth(e.columns[0])));
  const extraWidths = [1, 2].map((i) => Math.max(0, ...others.map((e) => textWidth(e.columns[i] ?? ''))));

  return entries.map((e) => {
    const verdicts = report.summary.thresholds[e.name];
    const mark = !verdicts ? ' ' : Object.values(verdicts).every(Boolean) ? PASS : FAIL;
    const dots = '.'.repeat(nameWidth - textWidth(e.label) - textWidth(e.indent) + 3);
    let data: string;
    if (e.m.type === 'trend') {
      data = TREND_STATS.map((s, i) => `${s}=${pad(e.columns[i], trendWidths[i])}`).join(' ');
    } else {
      const [value, ...extras] = e.columns;
      data = pad(value, valueWidth);
      if (extras.length === 1) data += ' ' + extras[0];
      else if (extras.length > 1) data += ' ' + extras.map((x, i) => pad(x, extraWidths[i])).join(' ');
    }
    return `   ${e.indent}${mark} ${e.label}${dots}: ${data}`;
  });
}

function columnsOf(m: K6MetricSummary, contains: string): string[] {
  const h = (v: number | undefined) => humanizeValue(v ?? 0, m.type, contains);
  switch (m.type) {
    case 'trend':
      return TREND_STATS.map((s) => h(m[s]));
    case 'counter':
      return [h(m.count), h(m.rate) + '/s'];
    case 'gauge':
      return [h(m.value), `min=${h(m.min)}`, `max=${h(m.max)}`];
    case 'rate':
      return [h(m.rate), `${PASS} ${m.passes}`, `${FAIL} ${m.fails}`];
  }
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}
