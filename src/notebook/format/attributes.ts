import type { AttributeValue, RawAttribute } from './types';

/** An attribute list that could not be read, with the 0-based offset of the fault in it. */
export class AttributeSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const KEY = /[A-Za-z_][\w.-]*/y;
const BARE = /[^\s"'{}=]+/y;
const SPACE = /\s*/y;

/**
 * Parses the inside of `{id=x range=30m name="with spaces" flag}` (without the braces).
 * Values are bare words or quoted with " or ' (backslash escapes the quote and itself).
 */
export function parseAttributes(text: string): RawAttribute[] {
  const out: RawAttribute[] = [];
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const start = i;
    KEY.lastIndex = i;
    const key = KEY.exec(text);
    if (!key) throw new AttributeSyntaxError(`expected an attribute name at "${text.slice(i, i + 12)}"`, i);
    i = KEY.lastIndex;
    let value: AttributeValue = true;
    if (text[i] === '=') {
      i++;
      const quote = text[i];
      if (quote === '"' || quote === "'") {
        const read = readQuoted(text, i);
        value = read.value;
        i = read.end;
      } else {
        BARE.lastIndex = i;
        const bare = BARE.exec(text);
        if (!bare) throw new AttributeSyntaxError(`attribute "${key[0]}" has "=" but no value`, i);
        value = bare[0];
        i = BARE.lastIndex;
      }
    }
    if (i < text.length && !/\s/.test(text[i])) {
      throw new AttributeSyntaxError(`unexpected "${text[i]}" after attribute "${key[0]}"`, i);
    }
    out.push({ key: key[0], value, text: text.slice(start, i) });
    i = skipSpace(text, i);
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  SPACE.lastIndex = i;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) {
      value += text[++i];
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
    }
  }
  throw new AttributeSyntaxError(`unterminated ${quote} string`, start);
}

/** Writes one attribute in the canonical spelling: bare when it can be, else double-quoted. */
export function formatAttribute(key: string, value: AttributeValue): string {
  if (value === true) return key;
  if (value !== '' && /^[^\s"'{}=`\\]+$/.test(value)) return `${key}=${value}`;
  return `${key}="${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

/**
 * Writes an attribute list back: attributes whose value did not change keep their original
 * spelling and order; new ones follow in the order given.
 */
export function formatAttributes(values: Record<string, AttributeValue>, original: readonly RawAttribute[]): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const attr of original) {
    if (!(attr.key in values) || seen.has(attr.key)) continue;
    seen.add(attr.key);
    const value = values[attr.key];
    parts.push(value === attr.value ? attr.text : formatAttribute(attr.key, value));
  }
  for (const [key, value] of Object.entries(values)) {
    if (!seen.has(key)) parts.push(formatAttribute(key, value));
  }
  return parts.join(' ');
}

/** The attributes as a map; for a repeated key the first one counts (validate reports the rest). */
export function attributeMap(attrs: readonly RawAttribute[]): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const a of attrs) if (!(a.key in map)) map[a.key] = a.value;
  return map;
}

export function sameAttributes(values: Record<string, AttributeValue>, original: readonly RawAttribute[]): boolean {
  const orig = attributeMap(original);
  const a = Object.keys(values);
  const b = Object.keys(orig);
  return a.length === b.length && a.every((k, i) => k === b[i] && values[k] === orig[k]);
}
