/**
 * The lines of `k6 run --out json=FILE`: one JSON object per line, either a metric definition
 *   {"type":"Metric","data":{"name","type","contains","thresholds","submetrics"},"metric":...}
 * or a sample
 *   {"metric":"http_reqs","type":"Point","data":{"time":"...","value":1,"tags":{...}}}
 * Key order differs between k6 versions (0.48 writes "metric" first, k6's docs show it last),
 * so nothing here depends on it.
 */

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** A threshold as k6 writes it: a string, or an object when abortOnFail is set. */
export interface ThresholdConfig {
  source: string;
  abortOnFail: boolean;
  /** k6's delayAbortEval, as written ("10s"), if any. */
  delayAbortEval?: string;
}

export interface SubmetricDefinition {
  /** e.g. `http_req_duration{expected_response:true}` */
  name: string;
  tags: Record<string, string>;
}

export interface MetricDefinition {
  name: string;
  type: MetricType;
  /** 'time' (milliseconds), 'data' (bytes) or 'default': how k6 prints the values. */
  contains: string;
  thresholds: ThresholdConfig[];
  submetrics: SubmetricDefinition[];
}

export type LineKind = 'point' | 'metric' | 'other' | 'invalid';

const METRIC_TYPES = new Set<string>(['counter', 'gauge', 'rate', 'trend']);

/**
 * Parses k6 JSON lines one at a time. Point lines, nearly all of a file, take a fast path: a
 * scanner that reads `metric`, `data.time` and `data.value` and only marks where `data.tags`
 * is, so the tags object is built only when someone asks for it (submetrics, checks). Anything
 * the scanner is not sure about (escapes, odd shapes, Metric lines) goes to JSON.parse, which
 * also decides what is invalid. The fields of the last Point are kept on the parser itself:
 * no object per line.
 */
export class K6LineParser {
  /** The last Point's metric name, time (epoch milliseconds) and value. */
  metric = '';
  timeMs = 0;
  value = 0;
  /** The last Metric line's definition. */
  definition: MetricDefinition | undefined;
  /** Why the last line was invalid. */
  problem = '';

  private line = '';
  private tagsFrom = -1;
  private tagsTo = -1;
  private tagsObject: Record<string, string> | undefined;
  private tagsRead = false;

  // The seconds part of the timestamps repeats line after line: parse it once per second.
  private lastSecondText = '';
  private lastZone = '';
  private lastSecondMs = 0;

  // Where the next backslash is in the text being read: one search serves many lines.
  private backslashText = '';
  private backslashFrom = 0;
  private backslashAt = -1;

  parse(line: string): LineKind {
    return this.parseRange(line, 0, line.length);
  }

  /**
   * parse() for the line `text.slice(from, to)`, read where it is: a reader hands over the
   * decoded chunk and the line's bounds, and no string is made for the line unless the slow
   * path needs one.
   */
  parseRange(text: string, from: number, to: number): LineKind {
    this.tagsRead = false;
    this.tagsObject = undefined;
    this.tagsFrom = -1;
    if (this.noBackslash(text, from, to) && this.scanPoint(text, from, to)) {
      this.line = text;
      return 'point';
    }
    return this.parseSlowly(text.slice(from, to));
  }

  private noBackslash(text: string, from: number, to: number): boolean {
    if (
      text !== this.backslashText ||
      from < this.backslashFrom ||
      (this.backslashAt !== -1 && this.backslashAt < from)
    ) {
      this.backslashText = text;
      this.backslashFrom = from;
      this.backslashAt = text.indexOf('\\', from);
    }
    return this.backslashAt === -1 || this.backslashAt >= to;
  }

  /** The last Point's tags (built on first use). */
  tags(): Record<string, string> {
    if (!this.tagsRead) {
      this.tagsRead = true;
      if (this.tagsFrom >= 0) {
        this.tagsObject = asTags(JSON.parse(this.line.slice(this.tagsFrom, this.tagsTo)));
      }
    }
    return this.tagsObject ?? {};
  }

