import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, stringify } from 'yaml';
import type { Problem } from '../../notebook/format';
import { lineAt } from './yamlLines';

/**
 * Runs `promtool check rules` (Prometheus' own checker) on the groups of every PrometheusRule
 * in a YAML file. Without promtool on PATH the rules are not checked, and that is said.
 */
export function checkPrometheusRules(path: string, promtool = 'promtool'): Problem[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), { lineCounter });
  const problems: Problem[] = [];
  for (const doc of docs) {
    const object = doc.errors.length === 0 ? (doc.toJS() as { kind?: string; metadata?: { name?: string }; spec?: unknown } | null) : null;
    if (object?.kind !== 'PrometheusRule') continue;
    const line = lineAt(doc, lineCounter, ['spec', 'groups']);
    const groups = ((object.spec as { groups?: Array<{ name?: string }> } | undefined)?.groups ?? []).map((g) => g.name);
    // promtool names the group and the 1-based rule: point at that rule in the manifest.
    const ruleLine = (message: string) => {
      const m = /group "([^"]+)", rule (\d+)/.exec(message);
      const g = m ? groups.indexOf(m[1]) : -1;
      return m && g >= 0 ? lineAt(doc, lineCounter, ['spec', 'groups', String(g), 'rules', String(Number(m[2]) - 1)]) : undefined;
    };
    const dir = mkdtempSync(join(tmpdir(), 'illmlab-rules-'));
    const file = join(dir, `${object.metadata?.name ?? 'rules'}.yaml`);
    writeFileSync(file, stringify(object.spec ?? {}));
    try {
      execFileSync(promtool, ['check', 'rules', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      if (err.code === 'ENOENT') {
        return [{ line, severity: 'warning', code: 'rules', message: 'promtool is not installed: alerting and recording rules not checked (Debian: apt-get install prometheus)' }];
      }
      const output = `${err.stdout ?? ''}${err.stderr ?? ''}`
        .split('\n')
        .filter((l) => l.includes(file) || /error|could not|FAILED/i.test(l))
        .map((l) => l.replace(`${file}: `, '').trim())
        .filter((l) => l && l !== 'FAILED:' && !l.startsWith('Checking '));
      for (const message of output.length > 0 ? output : ['promtool rejected the rules']) {
        problems.push({ line: ruleLine(message) ?? line, severity: 'error', code: 'rules', message: `PrometheusRule ${object.metadata?.name ?? ''}: ${message}` });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return problems;
}
