// Checks that a child's output goes straight into its log file, reads back exactly as a live capture would, and that
// runProcess falls back to piping when the log file cannot be opened.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoundedCapture } from '../../../src/process/capture.js';
import { FileCapture } from '../../../src/process/file-capture.js';
import { runProcess } from '../../../src/process/run-process.js';
import { makeTempDir, NODE, specFor } from '../../kit/process-harness.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});

afterEach(() => {
  cleanup();
});

/** What a live BoundedCapture makes of the same bytes. */
async function liveCapture(bytes: Buffer, limit: number): Promise<string> {
  const capture = new BoundedCapture(dir, 'live', 'stdout', limit);
  const source = new PassThrough();
  capture.attach(source);
  source.end(bytes);
  await new Promise((resolve) => source.on('end', resolve));
  return (await capture.finish()).text;
}

describe('FileCapture', () => {
  it('reads back the same text, cut and whole, as a live capture of the same bytes', async () => {
    // Multi-byte characters on both cut points: the fragments are dropped the same way.
    const bytes = Buffer.from(`Aé${'日本語'.repeat(40)}x${'ü'.repeat(33)}Z`, 'utf8');
    for (const limit of [7, 8, 64, 101, bytes.length, bytes.length + 10]) {
      const capture = FileCapture.open(dir, `file-${limit}`, 'stdout', limit)!;
      writeFileSync(capture.descriptor, bytes);
      const captured = await capture.finish();
      const live = await liveCapture(bytes, limit);
      expect(captured.text.replace(capture.file, 'FILE'), `limit ${limit}`).toBe(
        live.replace(join(dir, 'live.stdout.log'), 'FILE'),
      );
      expect(captured).toMatchObject({ truncated: bytes.length > limit, totalBytes: bytes.length });
    }
  });

  it('cannot open a log file in a folder that does not exist', () => {
    expect(FileCapture.open(join(dir, 'missing'), 'agent', 'stdout')).toBeUndefined();
  });
});

describe('runProcess: output capture', () => {
  it('makes the log file the child’s stdout: a large output is all in the file, its head and tail in the result', async () => {
    const script = 'process.stdout.write("A" + "x".repeat(3 * 1024 * 1024) + "Z"); process.stderr.write("warned\\n");';
    const result = await runProcess(specFor(dir, { argv: [NODE, '-e', script], memoryLimitBytes: 1024 }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatchObject({
      truncated: true,
      totalBytes: 3 * 1024 * 1024 + 2,
      file: join(dir, 'out', 'agent.stdout.log'),
    });
    expect(result.stdout.text).toMatch(/^Ax+\n\[… \d+ bytes cut: full output in .*agent\.stdout\.log …\]\nx+Z$/);
    expect(readFileSync(result.stdout.file, 'utf8')).toHaveLength(3 * 1024 * 1024 + 2);
    expect(result.stderr.text).toBe('warned\n');
  });

  it('pipes the output through memory when the log folder cannot be created, and still returns it', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const result = await runProcess(
      specFor(dir, { argv: [NODE, '-e', 'process.stdout.write("hello")'], outputDir: join(blocker, 'logs') }),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout.text).toBe('hello');
  });
});
