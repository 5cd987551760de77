/** k6's exit codes (errext/exitcodes) and what a user should read for each. */
const EXIT_MEANINGS: Record<number, string> = {
  97: 'the k6 Cloud test run failed',
  98: 'k6 could not get the k6 Cloud progress',
  99: 'thresholds crossed',
  100: 'the setup() function timed out',
  101: 'the teardown() function timed out',
  102: 'a k6 timeout expired',
  103: 'the k6 engine failed',
  104: 'k6 rejected the test configuration (options)',
  105: 'k6 was aborted from outside (a signal, or the REST API)',
  106: 'k6 could not start its REST API server',
  107: 'the k6 script threw an exception',
  108: 'the script stopped the test with test.abort()',
  109: 'k6 crashed (a Go panic)',
  110: 'the script marked the test as failed (exec.test.fail())',
};

export function exitMeaning(code: number): string {
  return EXIT_MEANINGS[code] ?? `k6 exited with code ${code}`;
}

/**
 * The messages of k6's error lines on stderr. Without a terminal k6 logs in logfmt
 * (`time="..." level=error msg="ReferenceError: x is not defined\n\tat ..." hint="script exception"`);
 * with one, `ERRO[0001] message`. Escapes in quoted values are undone.
 */
export function k6ErrorMessages(stderr: string): string[] {
  const messages: string[] = [];
  for (const line of stderr.split('\n')) {
    const tty = /^(?:ERRO|FATA)\[\d+\]\s+(.*)$/.exec(line);
    if (tty) {
      messages.push(tty[1].trim());
      continue;
    }
    const fields = parseLogfmt(line);
    if ((fields.level === 'error' || fields.level === 'fatal') && fields.msg) {
      messages.push(fields.error ? `${fields.msg}: ${fields.error}` : fields.msg);
    }
  }
  return messages;
}

/** `key=value key="quoted \"value\""` pairs; unquoted values run to the next space. */
export function parseLogfmt(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const re = /([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (const m of line.matchAll(re)) {
    const raw = m[2];
    fields[m[1]] = raw.startsWith('"') ? unquote(raw.slice(1, -1)) : raw;
  }
  return fields;
}

function unquote(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'u':
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

/**
 * Says where in the cell a script error is: k6 names the temp file it ran
 * (`file:///tmp/illmlab-x/k6-1.js:3:4(12)`); the user knows the cell.
 */
export function pointAtCell(message: string, scriptPath: string, cellLabel: string): string {
  const escaped = scriptPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`(?:file://)?${escaped}(?::(\\d+)(?::(\\d+))?(?:\\(\\d+\\))?)?`, 'g');
  return message.replace(at, (_, line?: string) => (line ? `${cellLabel}, line ${line}` : cellLabel));
}