  /**
   * One tag of the last Point, read in place: submetrics and checks need a tag or two of many
   * lines, and building each line's tags object cost more than the rest of the line. A line of
   * the fast path has no backslash, so every quote starts or ends a string.
   */
  tag(name: string): string | undefined {
    if (this.tagsRead || this.tagsFrom < 0) return this.tagsRead ? this.tagsObject?.[name] : undefined;
    const line = this.line;
    let i = this.tagsFrom + 1;
    for (;;) {
      const keyStart = line.indexOf('"', i);
      if (keyStart === -1 || keyStart >= this.tagsTo) return undefined;
      const keyEnd = line.indexOf('"', keyStart + 1);
      const colon = skipSpace(line, keyEnd + 1, this.tagsTo);
      const valueStart = skipSpace(line, colon + 1, this.tagsTo);
      // A value that is not a string (k6 writes none): let JSON.parse say what it is.
      if (line.charCodeAt(colon) !== 58 || line.charCodeAt(valueStart) !== 34) return this.tags()[name];
      const valueEnd = line.indexOf('"', valueStart + 1);
      if (keyEnd - keyStart - 1 === name.length && line.startsWith(name, keyStart + 1)) {
        return line.slice(valueStart + 1, valueEnd);
      }
      i = valueEnd + 1;
    }
  }

