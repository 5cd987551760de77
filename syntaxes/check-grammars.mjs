#!/usr/bin/env node
// Checks the PromQL / LogQL TextMate grammars in this folder with the real VS Code tokenizer
// (vscode-textmate + vscode-oniguruma).
//
//   node syntaxes/check-grammars.mjs            # run all expectations
//   node syntaxes/check-grammars.mjs --tokens   # also print every token with its scopes
//   node syntaxes/check-grammars.mjs --dir D    # grammars from another folder
//
// vscode-textmate and vscode-oniguruma are resolved the way node resolves packages: from this
// file's location first (e.g. the repo's node_modules), then from the current directory, then NODE_PATH.
// Exit code: 0 when every expectation holds, 1 on any failure, 2 when the setup itself fails.
// The last line is `N passed, N failed`.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const showTokens = args.includes('--tokens');
const dirArg = args.indexOf('--dir');
const grammarDir = dirArg >= 0 ? path.resolve(args[dirArg + 1]) : here;

// ------------------------------------------------------------------ expectations (data)
// Each case: { lang, query, expect: [[text, scope, occurrence?], ...] }
//   text        exact text in the query; it must form whole tokens (token boundaries at both ends)
//   scope       substring that every token covering `text` must have in its scope list;
//               a leading '!' means the substring must NOT appear (bleed checks)
//   occurrence  0-based index when `text` occurs more than once (default 0)

