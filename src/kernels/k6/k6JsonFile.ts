import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LineSplitter } from './lineSplitter';
import type { K6Metrics } from './k6Metrics';

export interface ReadResult {
  /** The file ended without a newline and its last line was not k6 JSON (k6 was killed mid-write). */
  truncatedLastLine: boolean;
}

/**
 * Streams a k6 JSON output file (plain, or gzip as `--out json=x.json.gz` writes it: told by its
 * first bytes, not its name) line by line into `metrics`. Memory stays at one chunk and the
 * metrics, whatever the file's size.
 */
export async function readK6JsonFile(path: string, metrics: K6Metrics): Promise<ReadResult> {
  const splitter = new LineSplitter((text, start, end, n) => metrics.addRange(text, start, end, n));
  for await (const chunk of decompressed(path)) splitter.push(chunk);
  const last = splitter.end();
  if (last === undefined) return { truncatedLastLine: false };
  const invalidBefore = metrics.invalidLines;
  metrics.addLine(last, splitter.lineNumber + 1);
  if (metrics.invalidLines === invalidBefore) return { truncatedLastLine: false };
  // Not a problem in the file's body: forget it as one, report it as a cut-off end.
  metrics.invalidLines--;
  if (metrics.firstInvalid?.line === splitter.lineNumber + 1) metrics.firstInvalid = undefined;
  return { truncatedLastLine: true };
}

/**
 * The file's bytes, gunzipped if they start with gzip's magic number. The first chunk is looked
 * at in the one stream: opening the file a second time to peek would eat the start of a pipe.
 */
async function* decompressed(path: string): AsyncGenerator<Buffer> {
  const chunks = createReadStream(path, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < 2 && !done) {
    const next = await chunks.next();
    if (next.done) done = true;
    else head = Buffer.concat([head, next.value as Buffer]);
  }
  const rest = async function* () {
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
  };
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    yield* rest();
    return;
  }
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  pipeline(Readable.from(rest()), gunzip, () => undefined); // errors surface in the loop below
  for await (const chunk of gunzip) yield chunk as Buffer;
}
