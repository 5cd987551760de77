import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Draws a chart output's Vega-Lite spec to SVG with the real vega and vega-lite (as the
 * renderer bundles them), headless: proof that a spec compiles, draws, and what text it draws.
 */
export async function renderSvg(spec: Record<string, unknown>, width = 800): Promise<string> {
  // `width: container` needs a DOM; a fixed width draws the same marks.
  const { spec: compiled } = compile({ ...spec, width } as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Element names in an SVG or HTML string, and the names of any on* attributes. Attributes are
 * read with their quoted values, so text inside a value (an aria-label that quotes a hostile
 * label as text) is not mistaken for an attribute.
 */
export function markupOf(text: string): { tags: Set<string>; handlers: string[] } {
  const tags = new Set<string>();
  const handlers: string[] = [];
  for (const m of text.matchAll(/<\/?([A-Za-z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    tags.add(m[1].toLowerCase());
    for (const a of m[2].matchAll(/\s*([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      if (/^on/i.test(a[1])) handlers.push(a[1]);
    }
  }
  return { tags, handlers };
}
