import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isNode, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from './types';

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
/** A URL, or a Kubernetes service reached through the API server's proxy. */
const ENDPOINT =
  '^(https?://[^\\s]+|service/[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?:[A-Za-z0-9-]+)$';

/** The front matter of a lab. docs/format.md documents every key. */
export const frontMatterSchema = {
  type: 'object',
  required: ['id', 'title'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: SLUG },
    title: { type: 'string', minLength: 1 },
    phase: { type: 'integer', minimum: 1 },
    order: { type: 'integer', minimum: 0 },
    prerequisites: { type: 'array', items: { type: 'string', pattern: SLUG }, uniqueItems: true },
    cluster: { type: 'string', minLength: 1 },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    endpoints: {
      type: 'object',
      additionalProperties: false,
      properties: {
        prometheus: { type: 'string', pattern: ENDPOINT },
        loki: { type: 'string', pattern: ENDPOINT },
      },
    },
    env: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    status: { enum: ['outline', 'ready'] },
  },
} as const;

let validator: ReturnType<Ajv['compile']> | undefined;

/**
 * Checks front matter against the schema. Lines are file lines: `firstLine` is the line of the
 * opening `---`. Unknown keys are warnings (a newer illmlab may know them); the rest are errors.
 */
export function checkFrontMatter(yaml: string, firstLine: number): Problem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter });
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) return []; // parse reports those
  validator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(frontMatterSchema);
  if (validator(doc.toJS() ?? {})) return [];
  return (validator.errors ?? []).map((err) => {
    const path = err.instancePath.split('/').slice(1).map(unescapePointer);
    const key = err.keyword === 'additionalProperties' ? String(err.params.additionalProperty) : undefined;
    const node = nodeAt(doc.contents, key === undefined ? path : [...path, key], key !== undefined);
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return {
      line: firstLine + pos.line,
      column: pos.col,
      severity: err.keyword === 'additionalProperties' ? 'warning' : 'error',
      code: 'frontmatter',
      message: describe(err, path, key),
    };
  });
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The YAML node at a path; with `wantKey`, the key node of the last step (to point at the key). */
function nodeAt(root: unknown, path: string[], wantKey: boolean): Node | undefined {
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (!isNode(node)) return undefined;
    const collection = node as { items?: Array<{ key?: unknown; value?: unknown } | unknown> };
    if (!collection.items) return undefined;
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && String((p.key as { value?: unknown }).value) === step);
      if (!pair) return isNode(node) ? node : undefined;
      node = last && wantKey ? pair.key : pair.value;
    } else {
      node = collection.items[Number(step)];
    }
  }
  return isNode(node) ? node : undefined;
}

function describe(err: ErrorObject, path: string[], key: string | undefined): string {
  const where = path.length > 0 ? `"${path.join('.')}"` : 'front matter';
  switch (err.keyword) {
    case 'additionalProperties':
      return `unknown key "${path.length > 0 ? path.join('.') + '.' : ''}${key}": illmlab ignores it`;
    case 'required':
      return `front matter is missing "${String(err.params.missingProperty)}"`;
    case 'pattern':
      if (path[0] === 'endpoints') return `${where} must be a URL (http://...) or service/<namespace>/<name>:<port>`;
      if (path[0] === 'env') return `${where}: environment variable names are letters, digits and _`;
      return `${where} must be lowercase letters, digits and dashes (like "rolling-update")`;
    case 'propertyNames':
      return `env: "${String(err.params.propertyName)}" is not a valid environment variable name`;
    case 'enum':
      return `${where} must be one of: ${(err.params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${where} must be ${articled(String(err.params.type))}`;
    default:
      return `${where} ${err.message ?? 'is invalid'}`;
  }
}

function articled(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    array: 'a list',
    object: 'a mapping',
    boolean: 'true or false',
    'string,number,boolean': 'a string, number or boolean',
  };
  return names[type] ?? type;
}
