// Records one output stream of a child: every byte goes to a log file, only a bounded head and tail stay in memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { CapturedStream } from './types.js';

export const DEFAULT_MEMORY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Smallest allocation of a growing buffer; small outputs then cost little memory. */
const INITIAL_CAPACITY = 64 * 1024;

/**
 * Keeps the first `limit` bytes in one buffer that grows by doubling, so a child writing
 * millions of 1-byte chunks costs bytes, not millions of Buffer objects.
 */
class HeadBuffer {
  private buf = Buffer.alloc(0);
  length = 0;

  constructor(private readonly limit: number) {}

  /** Stores what fits and returns the rest of the chunk. */
  take(chunk: Buffer): Buffer {
    const room = this.limit - this.length;
    if (room <= 0) return chunk;
    const part = chunk.subarray(0, room);
    this.reserve(this.length + part.length);
    part.copy(this.buf, this.length);
    this.length += part.length;
    return chunk.subarray(part.length);
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  private reserve(needed: number): void {
    if (needed <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(growTo(this.buf.length, needed, this.limit));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }
}

/** Keeps the last `limit` bytes: linear while it grows, a ring once it reached `limit`. */
class TailRing {
  private buf = Buffer.alloc(0);
  /** Next write position once the ring is full; bytes stored while still linear. */
  private pos = 0;
  private full = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    if (this.limit === 0 || chunk.length === 0) return;
    if (!this.full) this.growFor(chunk.length);
    if (!this.full) {
      chunk.copy(this.buf, this.pos);
      this.pos += chunk.length;
      return;
    }
    this.pushWrapped(chunk.subarray(Math.max(0, chunk.length - this.limit)));
  }

  get length(): number {
    return this.full ? this.limit : this.pos;
  }

  bytes(): Buffer {
    if (!this.full) return this.buf.subarray(0, this.pos);
    return Buffer.concat([this.buf.subarray(this.pos), this.buf.subarray(0, this.pos)]);
  }

  private growFor(extra: number): void {
    const needed = this.pos + extra;
    if (this.buf.length < Math.min(needed, this.limit)) {
      const grown = Buffer.allocUnsafe(growTo(this.buf.length, needed, this.limit));
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
    }
    if (needed > this.limit) {
      // Final size reached: this chunk wraps around and makes every byte of the ring valid.
      this.full = true;
      this.pos = this.pos % this.limit;
    }
  }

  private pushWrapped(chunk: Buffer): void {
    const first = Math.min(chunk.length, this.limit - this.pos);
    chunk.copy(this.buf, this.pos, 0, first);
    chunk.copy(this.buf, 0, first);
    this.pos = (this.pos + chunk.length) % this.limit;
  }
}

function growTo(current: number, needed: number, limit: number): number {
  let size = Math.max(current, Math.min(INITIAL_CAPACITY, limit));
  while (size < needed && size < limit) size = Math.min(size * 2, limit);
  return size;
}

export class BoundedCapture {
  readonly file: string;
  private readonly out: WriteStream;
  private readonly head: HeadBuffer;
  private readonly tail: TailRing;
  private totalBytes = 0;
  private fileError?: string;

  /** Bytes the child has printed so far. */
  get bytesSeen(): number {
    return this.totalBytes;
  }
  private closed = false;
  private resumeSource?: () => void;

  constructor(outputDir: string, label: string, stream: 'stdout' | 'stderr', memoryLimitBytes?: number) {
    const limit = Math.max(0, Math.floor(memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES));
    this.head = new HeadBuffer(Math.floor(limit / 2));
    this.tail = new TailRing(limit - Math.floor(limit / 2));
    this.file = `${outputDir}/${label}.${stream}.log`;
    this.out = createWriteStream(this.file);
    // A broken log file (disk full, missing directory) must not crash the action or stall the child.
    this.out.on('error', (err) => {
      this.fileError ??= err.message;
      this.releaseSource();
    });
  }

  /** Returns false when the file wants the producer to pause until `drain`. */
  write(chunk: Buffer): boolean {
    if (this.closed) return true;
    this.totalBytes += chunk.length;
    this.tail.push(this.head.take(chunk));
    if (this.fileError !== undefined) return true;
    return this.out.write(chunk);
  }

  /** Reads `source` into this capture, pausing it while the log file catches up. */
  attach(source: Readable): void {
    source.on('data', (chunk: Buffer) => {
      if (this.write(chunk) || this.fileError !== undefined) return;
      source.pause();
      this.resumeSource = () => source.resume();
      this.out.once('drain', () => this.releaseSource());
    });
  }

  async finish(): Promise<CapturedStream> {
    if (!this.closed) {
      this.closed = true;
      this.releaseSource();
      this.out.end();
      await finished(this.out).catch(() => undefined);
    }
    return {
      text: this.text(),
      truncated: this.truncated,
      totalBytes: this.totalBytes,
      file: this.file,
    };
  }

  private get truncated(): boolean {
    return this.totalBytes > this.head.length + this.tail.length;
  }

  private releaseSource(): void {
    const resume = this.resumeSource;
    this.resumeSource = undefined;
    resume?.();
  }

  private text(): string {
    const where = this.fileError === undefined ? `full output in ${this.file}` : `log file failed: ${this.fileError}`;
    return capturedText(this.head.bytes(), this.tail.bytes(), this.totalBytes, where);
  }
}

/** The whole output when head and tail hold all of it; else head, a visible note of what was cut and where it is, tail. */
export function capturedText(head: Buffer, tail: Buffer, totalBytes: number, where: string): string {
  if (totalBytes <= head.length + tail.length) return Buffer.concat([head, tail]).toString('utf8');
  // Cut points can split a multi-byte character; drop the fragments instead of printing U+FFFD.
  const headText = new StringDecoder('utf8').write(head);
  const tailBytes = skipContinuationBytes(tail);
  const cut = totalBytes - Buffer.byteLength(headText) - tailBytes.length;
  return `${headText}\n[… ${cut} bytes cut: ${where} …]\n${tailBytes.toString('utf8')}`;
}

function skipContinuationBytes(buf: Buffer): Buffer {
  let start = 0;
  while (start < 3 && start < buf.length && ((buf[start] ?? 0) & 0xc0) === 0x80) start++;
  return buf.subarray(start);
}
