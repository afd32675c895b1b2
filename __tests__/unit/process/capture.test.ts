// Checks BoundedCapture against a naive model: the file has every byte, memory keeps exactly the head and tail.

import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoundedCapture } from '../../../src/process/capture.js';
import { makeTempDir } from '../../kit/process-harness.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});

afterEach(() => {
  cleanup();
});

function expectedText(all: Buffer, limit: number, file: string): string {
  if (all.length <= limit) return all.toString('utf8');
  const head = all.subarray(0, Math.floor(limit / 2));
  const tail = all.subarray(all.length - (limit - head.length));
  const cut = all.length - head.length - tail.length;
  return `${head.toString('utf8')}\n[… ${cut} bytes cut: full output in ${file} …]\n${tail.toString('utf8')}`;
}

/** Deterministic pseudo-random chunk sizes, so a failure can be replayed. */
function chunksOf(all: Buffer, seed: number, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  let state = seed;
  for (let at = 0; at < all.length; ) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const size = 1 + (state % maxChunk);
    chunks.push(all.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('BoundedCapture', () => {
  it('keeps the whole stream while it fits, and writes it to the file', async () => {
    const capture = new BoundedCapture(dir, 'small', 'stdout', 64);
    capture.write(Buffer.from('hello '));
    capture.write(Buffer.from('wörld'));
    const result = await capture.finish();
    expect(result).toEqual({ text: 'hello wörld', truncated: false, totalBytes: 12, file: `${dir}/small.stdout.log` });
    expect(readFileSync(result.file, 'utf8')).toBe('hello wörld');
  });

  it('matches the head + marker + tail model for any chunking', async () => {
    const all = Buffer.from(Array.from({ length: 5_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''));
    for (const [seed, limit, maxChunk] of [
      [1, 100, 1],
      [2, 100, 7],
      [3, 101, 250],
      [4, 1_000, 3_000],
      [5, 4_999, 64],
      [6, 5_000, 999],
      [7, 1, 5],
      [8, 0, 40],
    ] as const) {
      const capture = new BoundedCapture(dir, `model-${seed}`, 'stderr', limit);
      chunksOf(all, seed, maxChunk).forEach((chunk) => capture.write(chunk));
      const result = await capture.finish();
      expect(result.totalBytes).toBe(all.length);
      expect(result.truncated).toBe(all.length > limit);
      expect(result.text).toBe(expectedText(all, limit, result.file));
      expect(readFileSync(result.file).equals(all)).toBe(true);
    }
  });

  it('drops split multi-byte characters at the cut instead of printing U+FFFD', async () => {
    const capture = new BoundedCapture(dir, 'utf8', 'stdout', 9);
    capture.write(Buffer.from('ééééééééééé'));
    const result = await capture.finish();
    expect(result.truncated).toBe(true);
    expect(result.text).not.toContain('\uFFFD');
    expect(result.text).toMatch(/^éé\n\[… \d+ bytes cut: .* …\]\né+$/);
  });

  it('reads a stream through attach and still returns when the log file cannot be created', async () => {
    const capture = new BoundedCapture(`${dir}/missing/dir`, 'broken', 'stdout', 1024);
    const source = new PassThrough();
    capture.attach(source);
    source.end(Buffer.alloc(100_000, 'y'));
    await new Promise((resolve) => source.once('end', resolve));
    const result = await capture.finish();
    expect(result.totalBytes).toBe(100_000);
    expect(result.truncated).toBe(true);
    expect(result.text).toContain('log file failed');
  });
});
