/** What the export buttons need of a Vega view. */
export interface ExportableView {
  background(color?: string): unknown;
  toSVG(): Promise<string>;
  toImageURL(type: 'png', scaleFactor?: number): Promise<string>;
}

/**
 * "SVG" and "PNG" buttons that save the chart. The files are data URLs clicked through an
 * `<a download>` in the document: VS Code's output webview turns such a click into a Save
 * dialog, a browser into a download. Exports get the editor background behind them, since the
 * drawn chart is transparent over the notebook.
 */
export function exportButtons(view: () => ExportableView | undefined, name: string, background: () => string) {
  const bar = document.createElement('div');
  bar.className = 'illmlab-chart-actions';
  bar.style.cssText = 'display:flex;gap:4px;justify-content:flex-end;font-size:11px;';
  for (const type of ['svg', 'png'] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = type.toUpperCase();
    button.title = `Save the chart as ${type.toUpperCase()}`;
    button.dataset.export = type;
    button.style.cssText =
      'font-family:var(--vscode-font-family,system-ui,sans-serif);font-size:11px;padding:1px 6px;cursor:pointer;' +
      'color:var(--vscode-button-secondaryForeground,var(--vscode-editor-foreground,inherit));' +
      'background:var(--vscode-button-secondaryBackground,transparent);' +
      'border:1px solid var(--vscode-contrastBorder,var(--vscode-widget-border,transparent));border-radius:2px;';
    button.addEventListener('click', () => {
      const v = view();
      if (v) void save(v, type, name, background());
    });
    bar.append(button);
  }
  return bar;
}

async function save(view: ExportableView, type: 'svg' | 'png', name: string, background: string): Promise<void> {
  view.background(background);
  let url: string;
  try {
    url =
      type === 'svg'
        ? 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(await view.toSVG())
        : await view.toImageURL('png', 2);
  } finally {
    view.background('transparent');
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.${type}`;
  // In the document, so the webview's click handler sees it.
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}
