// runProcess with `runAs`: the child really is another user, cannot read our environment, and still dies whole on timeout.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_TASK_LIMIT, launchFor, resolveProgram, sudoArgv } from '../../../src/process/run-as.js';
import { runProcess } from '../../../src/process/run-process.js';
import type { RunAs } from '../../../src/process/types.js';
import {
  isAlive,
  livingGroupMembers,
  makeTempDir,
  NODE,
  readPid,
  specFor,
  waitFor,
} from '../../kit/process-harness.js';

/** `nobody` exists on every Linux; these tests switch to it, which needs root. */
const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;
// Under `npm run test:node24` node lives below /root, which the other user cannot enter: it cannot start node at all.
const nobodyCanRunNode = isRoot && spawnSync(NODE, ['-e', '0'], { uid: 65534, gid: 65534 }).status === 0;
const hasSudo = isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  // mkdtemp makes 0700 folders; the other user needs to enter it as its working directory.
  chmodSync(dir, 0o755);
});

afterEach(() => {
  cleanup();
});

describe('sudoArgv and resolveProgram', () => {
  it('passes variables by name only, never their values, and ends options before the program', () => {
    const env = { PATH: '/usr/bin', ANTHROPIC_API_KEY: 'sk-ant-secret', 'BAD,NAME': 'x', 'a-b': 'y' };
    const argv = sudoArgv('agent', '/usr/bin/claude', ['-p', '--model', 'x'], env);
    expect(argv).toEqual([
      '-n',
      '-u',
      'agent',
      '--preserve-env=PATH,ANTHROPIC_API_KEY',
      '--',
      '/usr/bin/claude',
      '-p',
      '--model',
      'x',
    ]);
  });

  it('sets TMPDIR on the command line: the C library strips it from what a setuid sudo receives', () => {
    const argv = sudoArgv('agent', '/bin/prog', [], { PATH: '/usr/bin', TMPDIR: '/home/agent/tmp' });
    expect(argv).toEqual(['-n', '-u', 'agent', '--preserve-env=PATH', 'TMPDIR=/home/agent/tmp', '--', '/bin/prog']);
  });

  it('finds a program on the given PATH, not the action PATH, and keeps explicit paths', async () => {
    const bin = join(dir, 'bin');
    spawnSync('mkdir', [bin]);
    writeFileSync(join(bin, 'my-agent'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(bin, 'not-executable'), '', { mode: 0o644 });
    expect(await resolveProgram('my-agent', `/nonexistent:${bin}`, dir)).toBe(join(bin, 'my-agent'));
    expect(await resolveProgram('not-executable', bin, dir)).toBeUndefined();
    expect(await resolveProgram('./x/y', '', dir)).toBe(join(dir, 'x', 'y'));
    expect(await resolveProgram('/abs/prog', '', dir)).toBe('/abs/prog');
  });

  it('builds a uid/gid launch for root and a sudo launch otherwise', async () => {
    expect(await launchFor(['true'], { via: 'uid', uid: 5, gid: 6 }, {}, dir)).toEqual({
      program: 'true',
      args: [],
      uid: 5,
      gid: 6,
    });
    const sudo = await launchFor(
      ['sh', '-c', 'x'],
      { via: 'sudo', user: 'agent' },
      { PATH: '/usr/bin:/bin', KEY: 'secret' },
      dir,
    );
    expect(sudo?.program).toMatch(/sudo$/);
    // Through prlimit where installed: RLIMIT_NPROC caps the agent user's tasks (we cannot make it a cgroup).
    const limit = existsSync('/usr/bin/prlimit')
      ? ['/usr/bin/prlimit', `--nproc=${AGENT_TASK_LIMIT}:${AGENT_TASK_LIMIT}`, '--']
      : [];
    expect(sudo?.args).toEqual([
      '-n',
      '-u',
      'agent',
      '--preserve-env=PATH,KEY',
      '--',
      ...limit,
      expect.stringMatching(/\/sh$/),
      '-c',
      'x',
    ]);
    expect(JSON.stringify(sudo)).not.toContain('secret');
    expect(
      await launchFor(['no-such-agent'], { via: 'sudo', user: 'agent' }, { PATH: '/usr/bin' }, dir),
    ).toBeUndefined();
  });
});

describe.skipIf(!nobodyCanRunNode)('runProcess as another user (root: spawn switches uid/gid)', () => {
  const runAs: RunAs = { via: 'uid', ...NOBODY };

  it('runs the child with that uid and gid and no supplementary groups', async () => {
    const result = await runProcess(specFor(dir, { argv: ['sh', '-c', 'id -u; id -g; id -G'], runAs }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.text.trim().split('\n')).toEqual(['65534', '65534', '65534']);
  });

  it("cannot read its parent's environment from /proc, which it could as the same user", async () => {
    const script = `try { require('fs').readFileSync('/proc/' + process.ppid + '/environ'); console.log('read') } catch (e) { console.log(e.code) }`;
    const other = await runProcess(specFor(dir, { argv: [NODE, '-e', script], runAs }));
    expect(other.stdout.text.trim()).toBe('EACCES');
    const same = await runProcess(specFor(dir, { argv: [NODE, '-e', script] }));
    expect(same.stdout.text.trim()).toBe('read');
  });

  it('kills the whole group on timeout: a child ignoring SIGTERM and its grandchild', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    chmodSync(dir, 0o777); // the child writes the pid file as nobody
    const script = `trap '' TERM; sleep 1000 & echo $! > ${pidFile}; while :; do sleep 0.1; done`;
    const started = Date.now();
    const result = await runProcess(
      specFor(dir, { argv: ['sh', '-c', script], runAs, timeoutMs: 500, killGraceMs: 300 }),
    );
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(existsSync(pidFile)).toBe(true);
    const grandchild = readPid(pidFile);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('reports EACCES with a hint when the user cannot reach the program', async () => {
    writeFileSync(join(dir, 'agent'), '#!/bin/sh\n', { mode: 0o755 });
    chmodSync(dir, 0o700);
    const result = await runProcess(specFor(dir, { argv: [join(dir, 'agent')], runAs }));
    expect(result.spawnError?.code).toBe('EACCES');
    expect(result.spawnError?.message).toContain('search access');
  });
});

describe.skipIf(!hasSudo)('runProcess as another user through sudo', () => {
  const runAs: RunAs = { via: 'sudo', user: 'nobody' };

  it('runs as that user with the environment passed by name, and stdin intact', async () => {
    const script = 'id -un; printf "%s|%s|" "$MY_KEY" "$TMPDIR"; cat';
    const env = { PATH: '/usr/bin:/bin', MY_KEY: 'k-123', TMPDIR: '/tmp/agent' };
    const result = await runProcess(specFor(dir, { argv: ['sh', '-c', script], runAs, stdin: 'prompt text', env }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.text).toBe('nobody\nk-123|/tmp/agent|prompt text');
  });

  it('kills the whole group on timeout, grandchildren included', async () => {
    chmodSync(dir, 0o777);
    const pidFile = join(dir, 'grandchild.pid');
    const script = `trap '' TERM; sleep 1000 & echo $! > ${pidFile}; while :; do sleep 0.1; done`;
    const result = await runProcess(
      specFor(dir, { argv: ['sh', '-c', script], runAs, timeoutMs: 500, killGraceMs: 300 }),
    );
    expect(result.timedOut).toBe(true);
    const grandchild = readPid(pidFile);
    expect(await waitFor(() => !isAlive(grandchild), 2_000)).toBe(true);
    expect(livingGroupMembers(grandchild)).toEqual([]);
  });
});
