/**
 * A Vega config that makes charts look like the rest of VS Code: its colours come from the
 * CSS variables VS Code gives every notebook output webview (`--vscode-editor-foreground`,
 * `--vscode-charts-*`), its theme kind from `document.body.dataset.vscodeThemeKind`.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(body: HTMLElement = document.body): ThemeKind {
  switch (body.dataset.vscodeThemeKind) {
    case 'vscode-light':
      return 'light';
    case 'vscode-high-contrast':
      return 'high-contrast';
    case 'vscode-high-contrast-light':
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}

// VS Code's own defaults, for a webview that has not got the variables (or an old VS Code).
const FALLBACK: Record<ThemeKind, { fg: string; lines: string; bg: string }> = {
  dark: { fg: '#cccccc', lines: 'rgba(204, 204, 204, 0.5)', bg: '#1f1f1f' },
  light: { fg: '#3b3b3b', lines: 'rgba(97, 97, 97, 0.5)', bg: '#ffffff' },
  'high-contrast': { fg: '#ffffff', lines: '#ffffff', bg: '#000000' },
  'high-contrast-light': { fg: '#292929', lines: '#292929', bg: '#ffffff' },
};

const PALETTE = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
] as const;

export interface ChartTheme {
  kind: ThemeKind;
  foreground: string;
  /** The editor background: charts are drawn transparent, exports get this behind them. */
  background: string;
  config: Record<string, unknown>;
}

export function currentTheme(): ChartTheme {
  const kind = themeKind();
  const style = getComputedStyle(document.body);
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const fallback = FALLBACK[kind];
  const fg = css('--vscode-editor-foreground', css('--vscode-foreground', fallback.fg));
  const lines = css('--vscode-charts-lines', fallback.lines);
  const contrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const border = contrast ? css('--vscode-contrastBorder', fg) : lines;
  const font = css('--vscode-font-family', 'system-ui, sans-serif');
  const labels = { labelColor: fg, titleColor: fg, labelFont: font, titleFont: font };
  const category = PALETTE.map(([name, color]) => css(name, color));
  const config = {
    background: 'transparent',
    font,
    title: { color: fg, subtitleColor: fg, font },
    axis: {
      ...labels,
      domainColor: border,
      tickColor: border,
      gridColor: lines,
      gridOpacity: contrast ? 0.6 : 0.35,
      gridDash: contrast ? [2, 2] : [],
    },
    legend: { ...labels },
    header: { ...labels },
    view: { stroke: contrast ? border : 'transparent' },
    range: { category },
    // Single-series marks (VUs, requests/s) take the first chart colour, not Vega's own blue.
    mark: { color: category[0] },
    line: { strokeWidth: contrast ? 2.5 : 1.5 },
    area: { line: { strokeWidth: contrast ? 2.5 : 1.5 } },
  };
  return { kind, foreground: fg, background: css('--vscode-editor-background', fallback.bg), config };
}
