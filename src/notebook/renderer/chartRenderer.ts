import embed, { type EmbedOptions, type Result } from 'vega-embed';
import { loader } from 'vega';
import { exportButtons } from './chartExport';
import type { OutputItem, RendererApi, RendererContext } from './rendererApi';
import { reportingViewClass } from './reportingView';
import { currentTheme } from './vegaTheme';

/** The notebook renderer for application/vnd.illmlab.chart+json: Vega-Lite specs, data inline. */

interface Chart {
  element: HTMLElement;
  spec: Record<string, unknown>;
  name: string;
  embedded?: Result;
  /** Bumped by each draw: a slow draw that finishes after a newer one started is thrown away. */
  generation: number;
}

// Charts carry their data inline. A spec that asks for a URL gets an error, not a request:
// the renderer needs no network, and an output should not phone anywhere.
const noNetwork = loader();
noNetwork.sanitize = (uri: string) =>
  Promise.reject(new Error(`this chart asks for data from ${uri}; notebook charts carry their data inline`));

export function activate(_context: RendererContext): RendererApi & { liveViews(): string[] } {
  const charts = new Map<string, Chart>();

  const draw = async (id: string, chart: Chart) => {
    const generation = ++chart.generation;
    chart.embedded?.finalize(); // a view holds timers and listeners until finalized
    chart.embedded = undefined;
    const theme = currentTheme();
    const plot = document.createElement('div');
    plot.className = 'illmlab-chart';
    // Specs with width "container" size to this div: give it the output's width (and a floor,
    // for the moment before the output is laid out), or the chart collapses to a sliver.
    plot.style.width = '100%';
    plot.style.minWidth = '480px';
    const actions = exportButtons(
      () => chart.embedded?.view,
      chart.name,
      () => currentTheme().background,
    );
    const problems = document.createElement('div');
    problems.className = 'illmlab-chart-errors';
    problems.style.color = 'var(--vscode-errorForeground, #f14c4c)';
    chart.element.replaceChildren(actions, plot, problems);
    const report = (message: string) => {
      if (generation !== chart.generation) return;
      const line = document.createElement('div');
      line.textContent = `Could not draw all of this chart: ${message}`;
      problems.append(line);
    };
    const options: EmbedOptions = {
      actions: false,
      renderer: 'svg',
      config: theme.config as EmbedOptions['config'],
      loader: noNetwork,
      viewClass: reportingViewClass(report),
      ...(typeof chart.spec.$schema === 'string' ? {} : { mode: 'vega-lite' as const }),
    };
    try {
      const embedded = await embed(plot, chart.spec as never, options);
      if (generation !== chart.generation || charts.get(id) !== chart) {
        embedded.finalize();
        return;
      }
      chart.embedded = embedded;
    } catch (e) {
      if (generation !== chart.generation) return;
      plot.textContent = `Could not draw this chart: ${(e as Error).message}`;
      plot.style.color = 'var(--vscode-errorForeground, #f14c4c)';
      actions.remove();
    }
  };

  const dispose = (id: string) => {
    const chart = charts.get(id);
    if (!chart) return;
    chart.generation++;
    chart.embedded?.finalize();
    charts.delete(id);
  };

  // VS Code switches theme by changing the body's data attribute and the variables on <html>:
  // redraw every chart with the new colours (once per burst of changes).
  let pending: ReturnType<typeof setTimeout> | undefined;
  const retheme = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      for (const [id, chart] of charts) void draw(id, chart);
    }, 30);
  };
  const observer = new MutationObserver(retheme);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

  return {
    async renderOutputItem(item: OutputItem, element: HTMLElement) {
      let spec: unknown;
      try {
        spec = item.json();
      } catch (e) {
        element.textContent = `Could not read this chart: ${(e as Error).message}`;
        return;
      }
      if (typeof spec !== 'object' || spec === null) {
        element.textContent = 'Could not draw this chart: it is not a Vega-Lite spec (a JSON object).';
        return;
      }
      const previous = charts.get(item.id);
      if (previous) previous.embedded?.finalize();
      const chart: Chart = {
        element,
        spec: spec as Record<string, unknown>,
        name: chartName(spec as Record<string, unknown>),
        generation: previous?.generation ?? 0,
      };
      if (previous) previous.embedded = undefined;
      charts.set(item.id, chart);
      await draw(item.id, chart);
    },

    disposeOutputItem(id?: string) {
      if (id === undefined) for (const key of [...charts.keys()]) dispose(key);
      else dispose(id);
    },

    /** The ids of the outputs that hold a live Vega view (for tests and the developer tools). */
    liveViews() {
      return [...charts].filter(([, c]) => c.embedded !== undefined).map(([id]) => id);
    },
  };
}

function chartName(spec: Record<string, unknown>): string {
  const title = spec.title;
  const text = typeof title === 'string' ? title : (title as { text?: unknown } | undefined)?.text;
  const slug = typeof text === 'string' ? text.toLowerCase().replace(/[^a-z0-9]+/g, '-') : '';
  return slug.replace(/^-+|-+$/g, '').slice(0, 60) || 'chart';
}