const CASES = [
  // ---------------------------------------------------------------- PromQL
  {
    lang: 'promql',
    query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))',
    expect: [
      ['histogram_quantile', 'support.function.builtin'],
      ['(', 'punctuation.section.parens.begin'],
      ['0.95', 'constant.numeric.decimal'],
      [',', 'punctuation.separator.comma'],
      ['sum', 'support.function.aggregation'],
      ['by', 'keyword.control.grouping'],
      ['le', 'entity.name.tag.label'],
      ['le', 'meta.grouping.labels'],
      ['rate', 'support.function.builtin'],
      ['http_request_duration_seconds_bucket', 'variable.other.metric'],
      ['{', 'punctuation.section.braces.begin'],
      ['job', 'entity.name.tag.label'],
      ['job', 'meta.selector'],
      ['=', 'keyword.operator.matcher'],
      ['"api"', 'string.quoted.double'],
      ['}', 'punctuation.section.braces.end'],
      ['[', 'punctuation.section.brackets.begin'],
      ['5m', 'constant.numeric.duration'],
      [']', 'punctuation.section.brackets.end'],
      [')))', 'punctuation.section.parens.end'],
      [')))', '!meta.'],
    ],
  },
  {
    lang: 'promql',
    query: 'absent(up{job="x"} offset 1h)',
    expect: [
      ['absent', 'support.function.builtin'],
      ['up', 'variable.other.metric'],
      ['job', 'entity.name.tag.label'],
      ['"x"', 'string.quoted.double'],
      ['offset', 'keyword.control.offset'],
      ['offset', '!meta.selector'],
      ['1h', 'constant.numeric.duration'],
    ],
  },
  {
    lang: 'promql',
    query: 'predict_linear(node_filesystem_free_bytes[6h], 4*3600) < 0',
    expect: [
      ['predict_linear', 'support.function.builtin'],
      ['node_filesystem_free_bytes', 'variable.other.metric'],
      ['6h', 'constant.numeric.duration'],
      ['6h', 'meta.range'],
      ['4', 'constant.numeric.decimal'],
      ['*', 'keyword.operator.arithmetic'],
      ['3600', 'constant.numeric.decimal'],
      ['<', 'keyword.operator.comparison'],
      ['0', 'constant.numeric.decimal'],
    ],
  },
  {
    lang: 'promql',
    query: '# p99 latency per route\nsum(rate(x[5m])) # trailing "comment" {\nup',
    expect: [
      ['#', 'punctuation.definition.comment'],
      ['# p99 latency per route', 'comment.line.number-sign'],
      ['sum', 'support.function.aggregation'],
      ['sum', '!comment'],
      ['# trailing "comment" {', 'comment.line.number-sign'],
      ['up', 'variable.other.metric'],
      ['up', '!comment'],
      ['up', '!meta.selector'],
    ],
  },
  {
    lang: 'promql',
    query: String.raw`label_replace(up{path=~"a\"b\\c", x!~'y\'z', y!="v"}, "dst", "$1", 'src', ` + '`(.*)\\.example`)',
    expect: [
      ['label_replace', 'support.function.builtin'],
      ['path', 'entity.name.tag.label'],
      ['=~', 'keyword.operator.matcher'],
      [String.raw`\"`, 'constant.character.escape'],
      [String.raw`\\`, 'constant.character.escape'],
      [String.raw`"a\"b\\c"`, 'string.quoted.double'],
      ['!~', 'keyword.operator.matcher'],
      [String.raw`\'`, 'constant.character.escape'],
      [String.raw`'y\'z'`, 'string.quoted.single'],
      ['!=', 'keyword.operator.matcher'],
      ['"dst"', 'string.quoted.double'],
      ["'src'", 'string.quoted.single'],
      ['`(.*)\\.example`', 'string.quoted.raw'],
      ['`(.*)\\.example`', '!constant.character.escape'],
    ],
  },
  {
    lang: 'promql',
    query: '0x1F + 1e3 - 1.5 * .5 + 2.5E-3 + Inf - NaN + -inf + 1_000',
    expect: [
      ['0x1F', 'constant.numeric.hex'],
      ['+', 'keyword.operator.arithmetic'],
      ['1e3', 'constant.numeric.decimal'],
      ['-', 'keyword.operator.arithmetic'],
      ['1.5', 'constant.numeric.decimal'],
      ['.5', 'constant.numeric.decimal', 1],
      ['2.5E-3', 'constant.numeric.decimal'],
      ['Inf', 'constant.numeric.inf'],
      ['NaN', 'constant.numeric.nan'],
      ['inf', 'constant.numeric.inf'],
      ['1_000', 'constant.numeric.decimal'],
    ],
  },
  {
    lang: 'promql',
    query: 'max_over_time(rate(x[1h30m])[1w:100ms]) offset 1d + y offset -30s + z[1y] + w[15s:]',
    expect: [
      ['max_over_time', 'support.function.builtin'],
      ['1h30m', 'constant.numeric.duration'],
      ['1w', 'constant.numeric.duration'],
      [':', 'punctuation.separator.colon.subquery'],
      ['100ms', 'constant.numeric.duration'],
      ['offset', 'keyword.control.offset'],
      ['1d', 'constant.numeric.duration'],
      ['30s', 'constant.numeric.duration'],
      ['1y', 'constant.numeric.duration'],
      ['15s', 'constant.numeric.duration'],
      [':', 'punctuation.separator.colon.subquery', 1],
    ],
  },
  {
    lang: 'promql',
    query: 'rate(x[5m] @ start()) - x @ end() + x @ 1609746000 + x[step()*2]',
    expect: [
      ['@', 'keyword.operator.at'],
      ['start', 'support.function.preprocessor'],
      ['@', 'keyword.operator.at', 1],
      ['end', 'support.function.preprocessor'],
      ['1609746000', 'constant.numeric.decimal'],
      ['step', 'support.function.preprocessor'],
    ],
  },
  {
    lang: 'promql',
    query: 'a / on(instance, job) group_left(node) b > bool 0 and c or d unless e atan2 f',
    expect: [
      ['a', 'variable.other.metric'],
      ['/', 'keyword.operator.arithmetic'],
      ['on', 'keyword.control'],
      ['instance', 'entity.name.tag.label'],
      ['job', 'entity.name.tag.label'],
      ['group_left', 'keyword.control'],
      ['node', 'entity.name.tag.label'],
      ['b', 'variable.other.metric'],
      ['>', 'keyword.operator.comparison'],
      ['bool', 'keyword.control.bool'],
      ['and', 'keyword.operator.logical'],
      ['or', 'keyword.operator.logical'],
      ['unless', 'keyword.operator.logical'],
      ['atan2', 'keyword.operator.arithmetic'],
      ['f', 'variable.other.metric'],
    ],
  },
  {
    lang: 'promql',
    query: 'sum without (instance) (x) == 2 != 3 >= 4 <= 5 % 6 ^ 7 ignoring(a) group_right c',
    expect: [
      ['without', 'keyword.control.grouping'],
      ['instance', 'entity.name.tag.label'],
      ['==', 'keyword.operator.comparison'],
      ['!=', 'keyword.operator.comparison'],
      ['>=', 'keyword.operator.comparison'],
      ['<=', 'keyword.operator.comparison'],
      ['%', 'keyword.operator.arithmetic'],
      ['^', 'keyword.operator.arithmetic'],
      ['ignoring', 'keyword.control'],
      ['a', 'entity.name.tag.label'],
      ['group_right', 'keyword.control'],
      ['c', 'variable.other.metric'],
    ],
  },
  {
    lang: 'promql',
    query: 'topk(5, x) + bottomk(3, x) + count_values("version", build_info) + quantile(0.9, x) + limitk(2, x) + limit_ratio(0.5, x)',
    expect: [
      ['topk', 'support.function.aggregation'],
      ['5', 'constant.numeric.decimal'],
      ['bottomk', 'support.function.aggregation'],
      ['count_values', 'support.function.aggregation'],
      ['"version"', 'string.quoted.double'],
      ['build_info', 'variable.other.metric'],
      ['quantile', 'support.function.aggregation'],
      ['limitk', 'support.function.aggregation'],
      ['limit_ratio', 'support.function.aggregation'],
    ],
  },
  {
    lang: 'promql',
    query: 'job:http_requests:rate5m > 0 unless year() == year + time()',
    expect: [
      ['job:http_requests:rate5m', 'variable.other.metric'],
      ['year', 'support.function.builtin'],
      ['year', 'variable.other.metric', 1],
      ['time', 'support.function.builtin'],
    ],
  },
  {
    lang: 'promql',
    query: '{__name__=~"http_.*", "service.name"="api"} or {"my.metric"}',
    expect: [
      ['__name__', 'entity.name.tag.label'],
      ['"http_.*"', 'string.quoted.double'],
      ['"service.name"', 'string.quoted.double'],
      ['or', 'keyword.operator.logical'],
      ['"my.metric"', 'meta.selector'],
    ],
  },
  // multi-line selector: the continuation line still gets label colours
  {
    lang: 'promql',
    query: 'up{job="api",\n  instance=~"x.*"}\n* on(instance) node_info',
    expect: [
      ['job', 'entity.name.tag.label'],
      ['instance', 'entity.name.tag.label'],
      ['=~', 'keyword.operator.matcher'],
      ['"x.*"', 'string.quoted.double'],
      ['}', 'punctuation.section.braces.end'],
      ['node_info', 'variable.other.metric'],
      ['node_info', '!meta.'],
    ],
  },
  // pretty-printed query spread over several lines
  {
    lang: 'promql',
    query: 'sum by (job) (\n  rate(http_requests_total{\n    job="api",\n    code=~"5.."\n  }[5m])\n) > 0.5 # ratio',
    expect: [
      ['job', 'entity.name.tag.label'],
      ['http_requests_total', 'variable.other.metric'],
      ['job', 'entity.name.tag.label', 1],
      ['"api"', 'string.quoted.double'],
      ['code', 'entity.name.tag.label'],
      ['=~', 'keyword.operator.matcher'],
      ['"5.."', 'string.quoted.double'],
      ['}', 'punctuation.section.braces.end'],
      ['5m', 'constant.numeric.duration'],
      ['>', 'keyword.operator.comparison'],
      ['>', '!meta.'],
      ['0.5', 'constant.numeric.decimal'],
      ['# ratio', 'comment.line.number-sign'],
    ],
  },
  // bleed: unclosed brace / string / bracket / grouping paren stop at the end of the line
  {
    lang: 'promql',
    query: 'up{job="api"\nrate(foo[5m])',
    expect: [
      ['rate', 'support.function.builtin'],
      ['rate', '!meta.selector'],
      ['foo', 'variable.other.metric'],
    ],
  },
  {
    lang: 'promql',
    query: 'up{job="api}\nsum(x)',
    expect: [
      ['sum', 'support.function.aggregation'],
      ['sum', '!string'],
      ['sum', '!meta.selector'],
    ],
  },
  {
    lang: 'promql',
    query: "rate(x[5m\nsum by (le\n) (y)",
    expect: [
      ['sum', 'support.function.aggregation'],
      ['sum', '!meta.range'],
      ['y', 'variable.other.metric'],
      ['y', '!meta.grouping'],
    ],
  },

  // ---------------------------------------------------------------- LogQL
  {
    lang: 'logql',
    query: 'sum(rate({app="web"} |= "error" | json | level="error" [5m])) by (pod)',
    expect: [
      ['sum', 'support.function.aggregation'],
      ['rate', 'support.function.builtin'],
      ['{', 'punctuation.section.braces.begin'],
      ['app', 'entity.name.tag.label'],
      ['app', 'meta.selector.stream'],
      ['=', 'keyword.operator.matcher'],
      ['"web"', 'string.quoted.double'],
      ['|=', 'keyword.operator.line-filter'],
      ['"error"', 'string.quoted.double'],
      ['|', 'keyword.operator.pipe', 1],
      ['json', 'keyword.control.parser'],
      ['level', 'entity.name.tag.label'],
      ['=', 'keyword.operator.comparison', 2],
      ['"error"', 'string.quoted.double', 1],
      ['5m', 'constant.numeric.duration'],
      ['5m', 'meta.range'],
      ['by', 'keyword.control.grouping'],
      ['pod', 'entity.name.tag.label'],
    ],
  },
  {
    lang: 'logql',
    query: '{app="x"} | logfmt | unwrap duration_seconds(latency) | __error__=""',
    expect: [
      ['logfmt', 'keyword.control.parser'],
      ['unwrap', 'keyword.control.stage'],
      ['duration_seconds', 'support.function.conversion'],
      ['latency', 'entity.name.tag.label'],
      ['__error__', 'entity.name.tag.label'],
      ['=', 'keyword.operator.comparison', 1],
      ['""', 'string.quoted.double'],
    ],
  },
  {
    lang: 'logql',
    query: '{app="x", level=~"err.*", env!="dev", ns!~"kube-.*"} != "debug" |~ "time(out)?" !~ "health" |> "<_> 500 <_>" !> "GET <_>" |= "a" or "b"',
    expect: [
      ['level', 'entity.name.tag.label'],
      ['=~', 'keyword.operator.matcher'],
      ['!=', 'keyword.operator.matcher'],
      ['!~', 'keyword.operator.matcher'],
      ['!=', 'keyword.operator.line-filter', 1],
      ['|~', 'keyword.operator.line-filter'],
      ['!~', 'keyword.operator.line-filter', 1],
      ['|>', 'keyword.operator.line-filter'],
      ['"<_> 500 <_>"', 'string.quoted.double'],
      ['!>', 'keyword.operator.line-filter'],
      ['|=', 'keyword.operator.line-filter'],
      ['or', 'keyword.operator.logical'],
      ['"b"', 'string.quoted.double'],
    ],
  },
  {
    lang: 'logql',
    query: '# nginx access log\n{job="nginx"} | pattern "<ip> - <_>" | regexp `(?P<method>\\w+) (?P<path>\\S+)` | unpack | decolorize # done',
    expect: [
      ['# nginx access log', 'comment.line.number-sign'],
      ['job', 'entity.name.tag.label'],
      ['job', '!comment'],
      ['pattern', 'keyword.control.parser'],
      ['"<ip> - <_>"', 'string.quoted.double'],
      ['regexp', 'keyword.control.parser'],
      ['`(?P<method>\\w+) (?P<path>\\S+)`', 'string.quoted.raw'],
      ['unpack', 'keyword.control.parser'],
      ['decolorize', 'keyword.control.stage'],
      ['# done', 'comment.line.number-sign'],
    ],
  },
  {
    lang: 'logql',
    query: '{app="x"} | logfmt --strict --keep-empty | status >= 500 or duration > 1.5s and size > 10KB, size <= 5MiB | drop __error__, __error_details__ | keep app, level',
    expect: [
      ['--strict', 'constant.language.flag'],
      ['--keep-empty', 'constant.language.flag'],
      ['status', 'entity.name.tag.label'],
      ['>=', 'keyword.operator.comparison'],
      ['500', 'constant.numeric.decimal'],
      ['or', 'keyword.operator.logical'],
      ['duration', 'entity.name.tag.label'],
      ['1.5s', 'constant.numeric.duration'],
      ['and', 'keyword.operator.logical'],
      ['size', 'entity.name.tag.label'],
      ['10KB', 'constant.numeric.bytes'],
      ['<=', 'keyword.operator.comparison'],
      ['5MiB', 'constant.numeric.bytes'],
      ['drop', 'keyword.control.stage'],
      ['__error_details__', 'entity.name.tag.label'],
      ['keep', 'keyword.control.stage', 1],
      ['level', 'entity.name.tag.label'],
    ],
  },
  {
    lang: 'logql',
    query: '{app="x"} | line_format "{{.level | ToUpper}} \\"{{.msg}}\\"" | label_format dst=src, foo="{{.bar}}"',
    expect: [
      ['line_format', 'keyword.control.stage'],
      ['{{.level | ToUpper}}', 'constant.other.placeholder.template'],
      ['{{.level | ToUpper}}', 'string.quoted.double'],
      ['{{.msg}}', 'constant.other.placeholder.template'],
      ['\\"', 'constant.character.escape'],
      ['label_format', 'keyword.control.stage'],
      ['dst', 'entity.name.tag.label'],
      ['src', 'entity.name.tag.label'],
      ['foo', 'entity.name.tag.label'],
      ['{{.bar}}', 'constant.other.placeholder.template'],
    ],
  },
  {
    lang: 'logql',
    query: 'topk(10, sum by (pod) (bytes_over_time({app="x"}[1h] offset 1d))) / sum without (pod) (bytes_rate({app="x"}[1h]))',
    expect: [
      ['topk', 'support.function.aggregation'],
      ['10', 'constant.numeric.decimal'],
      ['sum', 'support.function.aggregation'],
      ['by', 'keyword.control.grouping'],
      ['pod', 'entity.name.tag.label'],
      ['bytes_over_time', 'support.function.builtin'],
      ['1h', 'constant.numeric.duration'],
      ['offset', 'keyword.control.offset'],
      ['1d', 'constant.numeric.duration'],
      ['/', 'keyword.operator.arithmetic'],
      ['without', 'keyword.control.grouping'],
      ['bytes_rate', 'support.function.builtin'],
    ],
  },
  {
    lang: 'logql',
    query: 'sum(count_over_time({app="x"}[5m])) / sum(count_over_time({app="y"}[5m])) * 100 > bool 0.5 unless on(pod) group_left vector(0) == 1 != 2 < 3 % 4 ^ 5',
    expect: [
      ['count_over_time', 'support.function.builtin'],
      ['*', 'keyword.operator.arithmetic'],
      ['100', 'constant.numeric.decimal'],
      ['>', 'keyword.operator.comparison'],
      ['bool', 'keyword.control.bool'],
      ['0.5', 'constant.numeric.decimal'],
      ['unless', 'keyword.operator.logical'],
      ['on', 'keyword.control.grouping'],
      ['group_left', 'keyword.control.grouping'],
      ['vector', 'support.function.builtin'],
      ['==', 'keyword.operator.comparison'],
      ['!=', 'keyword.operator.comparison'],
      ['<', 'keyword.operator.comparison'],
      ['%', 'keyword.operator.arithmetic'],
      ['^', 'keyword.operator.arithmetic'],
    ],
  },
  {
    lang: 'logql',
    query: 'rate_counter({app="x"} | logfmt | unwrap count [1m]) + quantile_over_time(0.99, {app="x"} | json | unwrap bytes(size) | __error__="" [5m]) by (pod) + sum(avg_over_time({a="b"} | unwrap duration(d) [1m]))',
    expect: [
      ['rate_counter', 'support.function.builtin'],
      ['count', 'entity.name.tag.label'],
      ['1m', 'constant.numeric.duration'],
      ['quantile_over_time', 'support.function.builtin'],
      ['0.99', 'constant.numeric.decimal'],
      ['bytes', 'support.function.conversion'],
      ['size', 'entity.name.tag.label'],
      ['duration', 'support.function.conversion'],
      ['d', 'entity.name.tag.label'],
    ],
  },
  {
    lang: 'logql',
    query: 'sum by (level) (count_over_time({app="x"} |= ip("10.0.0.0/8") | addr = ip("192.168.0.1") [5m])) > 0x10',
    expect: [
      ['ip', 'support.function.filter'],
      ['"10.0.0.0/8"', 'string.quoted.double'],
      ['addr', 'entity.name.tag.label'],
      ['ip', 'support.function.filter', 1],
      ['0x10', 'constant.numeric.hex'],
    ],
  },
  // multi-line query, raw string spanning lines
  {
    lang: 'logql',
    query: '{app="x"}\n  | json\n  | line_format `{{.a}}\n{{.b}}`\n  | level != "debug"',
    expect: [
      ['json', 'keyword.control.parser'],
      ['line_format', 'keyword.control.stage'],
      ['{{.b}}', 'string.quoted.raw'],
      ['{{.b}}', 'constant.other.placeholder.template'],
      ['level', 'entity.name.tag.label'],
      ['level', '!string'],
      ['!=', 'keyword.operator.comparison'],
    ],
  },
  // bleed: unclosed brace / string stop at the end of the line
  {
    lang: 'logql',
    query: '{app="x"\n| json',
    expect: [
      ['json', 'keyword.control.parser'],
      ['json', '!meta.selector'],
    ],
  },
  {
    lang: 'logql',
    query: '{app="x"} |= "oops\nsum(rate({app="y"}[5m]))',
    expect: [
      ['sum', 'support.function.aggregation'],
      ['sum', '!string'],
      ['app', 'entity.name.tag.label', 1],
    ],
  },
  {
    lang: 'logql',
    query: String.raw`{a="b"} | json != "x" | logfmt |~ "\\d+" |= "\d" | line_format ` + '`{{ if eq .level "error" }}E{{ end }}`',
    expect: [
      ['json', 'keyword.control.parser'],
      ['!=', 'keyword.operator.line-filter'],
      ['logfmt', 'keyword.control.parser'],
      [String.raw`\\`, 'constant.character.escape'],
      [String.raw`\d`, 'invalid.illegal.unknown-escape', 1],
      ['{{ if eq .level "error" }}', 'constant.other.placeholder.template'],
      ['{{ end }}', 'constant.other.placeholder.template'],
      ['{{ end }}', 'string.quoted.raw'],
    ],
  },
  {
    lang: 'logql',
    query: "{app='x'} | count > 2",
    expect: [
      ["'x'", '!string'],
      ['count', 'entity.name.tag.label'],
      ['2', 'constant.numeric.decimal'],
    ],
  },
];

