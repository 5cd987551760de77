import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { lineColumn } from './sourcePosition';

export type QueryLanguage = 'promql' | 'logql';

export interface SyntaxProblem {
  /** Offset in the checked text. */
  offset: number;
  message: string;
}

const parsers = { promql: promqlParser, logql: logqlParser };

/**
 * Checks a query with the grammar Prometheus' and Grafana's own editors use, before any request:
 * a typo then costs no round trip and gets a position. The grammars say where parsing failed,
 * not what they expected, so the message names what stands there and any bracket left open.
 * Undefined when the query parses.
 */
export function checkSyntax(language: QueryLanguage, text: string): SyntaxProblem | undefined {
  if (stripComments(text).trim() === '') return { offset: 0, message: 'the cell holds no query' };
  let at: { from: number; to: number } | undefined;
  parsers[language].parse(text).iterate({
    enter: (node) => {
      if (at) return false;
      if (node.type.isError) at = { from: node.from, to: node.to };
      return undefined;
    },
  });
  if (!at) return undefined;
  const rest = stripComments(text.slice(at.from)).trim();
  if (rest === '') {
    const open = unclosedBracket(text);
    const hint = open ? `: the "${open.char}" at ${position(text, open.offset)} is never closed` : '';
    return { offset: at.from, message: `the query ends too early${hint}` };
  }
  const token = (at.to > at.from ? text.slice(at.from, at.to) : rest).trim().split(/\s/)[0];
  const offset = at.from + text.slice(at.from).indexOf(token);
  return { offset, message: `unexpected ${JSON.stringify(token.length > 24 ? token.slice(0, 24) + '…' : token)}` };
}

/** Whether a LogQL query selects log lines (a range of streams) rather than computing metrics. */
export function isLogQuery(text: string): boolean {
  const top = logqlParser.parse(text).topNode.getChild('Expr');
  return top?.firstChild?.name === 'LogExpr';
}

function position(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `${line}:${column}`;
}

// Both languages use `#` line comments; a `#` inside a string is text.
function stripComments(text: string): string {
  return text.replace(
    /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`)|#[^\n]*/g,
    (_m, str: string | undefined) => str ?? '',
  );
}

const PAIRS: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** The innermost bracket still open at the end, skipping strings and comments. */
function unclosedBracket(text: string): { char: string; offset: number } | undefined {
  const stack: Array<{ char: string; offset: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = endOfString(text, i);
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c in PAIRS) {
      stack.push({ char: c, offset: i });
    } else if (stack.length > 0 && c === PAIRS[stack[stack.length - 1].char]) {
      stack.pop();
    }
  }
  return stack.pop();
}

function endOfString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}
