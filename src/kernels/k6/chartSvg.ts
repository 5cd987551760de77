/**
 * A Vega-Lite spec drawn to SVG in plain Node, no browser: vega-lite compiles it to Vega, and a
 * headless Vega view (renderer 'none') writes the SVG. Loaded on first use, so commands that
 * draw nothing do not load vega.
 */
export async function chartToSvg(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    // Files are read outside the notebook: a white background, whatever the theme.
    return await view.background('white').toSVG();
  } finally {
    view.finalize();
  }
}