// Every function / aggregation name must be recognised as such (generated cases).
const PROMQL_FUNCTIONS = `abs absent absent_over_time ceil changes clamp clamp_max clamp_min day_of_month
  day_of_week day_of_year days_in_month delta deriv exp floor histogram_avg histogram_count
  histogram_fraction histogram_quantile histogram_stddev histogram_stdvar histogram_sum holt_winters
  double_exponential_smoothing hour idelta increase irate label_join label_replace ln log2 log10 minute
  month predict_linear rate resets round scalar sgn sort sort_desc sort_by_label sort_by_label_desc sqrt
  time timestamp vector year avg_over_time min_over_time max_over_time sum_over_time count_over_time
  quantile_over_time stddev_over_time stdvar_over_time last_over_time present_over_time mad_over_time
  acos acosh asin asinh atan atanh cos cosh sin sinh tan tanh deg rad pi`.split(/\s+/);
const PROMQL_AGGREGATIONS = `sum min max avg group stddev stdvar count count_values bottomk topk quantile
  limitk limit_ratio`.split(/\s+/);
const LOGQL_FUNCTIONS = `rate count_over_time bytes_rate bytes_over_time absent_over_time sum_over_time
  avg_over_time max_over_time min_over_time first_over_time last_over_time stdvar_over_time
  stddev_over_time quantile_over_time rate_counter`.split(/\s+/);
