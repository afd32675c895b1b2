// Drives runProcess with real child processes: stdin, exit codes, timeouts, aborts and leftover grandchildren.

import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killAllRunning, runProcess } from '../../../src/process/run-process.js';
import {
  isAlive,
  livingGroupMembers,
  makeTempDir,
  NODE,
  readPid,
  specFor,
  waitFor,
} from '../../kit/process-harness.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});

afterEach(() => {
  cleanup();
});

describe('runProcess: stdin and argv', () => {
  it('echoes stdin byte for byte and never runs it through a shell', async () => {
    const hostile = '$(touch pwned) `touch pwned` "; touch pwned; rm -rf / #\' && touch pwned\n';
    const prompt = `${hostile}héllo wörld — 日本語 🎻\n${'0123456789abcdef'.repeat(65_536)}\nend`;
    const result = await runProcess(specFor(dir, { argv: ['cat'], stdin: prompt }));
    expect(result.spawnError).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.stdout.totalBytes).toBe(Buffer.byteLength(prompt));
    expect(result.stdout.truncated).toBe(false);
    expect(result.stdout.text === prompt).toBe(true);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('passes argv elements literally', async () => {
    const args = ['$(touch pwned)', '`touch pwned`', '"; touch pwned #', '*', 'a b'];
    const script = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';
    const result = await runProcess(specFor(dir, { argv: [NODE, '-e', script, ...args] }));
    expect(JSON.parse(result.stdout.text)).toEqual(args);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('looks the program up on spec.env.PATH, not on the PATH of the action', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'private-tool'), '#!/bin/sh\necho "from private tool"\n');
    chmodSync(join(bin, 'private-tool'), 0o755);
    const result = await runProcess(specFor(dir, { argv: ['private-tool'], env: { PATH: bin } }));
    expect(result.spawnError).toBeUndefined();
    expect(result.stdout.text).toBe('from private tool\n');
  });

  it('survives a child that exits without reading a large prompt (EPIPE)', async () => {
    const result = await runProcess(
      specFor(dir, { argv: ['/bin/sh', '-c', 'exit 3'], stdin: 'x'.repeat(8 * 1024 * 1024) }),
    );
    expect(result.exitCode).toBe(3);
    expect(result.spawnError).toBeUndefined();
    expect(result.stdinError).toMatch(/EPIPE/);
  });
});

describe('runProcess: exit status and spawn failures', () => {
  it('propagates the exit code and stderr', async () => {
    const result = await runProcess(specFor(dir, { argv: ['/bin/sh', '-c', 'echo oops >&2; exit 7'] }));
    expect(result.exitCode).toBe(7);
    expect(result.signal).toBeNull();
    expect(result.stderr.text).toBe('oops\n');
    expect(result.timedOut).toBe(false);
    expect(result.aborted).toBe(false);
  });

  it('reports the signal that killed the child', async () => {
    const result = await runProcess(specFor(dir, { argv: ['/bin/sh', '-c', 'kill -9 $$'] }));
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGKILL');
  });

  it('returns spawnError ENOENT for a missing program', async () => {
    const result = await runProcess(specFor(dir, { argv: ['no-such-agent-cli-xyz', '--help'] }));
    expect(result.spawnError?.code).toBe('ENOENT');
    expect(result.exitCode).toBeNull();
    expect(result.stdout.totalBytes).toBe(0);
    expect(existsSync(result.stdout.file)).toBe(true);
  });

  it('blames a missing working directory instead of the program', async () => {
    const result = await runProcess(specFor(dir, { argv: ['true'], cwd: join(dir, 'gone') }));
    expect(result.spawnError?.code).toBe('ENOENT');
    expect(result.spawnError?.message).toContain('working directory');
  });

  it('returns spawnError for an empty argv or a NUL byte instead of throwing', async () => {
    expect((await runProcess(specFor(dir, { argv: [] }))).spawnError?.code).toBe('EINVAL');
    const nul = await runProcess(specFor(dir, { argv: ['echo', 'a\0b'] }));
    expect(nul.spawnError).toBeDefined();
  });
});

