// Keeps every process an agent starts within reach of our kill, also after `setsid` (a new process group) or
// `env -i`: a cgroup per agent where this machine lets us make one, every process of the agent user, and a
// per-run marker in the environment as the last resort.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { AGENT_TASK_LIMIT, sudoProgram } from './run-as.js';
import type { RunAs } from './types.js';

/** Set in every agent's environment; a process still carrying it after the agent ended is the agent's leftover. */
export const RUN_MARKER_NAME = 'AI_ORCHESTRA_RUN_MARKER';
export const RUN_MARKER = `${process.pid}-${randomBytes(8).toString('hex')}`;
const SUDO_TIMEOUT_MS = 3_000;

function readOr(file: string, fallback = ''): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where our own cgroup sits in each hierarchy we may use: the v2 (unified) one, and the v1 pids controller. */
export function ownCgroups(): { v2?: string; pids?: string } {
  const mounts = readOr('/proc/self/mountinfo')
    .split('\n')
    .map((line) => line.split(' '));
  const mountOf = (match: (fields: string[]) => boolean): string | undefined => mounts.find(match)?.[4];
  const v2Mount = mountOf((f) => f[f.indexOf('-') + 1] === 'cgroup2');
  const pidsMount = mountOf((f) => f[f.indexOf('-') + 1] === 'cgroup' && (f.at(-1) ?? '').split(',').includes('pids'));
  const own = new Map(
    readOr('/proc/self/cgroup')
      .split('\n')
      .map((line) => [line.split(':')[1] ?? '', line.split(':').slice(2).join(':')]),
  );
  const under = (mount: string | undefined, path: string | undefined): string | undefined => {
    if (!mount || path === undefined) return undefined;
    const dir = join(mount, path);
    return existsSync(join(dir, 'cgroup.procs')) && writable(dir) ? dir : undefined;
  };
  return { v2: under(v2Mount, own.get('')), pids: under(pidsMount, own.get('pids')) };
}

let cgroupParents: { v2?: string; pids?: string } | undefined;

const CAGE_NAME = /^ai-orchestra-(\d+)-\d+$/;

/**
 * Removes the empty cages of runs that are gone: a run killed outright (a second signal, the runner's SIGKILL) cannot
 * remove its own, and on a self-hosted runner they would pile up. rmdir removes only an empty cgroup.
 */
