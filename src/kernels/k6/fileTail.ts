import { open, type FileHandle } from 'node:fs/promises';
import { LineSplitter, type OnLineRange } from './lineSplitter';

const CHUNK = 1 << 20;

/**
 * Follows a file another process is writing (k6's JSON output): each `poll()` reads what was
 * appended since the last one and hands out the complete lines; a line still being written
 * waits for its newline. The file may not exist yet (k6 creates it once the test starts).
 */
export class FileTail {
  private handle: FileHandle | undefined;
  private offset = 0;
  private readonly splitter: LineSplitter;
  private readonly buffer = Buffer.alloc(CHUNK);

  constructor(
    private readonly path: string,
    private readonly onLine: OnLineRange,
  ) {
    this.splitter = new LineSplitter(onLine);
  }

  /** Reads to the current end of the file; resolves to the number of bytes read. */
  async poll(): Promise<number> {
    if (!this.handle) {
      try {
        this.handle = await open(this.path, 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw e;
      }
    }
    let total = 0;
    for (;;) {
      const { bytesRead } = await this.handle.read(this.buffer, 0, CHUNK, this.offset);
      if (bytesRead === 0) return total;
      this.offset += bytesRead;
      total += bytesRead;
      // subarray shares memory with the reused buffer: the splitter copies what it keeps.
      this.splitter.push(this.buffer.subarray(0, bytesRead));
    }
  }

  /** After the writer has ended: reads the rest and hands out a last line without newline. */
  async finish(): Promise<void> {
    await this.poll();
    const last = this.splitter.end();
    if (last !== undefined) this.onLine(last, 0, last.length, this.splitter.lineNumber + 1);
    await this.close();
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}
