/** Fence languages that make a top-level fenced block a runnable cell; other fences stay markdown. */
export const CELL_LANGUAGES: ReadonlySet<string> = new Set(['sh', 'bash', 'promql', 'logql', 'k6', 'vega-lite']);

export function isCellLanguage(language: string): boolean {
  return CELL_LANGUAGES.has(language);
}