export function removeStaleCages(parents: { v2?: string; pids?: string }): void {
  for (const parent of [parents.v2, parents.pids]) {
    if (!parent) continue;
    let names: string[] = [];
    try {
      names = readdirSync(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      const owner = Number(CAGE_NAME.exec(name)?.[1] ?? Number.NaN);
      if (!Number.isInteger(owner) || owner === process.pid || existsSync(`/proc/${owner}`)) continue;
      try {
        rmdirSync(join(parent, name));
      } catch {
        // Still holds a process, or not ours to remove.
      }
    }
  }
}
let sequence = 0;

/** Whether this kernel lists a process's children in /proc (CONFIG_PROC_CHILDREN); read once. */
let childrenListed: boolean | undefined;

/**
 * What `pid` forked before it was moved into its cgroup: its descendants from /proc/<pid>/task/<tid>/children (a few
 * reads), else the members of its process group from a scan of every process (two reads per process on the machine,
 * about 20 ms an agent when 32 start together).
 */
function forkedBefore(pid: number): number[] {
  childrenListed ??= existsSync(`/proc/${process.pid}/task/${process.pid}/children`);
  if (!childrenListed) return processes((p) => p.pgrp === pid && p.pid !== pid).map((p) => p.pid);
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined && found.length < AGENT_TASK_LIMIT; next = queue.shift()) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${next}/task`);
    } catch {
      // Gone already.
    }
    for (const task of tasks) {
      for (const child of readOr(`/proc/${next}/task/${task}/children`).split(' ').filter(Boolean).map(Number)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Moves `pid` and what it forked before the move into `dir`. */
function adopt(dir: string, pid: number): void {
  for (const member of [pid, ...forkedBefore(pid)]) {
    try {
      writeFileSync(join(dir, 'cgroup.procs'), String(member));
    } catch {
      // Gone already.
    }
  }
}

/** One agent's cgroups: whatever it starts stays inside, whatever session or environment it makes for itself. */
export class AgentCage {
  private constructor(private readonly dirs: string[]) {}

  /** A cage for the process `pid` just spawned; undefined when this machine gives us no cgroup to make. */
  static around(pid: number): AgentCage | undefined {
    if (!cgroupParents) {
      cgroupParents = ownCgroups();
      removeStaleCages(cgroupParents);
    }
    const name = `ai-orchestra-${process.pid}-${++sequence}`;
    const dirs: string[] = [];
    for (const parent of [cgroupParents.v2, cgroupParents.pids]) {
      if (!parent) continue;
      const dir = join(parent, name);
      try {
        mkdirSync(dir);
        if (existsSync(join(dir, 'pids.max'))) writeFileSync(join(dir, 'pids.max'), String(AGENT_TASK_LIMIT));
        adopt(dir, pid);
        dirs.push(dir);
      } catch {
        // Not ours to make here after all.
      }
    }
    return dirs.length > 0 ? new AgentCage(dirs) : undefined;
  }

  get limited(): boolean {
    return this.dirs.some((dir) => existsSync(join(dir, 'pids.max')));
  }

  /** SIGKILL to everything inside, `cgroup.kill` where the kernel has it; then the cgroups are removed. */
  async killAll(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const left = this.dirs.flatMap((dir) =>
        readOr(join(dir, 'cgroup.procs')).split('\n').filter(Boolean).map(Number),
      );
      if (left.length === 0) break;
      for (const dir of this.dirs) {
        if (existsSync(join(dir, 'cgroup.kill'))) writeQuietly(join(dir, 'cgroup.kill'), '1');
      }
      for (const pid of left) killQuietly(pid);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const dir of this.dirs) {
      try {
        rmdirSync(dir);
      } catch {
        // A process stuck in the kernel keeps it; it is empty of anything that runs.
      }
    }
  }
}

function writeQuietly(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch {
    // The cgroup is gone.
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone, or not ours to signal.
  }
}

interface ProcessInfo {
  pid: number;
  pgrp: number;
  uid: number;
  environ: () => string;
}

/** Live processes other than ourselves, read from /proc. */
function processes(filter: (p: ProcessInfo) => boolean): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const stat = readOr(`/proc/${entry}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 3 || fields[0] === 'Z') continue;
    // The owner is read only when the filter asks: adopting a just-spawned agent's group needs stat alone, once per agent.
    const info = {
      pid: Number(entry),
      pgrp: Number(fields[2]),
      get uid(): number {
        return Number(/^Uid:\s+(\d+)/m.exec(readOr(`/proc/${entry}/status`))?.[1] ?? -1);
      },
      environ: () => readOr(`/proc/${entry}/environ`),
    };
    if (filter(info)) out.push(info);
  }
  return out;
}

/**
 * Kills what agents left behind: every process of the agent user (it runs nothing else), and every process of
 * ours that still carries this run's marker (a daemon that called `setsid`; `env -i` drops the marker, which only a
 * cgroup or the agent user catches).
 */
export function sweepLeftovers(runAs?: RunAs): void {
  const marker = `${RUN_MARKER_NAME}=${RUN_MARKER}`;
  const ownUid = process.getuid?.();
  for (const p of processes((p) => p.uid === ownUid || (runAs?.via === 'uid' && p.uid === runAs.uid))) {
    if ((runAs?.via === 'uid' && p.uid === runAs.uid) || p.environ().split('\0').includes(marker)) killQuietly(p.pid);
  }
  if (runAs?.via === 'sudo') {
    // As the agent user, `kill -1` reaches every process of that user (and not us).
    spawnSync(sudoProgram(), ['-n', '-u', runAs.user, '--', 'kill', '-s', 'KILL', '--', '-1'], {
      stdio: 'ignore',
      timeout: SUDO_TIMEOUT_MS,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
  }
}
