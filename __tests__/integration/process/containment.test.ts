// Tests the containment of agent processes (src/process/containment.ts): the per-run marker sweep and the cgroup.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AgentCage,
  ownCgroups,
  RUN_MARKER,
  RUN_MARKER_NAME,
  removeStaleCages,
  sweepLeftovers,
} from '../../../src/process/containment.js';
import { isAlive, makeTempDir, waitFor } from '../../kit/process-harness.js';

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

/** Starts `sh -c 'echo $$ > file; exec sleep'` under setsid with `env`; returns the daemon's pid. */
async function daemon(dir: string, name: string, env: NodeJS.ProcessEnv, prefix: string[] = []): Promise<number> {
  const file = join(dir, `${name}.pid`);
  spawn('setsid', [...prefix, '/bin/sh', '-c', 'echo $$ > "$0"; exec sleep 600', file], {
    stdio: 'ignore',
    env,
  }).unref();
  expect(await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '', 5_000)).toBe(true);
  const pid = Number(readFileSync(file, 'utf8').trim());
  started.push(pid);
  return pid;
}

describe('sweepLeftovers', () => {
  it('kills a setsid daemon that carries the run marker, and leaves one without it alone (what env -i escapes)', async () => {
    const { dir, cleanup } = makeTempDir();
    const marked = await daemon(dir, 'marked', { PATH: process.env.PATH, [RUN_MARKER_NAME]: RUN_MARKER });
    const cleared = await daemon(dir, 'cleared', { PATH: process.env.PATH, [RUN_MARKER_NAME]: RUN_MARKER }, [
      'env',
      '-i',
    ]);
    const otherRun = await daemon(dir, 'other', { PATH: process.env.PATH, [RUN_MARKER_NAME]: 'another-run' });
    sweepLeftovers();
    expect(await waitFor(() => !isAlive(marked), 5_000)).toBe(true);
    expect(isAlive(cleared)).toBe(true);
    expect(isAlive(otherRun)).toBe(true);
    cleanup();
  });
});

describe('AgentCage', () => {
  it('holds a process and a daemon it starts later with setsid env -i, and kills both', async (ctx) => {
    const { dir, cleanup } = makeTempDir();
    const file = join(dir, 'daemon.pid');
    // The daemon starts after the cage is made: it inherits the cgroup whatever session or environment it makes.
    const script =
      'while [ ! -e "$1" ]; do sleep 0.05; done; setsid env -i /bin/sh -c "echo \\$\\$ > \\"$0\\"; exec sleep 600" "$0" & sleep 600';
    const parent = spawn('/bin/sh', ['-c', script, file, join(dir, 'go')], { stdio: 'ignore', detached: true });
    started.push(parent.pid!);
    const cage = AgentCage.around(parent.pid!);
    if (!cage) {
      cleanup();
      return ctx.skip('this machine gives us no cgroup to make (not root, no delegated cgroup)');
    }
    writeFileSync(join(dir, 'go'), '');
    expect(await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '', 5_000)).toBe(true);
    const daemonPid = Number(readFileSync(file, 'utf8').trim());
    started.push(daemonPid);
    expect(isAlive(daemonPid)).toBe(true);
    await cage.killAll();
    expect(await waitFor(() => !isAlive(daemonPid) && !isAlive(parent.pid!), 5_000)).toBe(true);
    cleanup();
  });

  it('also takes in what the process forked before the cage was made, a setsid grandchild without the marker included', async (ctx) => {
    const { dir, cleanup } = makeTempDir();
    const file = join(dir, 'early.pid');
    // The grandchild leaves the process group and the session before the cage exists: only its ancestry finds it.
    const script = 'setsid env -i /bin/sh -c "echo \\$\\$ > \\"$0\\"; exec sleep 600" "$0" & sleep 600';
    const parent = spawn('/bin/sh', ['-c', script, file], { stdio: 'ignore', detached: true });
    started.push(parent.pid!);
    expect(await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '', 5_000)).toBe(true);
    const early = Number(readFileSync(file, 'utf8').trim());
    started.push(early);
    const cage = AgentCage.around(parent.pid!);
    if (!cage) {
      cleanup();
      return ctx.skip('this machine gives us no cgroup to make (not root, no delegated cgroup)');
    }
    await cage.killAll();
    expect(await waitFor(() => !isAlive(early) && !isAlive(parent.pid!), 5_000)).toBe(true);
    cleanup();
  });

  it('removes the empty cages a run killed outright left behind, and only those', async (ctx) => {
    const parents = ownCgroups();
    const parent = parents.v2 ?? parents.pids;
    if (!parent) return ctx.skip('this machine gives us no cgroup to make (not root, no delegated cgroup)');
    const gone = spawn('true');
    await new Promise((resolve) => gone.on('exit', resolve));
    const stale = join(parent, `ai-orchestra-${gone.pid}-1`);
    const live = join(parent, `ai-orchestra-${process.pid}-999`);
    const other = join(parent, `not-ours-${gone.pid}-1`);
    for (const dir of [stale, live, other]) mkdirSync(dir);
    try {
      removeStaleCages({ [parents.v2 ? 'v2' : 'pids']: parent });
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(other)).toBe(true);
    } finally {
      for (const dir of [stale, live, other]) if (existsSync(dir)) rmdirSync(dir);
    }
  });
});