  private parseSlowly(line: string): LineKind {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      this.problem = line.trim() === '' ? 'an empty line' : `not JSON (${(e as Error).message})`;
      return 'invalid';
    }
    if (!isObject(o)) return this.invalid('not a JSON object');
    const data = o.data;
    if (o.type === 'Point') {
      if (typeof o.metric !== 'string' || !isObject(data)) return this.invalid('a Point without "metric" or "data"');
      const time = typeof data.time === 'string' ? this.timeOf(data.time) : NaN;
      if (Number.isNaN(time)) return this.invalid('a Point without a valid "data.time"');
      if (typeof data.value !== 'number') return this.invalid('a Point without a numeric "data.value"');
      this.metric = o.metric;
      this.timeMs = time;
      this.value = data.value;
      this.tagsObject = asTags(data.tags);
      this.tagsRead = true;
      return 'point';
    }
    if (o.type === 'Metric') {
      if (!isObject(data) || typeof data.name !== 'string' || typeof data.type !== 'string') {
        return this.invalid('a Metric line without "data.name" or "data.type"');
      }
      if (!METRIC_TYPES.has(data.type)) return this.invalid(`a Metric of unknown type "${data.type}"`);
      this.definition = {
        name: data.name,
        type: data.type as MetricType,
        contains: typeof data.contains === 'string' ? data.contains : 'default',
        thresholds: Array.isArray(data.thresholds) ? data.thresholds.flatMap(thresholdConfig) : [],
        submetrics: Array.isArray(data.submetrics) ? data.submetrics.flatMap(submetric) : [],
      };
      return 'metric';
    }
    return 'other';
  }

  private invalid(problem: string): LineKind {
    this.problem = problem;
    return 'invalid';
  }

  /**
   * The fast path: true when `line.slice(from, to)` is a well-formed Point it could read whole.
   * The line has no backslash (checked first), so every string ends at the next quote; nothing
   * is read at or past `to`, where the next line may begin.
   */
  private scanPoint(line: string, from: number, to: number): boolean {
    let metric: string | undefined;
    let isPoint = false;
    let haveData = false;
    let i = skipSpace(line, from, to);
    if (line.charCodeAt(i) !== 123 /* { */ || i >= to) return false;
    i = skipSpace(line, i + 1, to);
    for (;;) {
      if (line.charCodeAt(i) !== 34 /* " */ || i >= to) return false;
      const keyEnd = line.indexOf('"', i + 1);
      if (keyEnd === -1 || keyEnd >= to) return false;
      const key = keyAt(line, i + 1, keyEnd);
      i = skipSpace(line, keyEnd + 1, to);
      if (line.charCodeAt(i) !== 58 /* : */ || i >= to) return false;
      i = skipSpace(line, i + 1, to);
      if (key === KEY_METRIC || key === KEY_TYPE) {
        if (line.charCodeAt(i) !== 34 || i >= to) return false;
        const end = line.indexOf('"', i + 1);
        if (end === -1 || end >= to) return false;
        if (key === KEY_METRIC) metric = line.slice(i + 1, end);
        else if (end - i - 1 === 5 && line.startsWith('Point', i + 1)) isPoint = true;
        else return false; // Metric lines are rare: JSON.parse reads them
        i = end + 1;
      } else if (key === KEY_DATA) {
        i = this.scanData(line, i, to);
        if (i === -1) return false;
        haveData = true;
      } else {
        i = skipValue(line, i, to);
        if (i === -1) return false;
      }
      i = skipSpace(line, i, to);
      if (i >= to) return false;
      const c = line.charCodeAt(i);
      if (c === 44 /* , */) {
        i = skipSpace(line, i + 1, to);
        continue;
      }
      if (c !== 125 /* } */) return false;
      break;
    }
    if (skipSpace(line, i + 1, to) !== to) return false;
    if (!isPoint || !haveData || metric === undefined) return false;
    this.metric = metric;
    return true;
  }

  /** Reads the `data` object of a Point; returns the index after it, or -1. */
  private scanData(line: string, i: number, to: number): number {
    if (line.charCodeAt(i) !== 123 || i >= to) return -1;
    let haveTime = false;
    let haveValue = false;
    i = skipSpace(line, i + 1, to);
    for (;;) {
      if (line.charCodeAt(i) !== 34 || i >= to) return -1;
      const keyEnd = line.indexOf('"', i + 1);
      if (keyEnd === -1 || keyEnd >= to) return -1;
      const key = keyAt(line, i + 1, keyEnd);
      i = skipSpace(line, keyEnd + 1, to);
      if (line.charCodeAt(i) !== 58 || i >= to) return -1;
      i = skipSpace(line, i + 1, to);
      if (key === KEY_TIME) {
        if (line.charCodeAt(i) !== 34 || i >= to) return -1;
        const end = line.indexOf('"', i + 1);
        if (end === -1 || end >= to) return -1;
        const time = this.timeAt(line, i + 1, end);
        if (Number.isNaN(time)) return -1;
        this.timeMs = time;
        haveTime = true;
        i = end + 1;
      } else if (key === KEY_VALUE) {
        const end = numberEnd(line, i, to);
        if (end === i) return -1;
        const value = numberAt(line, i, end);
        if (Number.isNaN(value)) return -1;
        this.value = value;
        haveValue = true;
        i = end;
      } else if (key === KEY_TAGS) {
        const end = skipValue(line, i, to);
        if (end === -1) return -1;
        if (line.charCodeAt(i) === 123) {
          this.tagsFrom = i;
          this.tagsTo = end;
        }
        i = end;
      } else {
        i = skipValue(line, i, to);
        if (i === -1) return -1;
      }
      i = skipSpace(line, i, to);
      if (i >= to) return -1;
      const c = line.charCodeAt(i);
      if (c === 44) {
        i = skipSpace(line, i + 1, to);
        continue;
      }
      if (c !== 125) return -1;
      return haveTime && haveValue ? i + 1 : -1;
    }
  }

  /**
   * RFC 3339 with up to nine fraction digits, as Go writes it: `2026-11-26T03:22:58.04501892Z`,
   * or with an offset (`+01:00`) when k6 runs in a local time zone. Epoch milliseconds, NaN if
   * it is not such a time.
   */
  private timeOf(text: string): number {
    return this.timeAt(text, 0, text.length);
  }

  /** timeOf for `line.slice(from, to)`, without making that string. */
  private timeAt(line: string, from: number, to: number): number {
    if (to - from < 20 || line.charCodeAt(from + 10) !== 84 /* T */) return Date.parse(line.slice(from, to));
    let i = from + 19;
    let fraction = 0;
    let scale = 1;
    if (line.charCodeAt(i) === 46 /* . */) {
      i++;
      for (let c = line.charCodeAt(i); i < to && c >= 48 && c <= 57; c = line.charCodeAt(++i)) {
        if (scale < 1e9) {
          fraction = fraction * 10 + (c - 48);
          scale *= 10;
        }
      }
    }
    const zoneLength = to - i;
    if (!(
      zoneLength === this.lastZone.length &&
      line.startsWith(this.lastZone, i) &&
      line.startsWith(this.lastSecondText, from)
    )) {
      const second = line.slice(from, from + 19);
      const zone = line.slice(i, to);
      const ms = Date.parse(second + zone);
      if (Number.isNaN(ms)) return NaN;
      this.lastSecondText = second;
      this.lastZone = zone;
      this.lastSecondMs = ms;
    }
    return this.lastSecondMs + (fraction * 1000) / scale;
  }
}