describe('runProcess: timeouts and process groups', () => {
  it('kills a child that ignores SIGTERM, and its grandchild, after timeout + grace', async () => {
    const script = `trap '' TERM; echo $$ > main.pid; sleep 1000 & echo $! > grandchild.pid; while :; do sleep 0.05; done`;
    const started = Date.now();
    const result = await runProcess(
      specFor(dir, { argv: ['/bin/sh', '-c', script], timeoutMs: 300, killGraceMs: 300 }),
    );
    expect(Date.now() - started).toBeLessThan(300 + 300 + 1_000);
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    const pgid = readPid(join(dir, 'main.pid'));
    expect(await waitFor(() => livingGroupMembers(pgid).length === 0)).toBe(true);
    expect(isAlive(readPid(join(dir, 'grandchild.pid')))).toBe(false);
  });

  it('kills a child (and its grandchild) that prints more than maxOutputBytes, long before its timeout', async () => {
    const script = `echo $$ > main.pid; sleep 1000 & echo $! > grandchild.pid; yes 'a line of runaway output'`;
    const started = Date.now();
    const result = await runProcess(
      specFor(dir, {
        argv: ['/bin/sh', '-c', script],
        timeoutMs: 60_000,
        killGraceMs: 300,
        maxOutputBytes: 2 * 1024 ** 2,
        outputCheckMs: 50,
      }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.outputTooLarge).toBe(true);
    expect(result.timedOut).toBe(false);
    // It got past the cap, but not by much: the log file is bounded by the check interval, not by the timeout.
    expect(result.stdout.totalBytes).toBeGreaterThan(2 * 1024 ** 2);
    expect(statSync(result.stdout.file).size).toBeLessThan(2 * 1024 ** 3);
    expect(result.stdout.truncated).toBe(true);
    expect(await waitFor(() => livingGroupMembers(readPid(join(dir, 'main.pid'))).length === 0)).toBe(true);
    expect(isAlive(readPid(join(dir, 'grandchild.pid')))).toBe(false);
  });

  it('returns promptly when the child exits while a grandchild holds stdout', async () => {
    const script = 'echo $$ > main.pid; sleep 1000 & echo $! > grandchild.pid; echo done';
    const started = Date.now();
    const result = await runProcess(specFor(dir, { argv: ['/bin/sh', '-c', script], timeoutMs: 10_000 }));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result.exitCode).toBe(0);
    expect(result.timedOut).toBe(false);
    expect(result.stdout.text).toBe('done\n');
    expect(await waitFor(() => !isAlive(readPid(join(dir, 'grandchild.pid'))))).toBe(true);
    expect(livingGroupMembers(readPid(join(dir, 'main.pid')))).toEqual([]);
  });

  it('kills the group on abort mid-run', async () => {
    const controller = new AbortController();
    const script = 'echo $$ > main.pid; sleep 1000 & wait';
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const result = await runProcess(
      specFor(dir, { argv: ['/bin/sh', '-c', script], signal: controller.signal, timeoutMs: 10_000 }),
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result.aborted).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.signal).toBe('SIGTERM');
    expect(await waitFor(() => livingGroupMembers(readPid(join(dir, 'main.pid'))).length === 0)).toBe(true);
  });

  it('does not spawn at all when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runProcess(
      specFor(dir, { argv: ['/bin/sh', '-c', 'touch started'], signal: controller.signal }),
    );
    expect(result.aborted).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(existsSync(join(dir, 'started'))).toBe(false);
  });

  it('killAllRunning ends every running group', async () => {
    const spec = specFor(dir, { argv: ['/bin/sh', '-c', 'touch started; sleep 1000'], timeoutMs: 10_000 });
    const pending = runProcess(spec);
    expect(await waitFor(() => existsSync(join(dir, 'started')), 2_000)).toBe(true);
    killAllRunning();
    const result = await pending;
    expect(result.signal).toBe('SIGKILL');
  });
});

describe('runProcess: large output', () => {
  it('keeps only a bounded head and tail of 50 MB without a newline, with everything in the file', async () => {
    const size = 50 * 1024 * 1024;
    const script = `const c = Buffer.alloc(1 << 20, 120); c[0] = 65; let n = ${size / (1 << 20)};
      const w = () => { while (n > 0) { n--; if (!process.stdout.write(n === 0 ? Buffer.concat([c.subarray(1), Buffer.from('Z')]) : c)) return process.stdout.once('drain', w); } };
      w();`;
    const limit = 1024 * 1024;
    const result = await runProcess(
      specFor(dir, { argv: [NODE, '-e', script], memoryLimitBytes: limit, timeoutMs: 20_000 }),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout.truncated).toBe(true);
    expect(result.stdout.totalBytes).toBe(size);
    expect(result.stdout.text.length).toBeLessThan(limit + 200);
    expect(result.stdout.text.startsWith('Axxx')).toBe(true);
    expect(result.stdout.text.endsWith('xxxZ')).toBe(true);
    expect(result.stdout.text).toContain(`[… ${size - limit} bytes cut: full output in ${result.stdout.file} …]`);
    expect(statSync(result.stdout.file).size).toBe(size);
  });
});