const LOGQL_AGGREGATIONS = 'sum avg min max stddev stdvar count topk bottomk sort sort_desc'.split(/\s+/);

for (const f of PROMQL_FUNCTIONS) {
  CASES.push({ lang: 'promql', query: `${f}(x[5m])`, expect: [[f, 'support.function.builtin']] });
}
for (const a of PROMQL_AGGREGATIONS) {
  CASES.push({
    lang: 'promql',
    query: `${a} by (job) (x)`,
    expect: [[a, 'support.function.aggregation'], ['job', 'entity.name.tag.label']],
  });
}
for (const f of LOGQL_FUNCTIONS) {
  CASES.push({ lang: 'logql', query: `${f}({app="x"}[5m])`, expect: [[f, 'support.function.builtin']] });
}
for (const a of LOGQL_AGGREGATIONS) {
  CASES.push({
    lang: 'logql',
    query: `${a}(rate({app="x"}[1m])) + ${a} by (pod) (rate({app="x"}[1m]))`,
    expect: [
      [a, 'support.function.aggregation'],
      [a, 'support.function.aggregation', 1],
    ],
  });
}

// ------------------------------------------------------------------ setup
function loadPackage(name) {
  const bases = [import.meta.url, path.join(process.cwd(), 'noop.js')];
  for (const base of bases) {
    try {
      const req = createRequire(base);
      return { mod: req(name), req };
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') throw err;
    }
  }
  console.error(`cannot resolve '${name}': install vscode-textmate and vscode-oniguruma (npm i -D vscode-textmate vscode-oniguruma)`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const { mod: vsctm } = loadPackage('vscode-textmate');
const { mod: oniguruma, req: onigReq } = loadPackage('vscode-oniguruma');

const wasm = fs.readFileSync(onigReq.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const onigLib = Promise.resolve({
  createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
  createOnigString: (s) => new oniguruma.OnigString(s),
});

const GRAMMARS = {
  promql: { scopeName: 'source.promql', file: 'promql.tmLanguage.json' },
  logql: { scopeName: 'source.logql', file: 'logql.tmLanguage.json' },
};
const byScope = Object.fromEntries(Object.values(GRAMMARS).map((g) => [g.scopeName, g.file]));

const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async (scopeName) => {
    const file = byScope[scopeName];
    if (!file) return null;
    const full = path.join(grammarDir, file);
    return vsctm.parseRawGrammar(fs.readFileSync(full, 'utf8'), full);
  },
});

let passed = 0;
let failed = 0;
const fail = (msg) => {
  failed++;
  console.log(`FAIL ${msg}`);
};

// ------------------------------------------------------------------ static checks
for (const [lang, g] of Object.entries(GRAMMARS)) {
  const full = path.join(grammarDir, g.file);
  let raw;
  try {
    raw = JSON.parse(fs.readFileSync(full, 'utf8'));
  } catch (err) {
    fail(`${lang}: ${g.file} is not valid JSON: ${err.message}`);
    continue;
  }
  if (raw.scopeName === g.scopeName) passed++;
  else fail(`${lang}: scopeName is ${raw.scopeName}, expected ${g.scopeName}`);

  // Every regex in the grammar must compile with Oniguruma (unreached rules are compiled lazily
  // by the tokenizer, so compile them all here).
  const regexes = [];
  const walk = (node, where) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') regexes.push([`${where}.${k}`, v]);
      else walk(v, `${where}.${k}`);
    }
  };
  walk(raw, lang);
  let bad = 0;
  for (const [where, src] of regexes) {
    try {
      new oniguruma.OnigScanner([src]).dispose();
    } catch (err) {
      bad++;
      fail(`${where}: regex does not compile: ${src} (${err.message ?? err})`);
    }
  }
  if (!bad) passed++;

  // Every #include must point at an existing repository entry.
  const includes = [];
  const walkInc = (node) => {
    if (Array.isArray(node)) return node.forEach(walkInc);
    if (!node || typeof node !== 'object') return;
    if (typeof node.include === 'string') includes.push(node.include);
    Object.values(node).forEach(walkInc);
  };
  walkInc(raw);
  const missing = includes.filter((i) => i.startsWith('#') && !(i.slice(1) in (raw.repository ?? {})));
  if (missing.length) fail(`${lang}: unknown includes ${missing.join(', ')}`);
  else passed++;
}

