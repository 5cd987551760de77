/**
 * `${NAME}` in a query is filled from the session's environment, so a shell cell can
 * `export APP=demo` and a query use `{app="${APP}"}`. Only the braced form with a name is a
 * variable: PromQL's label_replace uses `$1` and `${1}` for regex groups, and those stay as
 * they are. `$${NAME}` writes a literal `${NAME}`.
 */
const VARIABLE = /\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A stretch of the substituted text and where it came from in the source. */
interface Segment {
  out: number;
  src: number;
  length: number;
  /** Set when this stretch is a variable's value. */
  variable?: string;
}

export interface Substituted {
  ok: true;
  text: string;
  /** Names substituted, in order of first use. */
  used: string[];
  /**
   * Maps an offset in the substituted text back to the source, so errors point at what the
   * user wrote. An offset inside a variable's value maps to its `${` and names the variable.
   */
  toSource(offset: number): { offset: number; variable?: string };
}

export interface UnknownVariable {
  ok: false;
  variable: string;
  /** Offset of the `${` in the source. */
  offset: number;
}

export function substituteVars(source: string, env: Readonly<Record<string, string>>): Substituted | UnknownVariable {
  const segments: Segment[] = [];
  const used: string[] = [];
  let text = '';
  let last = 0;
  const literal = (from: number, to: number) => {
    if (to <= from) return;
    segments.push({ out: text.length, src: from, length: to - from });
    text += source.slice(from, to);
  };
  for (const m of source.matchAll(VARIABLE)) {
    const at = m.index!;
    const [whole, escaped, name] = m;
    literal(last, at);
    last = at + whole.length;
    if (escaped) {
      literal(at + 1, last); // drop one `$`
      continue;
    }
    const value = env[name];
    if (value === undefined) return { ok: false, variable: name, offset: at };
    if (!used.includes(name)) used.push(name);
    segments.push({ out: text.length, src: at, length: value.length, variable: name });
    text += value;
  }
  literal(last, source.length);

  const toSource = (offset: number) => {
    for (const s of segments) {
      if (offset >= s.out && offset < s.out + s.length) {
        return s.variable ? { offset: s.src, variable: s.variable } : { offset: s.src + (offset - s.out) };
      }
    }
    return { offset: source.length }; // the end of the query
  };
  return { ok: true, text, used, toSource };
}
