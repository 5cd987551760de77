import type { AttributeValue } from './types';

/** Prometheus duration syntax: 30s, 5m, 1h30m, 100ms, 2d, 1w, 1y. */
const DURATION = /^(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

type Rule = (value: AttributeValue) => string | undefined;

const text: Rule = (v) => (v === true ? 'needs a value' : undefined);
const flag: Rule = (v) =>
  v === true || v === 'true' || v === 'false' ? undefined : 'is a flag: write it bare, or =true / =false';
const duration: Rule = (v) =>
  v !== true && DURATION.test(v) ? undefined : 'must be a duration such as 30s, 5m or 1h30m';
const seconds: Rule = (v) =>
  v !== true && (/^\d+(\.\d+)?$/.test(v) ? Number(v) > 0 : DURATION.test(v))
    ? undefined
    : 'must be a positive number of seconds or a duration such as 90s or 5m';
const positiveInt: Rule = (v) => (v !== true && /^[1-9]\d*$/.test(v) ? undefined : 'must be a positive whole number');
const slug: Rule = (v) =>
  v !== true && /^[A-Za-z0-9][\w.-]*$/.test(v) ? undefined : 'must be letters, digits, ".", "_" or "-"';
const time: Rule = (v) =>
  v !== true && (v === 'now' || /^\d+(\.\d+)?$/.test(v) || !Number.isNaN(Date.parse(v)))
    ? undefined
    : 'must be "now", a Unix timestamp or an RFC 3339 time';
const oneOf =
  (...allowed: string[]): Rule =>
  (v) =>
    v !== true && allowed.includes(v) ? undefined : `must be one of: ${allowed.join(', ')}`;
const endpoint: Rule = (v) =>
  v !== true && /^(https?:\/\/\S+|service\/[a-z0-9-]+\/[a-z0-9-]+:[A-Za-z0-9-]+)$/.test(v)
    ? undefined
    : 'must be a URL or service/<namespace>/<name>:<port>';

const common: Record<string, Rule> = { id: slug, name: text, timeout: seconds, verifies: slug };
const query: Record<string, Rule> = { range: duration, step: duration, end: time, endpoint };

/** The attributes each cell language understands, with a check of the value. */
export const ATTRIBUTE_RULES: Record<string, Record<string, Rule>> = {
  sh: { ...common, background: flag, interactive: flag, cwd: text },
  bash: { ...common, background: flag, interactive: flag, cwd: text },
  promql: { ...common, ...query },
  logql: { ...common, ...query, limit: positiveInt, direction: oneOf('forward', 'backward') },
  k6: { ...common },
  'vega-lite': { id: slug, name: text },
};

export interface AttributeFinding {
  key: string;
  severity: 'error' | 'warning';
  message: string;
}

export function checkAttributes(language: string, attributes: Record<string, AttributeValue>): AttributeFinding[] {
  const rules = ATTRIBUTE_RULES[language] ?? {};
  const findings: AttributeFinding[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const rule = rules[key];
    if (!rule) {
      findings.push({
        key,
        severity: 'warning',
        message: `unknown attribute "${key}" for a ${language} cell: it is ignored`,
      });
      continue;
    }
    const fault = rule(value);
    if (fault) findings.push({ key, severity: 'error', message: `attribute "${key}" ${fault}` });
  }
  return findings;
}
