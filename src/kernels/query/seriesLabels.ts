export type Labels = Record<string, string>;

/**
 * A label set as Prometheus writes it: `name{a="x", b="y"}`, labels sorted, values quoted as in
 * PromQL. Plain text: whoever draws it escapes it.
 */
export function seriesName(labels: Labels): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return rest.length > 0 || !name ? `${name}{${rest.join(', ')}}` : name;
}

/** Label names over all series: `__name__` first, the rest sorted. */
export function labelColumns(sets: readonly Labels[]): string[] {
  const names = new Set<string>();
  for (const s of sets) for (const k of Object.keys(s)) names.add(k);
  const sorted = [...names].filter((k) => k !== '__name__').sort();
  return names.has('__name__') ? ['__name__', ...sorted] : sorted;
}

/** Labels that every series has with the same value: said once, not in every row. */
export function commonLabels(sets: readonly Labels[]): Labels {
  if (sets.length < 2) return {};
  const common: Labels = { ...sets[0] };
  for (const s of sets.slice(1)) {
    for (const k of Object.keys(common)) if (s[k] !== common[k]) delete common[k];
  }
  return common;
}

export function withoutLabels(labels: Labels, drop: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !(k in drop)));
}
