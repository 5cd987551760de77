import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Problem } from '../../notebook/format';
import { esmImport } from './esmImport';
import { lineAt } from './yamlLines';

/**
 * Where kubernetes-models keeps each API group's models. CRD groups come from @kubernetes-models/*;
 * a CRD group's kinds may be spread over packages (argoproj.io: Rollouts here; Workflows and CD
 * not), so a kind its package does not know is reported as not checked rather than as wrong.
 */
const MODEL_MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'rbac.authorization.k8s.io/v1': 'kubernetes-models/rbac.authorization.k8s.io/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  'monitoring.coreos.com/v1alpha1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1',
  'argoproj.io/v1alpha1': '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'autoscaling.k8s.io/v1': '@kubernetes-models/autoscaler/autoscaling.k8s.io/v1',
};

/** Files that are YAML but not Kubernetes objects: kustomize, kind, Helm values. */
export function isKubernetesManifest(path: string, text: string): boolean {
  if (/(^|\/)(kustomization\.ya?ml|values[\w.-]*\.ya?ml)$/.test(path) || /\/helm\//.test(path)) return false;
  return /^kind:\s*\S/m.test(text) && /^apiVersion:\s*\S/m.test(text) && !/^apiVersion:\s*(kind\.x-k8s\.io|kustomize\.config\.k8s\.io)\//m.test(text);
}

type ModelClass = new (data: unknown) => { validate(): void };

/**
 * Schema-checks every object in a Kubernetes YAML file with kubernetes-models (the Kubernetes
 * OpenAPI schemas) and the @kubernetes-models CRD packages. Errors point at the offending field.
 */
export async function checkManifest(path: string): Promise<Problem[]> {
  const text = readFileSync(path, 'utf8');
  const problems: Problem[] = [];
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    for (const err of doc.errors) {
      problems.push({ line: lineCounter.linePos(err.pos[0]).line, severity: 'error', code: 'manifest', message: `invalid YAML: ${err.message.split('\n')[0]}` });
    }
    if (doc.errors.length > 0 || !doc.contents) continue;
    const object = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string } } | null;
    if (!object || typeof object !== 'object') continue;
    const where = lineAt(doc, lineCounter, []);
    if (!object.apiVersion || !object.kind) {
      problems.push({ line: where, severity: 'error', code: 'manifest', message: 'a Kubernetes object needs apiVersion and kind' });
      continue;
    }
    const module = MODEL_MODULES[object.apiVersion];
    if (!module) {
      problems.push({ line: where, severity: 'warning', code: 'manifest', message: `no schema for ${object.apiVersion} ${object.kind}: not checked` });
      continue;
    }
    let Model: ModelClass | undefined;
    try {
      Model = ((await esmImport(module)) as Record<string, ModelClass>)[object.kind];
    } catch (e) {
      return [{ line: 1, severity: 'warning', code: 'manifest', message: `schemas not checked: ${module} could not be loaded (${(e as Error).message.split('\n')[0]})` }];
    }
    if (!Model && module.startsWith('@kubernetes-models/')) {
      problems.push({ line: where, severity: 'warning', code: 'manifest', message: `no schema for ${object.apiVersion} ${object.kind}: not checked` });
      continue;
    }
    if (!Model) {
      problems.push({ line: where, severity: 'error', code: 'manifest', message: `${object.apiVersion} has no kind "${object.kind}"` });
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      const errors = (e as { errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> }).errors ?? [];
      const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
      if (errors.length === 0) problems.push({ line: where, severity: 'error', code: 'manifest', message: `${name}: ${(e as Error).message}` });
      for (const err of errors.slice(0, 5)) {
        const steps = err.instancePath.split('/').slice(1);
        const extra = err.params?.additionalProperty ? ` ("${String(err.params.additionalProperty)}")` : '';
        problems.push({
          line: lineAt(doc, lineCounter, steps),
          severity: 'error',
          code: 'manifest',
          message: `${name}: ${steps.join('.') || 'object'} ${err.message ?? 'is invalid'}${extra}`,
        });
      }
    }
  }
  return problems;
}
