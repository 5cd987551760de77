/** The data model of a parsed .illmlab file. Plain data: no vscode, no I/O. */

export type Severity = 'error' | 'warning';

/** One finding about a file, with the 1-based line (and column, when known) it is about. */
export interface Problem {
  line: number;
  column?: number;
  severity: Severity;
  code: string;
  message: string;
  cellId?: string;
}

/** An attribute value: a string, or `true` for a bare flag such as `{background}`. */
export type AttributeValue = string | true;

/** One attribute as written, so an unchanged attribute is written back in its own spelling. */
export interface RawAttribute {
  key: string;
  value: AttributeValue;
  text: string;
}

export interface Fence {
  /** Spaces before the opening fence (0-3). */
  indent: number;
  /** The opening run, e.g. "```" or "~~~~". */
  marker: string;
  /** Everything after the marker on the opening line, untrimmed. */
  info: string;
  /** Whether a closing fence was found; an open fence runs to the end of the file. */
  closed: boolean;
}

/**
 * What a cell looked like in the file. A cell whose language, source and attributes still equal
 * these is written back as `text`, byte for byte.
 */
export interface RawCell {
  /** Blank lines between the previous cell and this one. */
  gap: string;
  /** The cell's exact text, fences included, with its line endings. */
  text: string;
  language: string;
  source: string;
  attributes: RawAttribute[];
  fence?: Fence;
}

export interface LabCell {
  kind: 'markdown' | 'code';
  /** `markdown`, or the fence language as written (sh, bash, promql, logql, k6, vega-lite). */
  language: string;
  /** The cell's text with `\n` line breaks and no final newline. */
  source: string;
  /** Attributes in written order; a bare flag is `true`. */
  attributes: Record<string, AttributeValue>;
  /** The `id` attribute, or an id derived from the content (docs/format.md says how). */
  id: string;
  /** 1-based line in the file where the cell starts (the opening fence of a code cell). */
  line: number;
  /** Absent for a cell created in the editor. */
  raw?: RawCell;
}

export interface FrontMatter {
  /** The whole block, both delimiter lines included, with line endings. */
  raw: string;
  /** The YAML between the delimiters, as parsed; when it changes the block is rewritten. */
  yaml: string;
  /** The parsed mapping, or undefined when the YAML is broken or not a mapping. */
  data: Record<string, unknown> | undefined;
}

export type LineEnding = '\n' | '\r\n' | '\r';

export interface LabDocument {
  bom: boolean;
  /** The file's dominant line ending, used for text written anew. */
  eol: LineEnding;
  frontMatter: FrontMatter | undefined;
  cells: LabCell[];
  /** Blank lines after the last cell. */
  trailer: string;
  /** Problems found while parsing (front matter, attributes, fences, ids). */
  problems: Problem[];
}
