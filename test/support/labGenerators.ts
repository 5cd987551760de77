import fc from 'fast-check';

/**
 * Generators of .illmlab-like documents for property tests. They aim at the places where a
 * markdown round trip usually breaks: fences of every length and kind, open fences, front
 * matter, HTML blocks, tabs, BOMs, mixed line endings, unicode, no final newline.
 */

const eol = fc.constantFrom('\n', '\r\n', '\r');
const unicodeText = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' '));
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const cellLanguage = fc.constantFrom('sh', 'bash', 'promql', 'logql', 'k6', 'vega-lite');
const anyLanguage = fc.oneof(cellLanguage, fc.constantFrom('', 'text', 'js', 'yaml', 'SH', 'promqlx'));
const marker = fc.tuple(fc.constantFrom('`', '~'), fc.integer({ min: 3, max: 6 })).map(([c, n]) => c.repeat(n));
const attrValue = fc.oneof(
  word,
  unicodeText.map((s) => JSON.stringify(s)),
  fc.constantFrom('30m', '"a b"', "'q'", '"x\\"y"'),
);
const attribute = fc
  .tuple(word, fc.option(attrValue, { nil: undefined }))
  .map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
const info = fc
  .tuple(
    anyLanguage,
    fc.oneof(
      fc.constant(''),
      fc.array(attribute, { maxLength: 4 }).map((a) => ` {${a.join(' ')}}`),
      fc.constantFrom(' {', ' {id="open', ' trailing words', '{id=x}', ' {id=a id=b}'),
    ),
  )
  .map(([l, a]) => l + a);

/** One source line of a document: prose, markup, or fence pieces. */
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: unicodeText },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '  \t ') },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '\t'), marker, info)
      .map(([i, m, s]) => i + m + s),
  },
  { weight: 2, arbitrary: marker },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '---',
      '...',
      '# Heading',
      'Setext',
      '===',
      '- [ ] task <!-- task: t1 -->',
      '  - [x] nested',
      '> quote',
      '    indented code',
      '<div>',
      '</div>',
      '<!-- comment',
      '-->',
      '<pre>',
      '</pre>',
      '| a | b |',
      '\tfoo\tbar',
      'id: x',
      'title: [broken',
      '\u0000',
    ),
  },
);

/** A whole document: lines joined by mixed endings, maybe a BOM, maybe no final newline. */
export const labText: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, eol), { maxLength: 40 }), fc.boolean())
  .map(([bom, lines, finalEol]) => {
    let text = lines.map(([l, e]) => l + e).join('');
    if (!finalEol) text = text.replace(/(\r\n|\r|\n)$/, '');
    return (bom ? '\uFEFF' : '') + text;
  });

/** Sources a user might type into a code cell, fences and all. */
export const codeSource: fc.Arbitrary<string> = fc
  .array(fc.oneof(unicodeText, marker, fc.constantFrom('', '  ```', '~~~~', 'echo "}"', '```sh')), { maxLength: 8 })
  .map((lines) => lines.join('\n'));

/** Markdown a user might type that stays one markdown cell: no fences, no blank edges. */
export const markdownSource: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      word.map((w) => `Some ${w} text`),
      word.map((w) => `## ${w}`),
      word.map((w) => `- [ ] ${w} <!-- task: ${w} -->`),
      unicodeText.filter(
        (s) => /[^\s]/.test(s) && !/^ {0,3}(`{3}|~{3}|<|-|\*|_|=|#|>|\d|\+|\|)/.test(s) && !/^\s{4}/.test(s),
      ),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((lines) => lines.join('\n'));

export const attributeMapArb: fc.Arbitrary<Record<string, string | true>> = fc
  .uniqueArray(
    fc.tuple(
      fc.stringMatching(/^[a-z][a-z0-9_.-]{0,7}$/),
      fc.oneof(
        fc.constant<true>(true),
        word,
        unicodeText,
        fc.constantFrom('a b', '"q"', "it's", 'x}y', '`tick`', '\\', ''),
      ),
    ),
    { selector: ([k]) => k, maxLength: 4 },
  )
  .map((entries) => Object.fromEntries(entries));

export { cellLanguage };
