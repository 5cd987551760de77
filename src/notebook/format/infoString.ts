import { AttributeSyntaxError, parseAttributes } from './attributes';
import type { RawAttribute } from './types';

export interface ParsedInfo {
  language: string;
  attributes: RawAttribute[];
  /** Why the text after the language could not be read as attributes (then there are none). */
  error?: { message: string; offset: number };
}

/**
 * Reads a fence's info string: the language, then an optional `{...}` attribute list.
 * `offset` in an error counts from the start of the trimmed info string.
 */
export function parseInfo(info: string): ParsedInfo {
  const trimmed = info.trim();
  const language = /^[^\s{]*/.exec(trimmed)![0];
  const rest = trimmed.slice(language.length);
  const restStart = language.length + (rest.length - rest.trimStart().length);
  const attrText = rest.trim();
  if (attrText === '') return { language, attributes: [] };
  if (!attrText.startsWith('{') || !attrText.endsWith('}')) {
    return {
      language,
      attributes: [],
      error: { message: `text after "${language}" is not an attribute list {key=value ...}`, offset: restStart },
    };
  }
  try {
    return { language, attributes: parseAttributes(attrText.slice(1, -1)) };
  } catch (e) {
    if (!(e instanceof AttributeSyntaxError)) throw e;
    return { language, attributes: [], error: { message: e.message, offset: restStart + 1 + e.offset } };
  }
}