// The keys the scanner looks for, told apart without making a string of each key.
const KEY_OTHER = 0;
const KEY_METRIC = 1;
const KEY_TYPE = 2;
const KEY_DATA = 3;
const KEY_TIME = 4;
const KEY_VALUE = 5;
const KEY_TAGS = 6;

function keyAt(s: string, from: number, to: number): number {
  switch (to - from) {
    case 4:
      if (s.startsWith('type', from)) return KEY_TYPE;
      if (s.startsWith('data', from)) return KEY_DATA;
      if (s.startsWith('time', from)) return KEY_TIME;
      if (s.startsWith('tags', from)) return KEY_TAGS;
      return KEY_OTHER;
    case 5:
      return s.startsWith('value', from) ? KEY_VALUE : KEY_OTHER;
    case 6:
      return s.startsWith('metric', from) ? KEY_METRIC : KEY_OTHER;
    default:
      return KEY_OTHER;
  }
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Math.pow(10, k));

/**
 * The number in `s` between `from` and `to`, equal to Number() of that text. Plain decimals of
 * up to 15 digits (all k6 writes, nearly) are an exact integer divided by an exact power of ten:
 * one correctly rounded division, the same double Number() gives. Anything else goes to Number().
 */
function numberAt(s: string, from: number, to: number): number {
  let i = from;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  let digits = 0;
  let mantissa = 0;
  let decimals = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (++digits > 15) return Number(s.slice(from, to));
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0 && digits > 0) decimals = 0;
    else return Number(s.slice(from, to)); // exponents, signs: the general parser
  }
  if (digits === 0 || decimals === 0) return Number(s.slice(from, to));
  const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -value : value;
}

function skipSpace(s: string, i: number, to: number): number {
  for (let c = s.charCodeAt(i); i < to && (c === 32 || c === 9 || c === 10 || c === 13); c = s.charCodeAt(++i));
  return i;
}

function numberEnd(s: string, i: number, to: number): number {
  for (
    let c = s.charCodeAt(i);
    i < to && ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69);
  ) {
    c = s.charCodeAt(++i);
  }
  return i;
}

/** The index after the JSON value at `i`, before `to` (no backslashes there), or -1. */
function skipValue(s: string, i: number, to: number): number {
  if (i >= to) return -1;
  const c = s.charCodeAt(i);
  if (c === 34) {
    const end = s.indexOf('"', i + 1);
    return end === -1 || end >= to ? -1 : end + 1;
  }
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let k = i; k < to; k++) {
      const d = s.charCodeAt(k);
      if (d === 34) {
        k = s.indexOf('"', k + 1);
        if (k === -1 || k >= to) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return k + 1;
      }
    }
    return -1;
  }
  let k = i;
  for (let d = s.charCodeAt(k); k < to && d !== 44 && d !== 125 && d !== 93 && d !== 32; d = s.charCodeAt(++k));
  return k === i ? -1 : k;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asTags(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  // k6's tags are strings: then JSON.parse's object is used as it is. (JSON.parse makes
  // "__proto__" an own property, not the prototype, so no key needs care.)
  for (const k in v) if (typeof v[k] !== 'string') return stringTags(v);
  return v as Record<string, string>;
}

function stringTags(v: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '__proto__') continue; // assigning it would replace the prototype, not add a tag
    tags[k] = typeof x === 'string' ? x : JSON.stringify(x);
  }
  return tags;
}

function thresholdConfig(t: unknown): ThresholdConfig[] {
  if (typeof t === 'string') return [{ source: t, abortOnFail: false }];
  if (isObject(t) && typeof t.threshold === 'string') {
    return [
      {
        source: t.threshold,
        abortOnFail: t.abortOnFail === true,
        ...(typeof t.delayAbortEval === 'string' ? { delayAbortEval: t.delayAbortEval } : {}),
      },
    ];
  }
  return [];
}

function submetric(s: unknown): SubmetricDefinition[] {
  if (!isObject(s) || typeof s.name !== 'string') return [];
  return [{ name: s.name, tags: asTags(s.tags) ?? {} }];
}
