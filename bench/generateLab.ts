/** A synthetic lab of `cells` cells, shaped like the real ones: prose, task lists, fenced cells. */
export function generateLab(cells: number): string {
  const parts: string[] = ['---', 'id: bench-lab', 'title: Benchmark lab', 'phase: 2', 'order: 1', '---', ''];
  for (let i = 0; i < cells; i++) {
    if (i % 2 === 0) {
      parts.push(
        `## Step ${i}`,
        '',
        `Deploy the service and watch its **latency**. See [the docs](https://example.invalid/${i}) and \`kubectl get pods -n lab-${i % 7}\`.`,
        'Each sentence here is ordinary prose of the kind a lab explains its steps with; the parser sees it as one paragraph.',
        '',
        `- [ ] Check the rollout of step ${i} <!-- task: step-${i} -->`,
        `  - [x] Nested detail ${i} <!-- task: step-${i}-detail -->`,
        '',
      );
    } else {
      const lang = ['sh', 'promql', 'logql', 'k6'][i % 4];
      parts.push(
        `\`\`\`${lang} {id=cell-${i} timeout=60 name="cell number ${i}"}`,
        `kubectl -n lab-${i} rollout status deploy/app --timeout=120s`,
        `sum by (route) (rate(requests_total{job="app-${i}"}[5m]))`,
        `echo "line three of cell ${i} with some padding to look like a real command"`,
        '```',
        '',
      );
    }
  }
  return parts.join('\n');
}
