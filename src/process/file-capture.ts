// Captures a child's output stream by making its log file the stream itself: the child writes there directly, so no byte
// passes through the action (a 200 MB answer costs it neither memory nor CPU); head and tail are read back at the end.
import { closeSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { capturedText, DEFAULT_MEMORY_LIMIT_BYTES } from './capture.js';
import type { CapturedStream } from './types.js';

export class FileCapture {
  private fd?: number;

  private constructor(
    readonly file: string,
    fd: number,
    private readonly limit: number,
  ) {
    this.fd = fd;
  }

  /** Opens (truncates) `<outputDir>/<label>.<stream>.log`; undefined when it cannot, and the caller reads a pipe instead. */
  static open(
    outputDir: string,
    label: string,
    stream: 'stdout' | 'stderr',
    memoryLimitBytes?: number,
  ): FileCapture | undefined {
    const file = `${outputDir}/${label}.${stream}.log`;
    try {
      return new FileCapture(
        file,
        openSync(file, 'w'),
        Math.max(0, Math.floor(memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES)),
      );
    } catch {
      return undefined;
    }
  }

  /** The descriptor to give the child as this stream. */
  get descriptor(): number {
    if (this.fd === undefined) throw new Error(`${this.file} is already closed`);
    return this.fd;
  }

  /** Once the child has it (or could not be started), our copy of the descriptor is closed. */
  release(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The same result as reading the stream live: everything when it fits `limit`, else its head and tail. */
  async finish(): Promise<CapturedStream> {
    this.release();
    const headLimit = Math.floor(this.limit / 2);
    const tailLimit = this.limit - headLimit;
    const handle = await open(this.file, 'r').catch(() => undefined);
    // Removed while the child ran (nothing else writes there): report no output rather than fail the run.
    if (!handle) return { text: '', truncated: false, totalBytes: 0, file: this.file };
    try {
      const { size } = await handle.stat();
      const read = async (position: number, length: number): Promise<Buffer> => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      };
      const truncated = size > this.limit;
      const head = await read(0, truncated ? headLimit : size);
      const tail = truncated ? await read(size - tailLimit, tailLimit) : Buffer.alloc(0);
      return {
        text: capturedText(head, tail, size, `full output in ${this.file}`),
        truncated,
        totalBytes: size,
        file: this.file,
      };
    } finally {
      await handle.close();
    }
  }
}