// ------------------------------------------------------------------ language configurations
for (const lang of Object.keys(GRAMMARS)) {
  const file = `${lang}.language-configuration.json`;
  let conf;
  try {
    conf = JSON.parse(fs.readFileSync(path.join(grammarDir, file), 'utf8'));
  } catch (err) {
    fail(`${file}: cannot read as JSON: ${err.message}`);
    continue;
  }
  const pairs = (conf.brackets ?? []).map((p) => p.join(''));
  const closing = (conf.autoClosingPairs ?? []).map((p) => (Array.isArray(p) ? p[0] : p.open));
  const checks = [
    ['line comment is #', conf.comments?.lineComment === '#'],
    ['brackets (), [], {}', ['()', '[]', '{}'].every((p) => pairs.includes(p))],
    ['auto-closing ( [ { " `', ['(', '[', '{', '"', '`'].every((o) => closing.includes(o))],
    ['wordPattern is a valid RegExp', (() => {
      try { new RegExp(conf.wordPattern ?? ''); return true; } catch { return false; }
    })()],
  ];
  for (const [what, ok] of checks) {
    if (ok) passed++;
    else fail(`${file}: ${what}`);
  }
}

// ------------------------------------------------------------------ tokenizing checks
const grammars = {};
for (const [lang, g] of Object.entries(GRAMMARS)) {
  grammars[lang] = await registry.loadGrammar(g.scopeName);
  if (!grammars[lang]) {
    fail(`${lang}: grammar ${g.scopeName} could not be loaded`);
  }
}

