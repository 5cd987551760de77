/**
 * Fence languages <-> VS Code language ids. Shell fences edit as `shellscript` and k6 scripts
 * as `javascript` so cells get the editor's own highlighting and completion; the fence keeps
 * the spelling it had (`sh` stays `sh`, `bash` stays `bash`).
 */
const TO_EDITOR: Record<string, string> = {
  sh: 'shellscript',
  bash: 'shellscript',
  promql: 'promql',
  logql: 'logql',
  k6: 'javascript',
  'vega-lite': 'json',
};

const FROM_EDITOR: Record<string, string> = {
  shellscript: 'sh',
  promql: 'promql',
  logql: 'logql',
  javascript: 'k6',
  json: 'vega-lite',
};

export function editorLanguage(fenceLanguage: string): string {
  return TO_EDITOR[fenceLanguage] ?? fenceLanguage;
}

/** The fence language for an editor language; `previous` wins while it still maps to the same id. */
export function fenceLanguage(editorLanguageId: string, previous?: string): string {
  if (previous !== undefined && editorLanguage(previous) === editorLanguageId) return previous;
  return FROM_EDITOR[editorLanguageId] ?? editorLanguageId;
}

/** Editor languages the ILLM Lab controller runs. */
export const EDITOR_CELL_LANGUAGES = [...new Set(Object.values(TO_EDITOR))];
