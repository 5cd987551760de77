/** What "New Lab" asks for; the rest of the lab is the shape LABS.md describes, as placeholders. */
export interface NewLab {
  id: string;
  title: string;
  phase: number;
  order: number;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** `lab-<id>` must stay a valid namespace name (63 characters at most). */
const MAX_ID = 63 - 'lab-'.length;

/** Why an id cannot be used, or undefined when it can. */
export function checkLabId(id: string, existing: ReadonlySet<string>): string | undefined {
  if (!SLUG.test(id)) return 'use lowercase letters, digits and dashes, like "rolling-update"';
  if (id.length > MAX_ID) return `at most ${MAX_ID} characters, so that its namespace lab-${id.slice(0, 8)}… stays valid`;
  if (existing.has(id)) return `a lab with id "${id}" already exists`;
  return undefined;
}

/** "07-database-migrations.illmlab" */
export function labFileName(order: number, id: string): string {
  return `${String(order).padStart(2, '0')}-${id}.illmlab`;
}

/** One past the highest NN- prefix among a phase folder's files (1 for an empty folder). */
export function nextOrder(fileNames: readonly string[]): number {
  const orders = fileNames.map((f) => Number(/^(\d+)-.*\.illmlab$/.exec(f)?.[1] ?? 0));
  return Math.max(0, ...orders) + 1;
}

/**
 * A new lab: front matter, title and intro, objectives, one example task with its id, a
 * preflight verify cell, a step, an observe query, a verify cell that ticks the example task,
 * a findings table and cleanup. Everything the lab creates lives in namespace lab-<id>.
 */
export function labTemplate(lab: NewLab): string {
  const ns = `lab-${lab.id}`;
  const title = /^[\w][\w .,&()/-]*$/.test(lab.title) ? lab.title : JSON.stringify(lab.title);
  return `---
id: ${lab.id}
title: ${title}
phase: ${lab.phase}
order: ${lab.order}
prerequisites: []
namespace: ${ns}
status: outline
---

# ${lab.title}

_Two or three sentences: what you will see in this lab, and why it matters at this point of the
curriculum._

## Objectives

- Understand what this lab is about

## Tasks

- [ ] Deploy the example workload <!-- task: deploy-example -->

## Preflight

Checks the tools and that the cluster answers, and says plainly what is missing.

\`\`\`sh {id=preflight timeout=30}
missing=""
for tool in kubectl; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -n "$missing" ]; then echo "missing tools:$missing"; exit 1; fi
kubectl version --request-timeout=5s >/dev/null || { echo "the cluster does not answer: task cluster:up"; exit 1; }
echo "ready"
\`\`\`

## Steps

### 1. The namespace

Everything this lab creates lives in \`${ns}\`, labelled so that cleanup and queries find it.

\`\`\`sh {id=namespace timeout=60}
kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -
kubectl label namespace ${ns} app.kubernetes.io/part-of=illmlab illmlab.dev/lab=${lab.id} --overwrite
\`\`\`

Look for \`namespace/${ns} labeled\`.

## Observe

\`\`\`promql {id=observe range=15m step=15s}
sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="${ns}"}[5m]))
\`\`\`

_One sentence on how to read the chart._

## Verify

\`\`\`sh {id=verify-deploy-example timeout=60 verifies=deploy-example}
kubectl get namespace ${ns} -o name
\`\`\`

## Findings

Fill in your own numbers.

| Question | Your answer |
|---|---|
| What did you measure? | |

## Cleanup

\`\`\`sh {id=cleanup timeout=300}
kubectl delete namespace ${ns} --ignore-not-found --wait=true
\`\`\`
`;
}