function tokenize(grammar, text) {
  const out = [];
  let stack = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end <= t.startIndex) continue;
      out.push({ start: offset + t.startIndex, end: offset + end, text: line.slice(t.startIndex, end), scopes: t.scopes });
    }
    stack = r.ruleStack;
    offset += line.length + 1;
  }
  return out;
}

// n-th occurrence of needle; a needle that starts (ends) with a word character only matches
// where the query has no word character just before (after) it, so 'le' does not match in 'label'.
function nthIndex(haystack, needle, n) {
  const isWord = (ch) => ch !== undefined && /\w/.test(ch);
  let seen = -1;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    if (isWord(needle[0]) && isWord(haystack[i - 1])) continue;
    if (isWord(needle[needle.length - 1]) && isWord(haystack[i + needle.length])) continue;
    if (++seen === n) return i;
  }
  return -1;
}

let caseNo = 0;
for (const c of CASES) {
  caseNo++;
  const grammar = grammars[c.lang];
  if (!grammar) continue;
  const tokens = tokenize(grammar, c.query);
  const label = `${c.lang}#${caseNo} ${JSON.stringify(c.query.length > 70 ? c.query.slice(0, 67) + '...' : c.query)}`;
  if (showTokens) {
    console.log(`\n== ${c.lang}: ${c.query}`);
    for (const t of tokens) console.log(`  ${JSON.stringify(t.text).padEnd(40)} ${t.scopes.join(' ')}`);
  }
  for (const [text, scopeSpec, occurrence = 0] of c.expect) {
    const negative = scopeSpec.startsWith('!');
    const scope = negative ? scopeSpec.slice(1) : scopeSpec;
    const start = nthIndex(c.query, text, occurrence);
    const what = `${label}: ${JSON.stringify(text)}${occurrence ? `[${occurrence}]` : ''} ${negative ? 'not ' : ''}${scope}`;
    if (start < 0) {
      fail(`${what}: text not found in query`);
      continue;
    }
    const end = start + text.length;
    const covering = tokens.filter((t) => t.end > start && t.start < end);
    const aligned = covering.length > 0 && covering[0].start === start && covering[covering.length - 1].end === end;
    if (!aligned) {
      fail(`${what}: not whole tokens, got ${covering.map((t) => JSON.stringify(t.text)).join(' ')}`);
      continue;
    }
    const offending = covering.filter((t) => t.scopes.some((s) => s.includes(scope)) === negative);
    if (offending.length) {
      fail(`${what}: got ${offending.map((t) => `${JSON.stringify(t.text)} -> ${t.scopes.join(' ')}`).join('; ')}`);
    } else {
      passed++;
    }
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
