import type { TableValue } from '../types';

/** HTML-escapes text from a cluster (labels, log lines) before it is placed in markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function show(value: TableValue): string {
  return value === null ? '' : String(value);
}

/** A table as HTML; every header and value is escaped, so cluster data cannot inject markup. */
export function tableHtml(table: { columns: string[]; rows: TableValue[][]; title?: string; note?: string }): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((v) => `<td>${escapeHtml(show(v))}</td>`).join('')}</tr>`)
    .join('');
  const caption = table.title ? `<caption>${escapeHtml(table.title)}</caption>` : '';
  const note = table.note ? `<p><em>${escapeHtml(table.note)}</em></p>` : '';
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}

/** A table as aligned plain text, for terminals and the notebook's text fallback. */
export function tableText(table: { columns: string[]; rows: TableValue[][]; title?: string; note?: string }): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(show))];
  const widths = table.columns.map((_, i) => Math.min(80, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r
      .map((v, i) => (v ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [
    line(table.columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.rows.map((r) => line(r.map(show))),
  ];
  if (table.title) out.unshift(table.title);
  if (table.note) out.push(table.note);
  return out.join('\n') + '\n';
}
