// Shared scaffolding for the process tests: temp dirs, specs and checks on real pids.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessSpec } from '../../src/process/types.js';

export const NODE = process.execPath;

export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'orchestra-process-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function specFor(dir: string, overrides: Partial<ProcessSpec>): ProcessSpec {
  return {
    argv: ['true'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    cwd: dir,
    stdin: '',
    timeoutMs: 5_000,
    killGraceMs: 300,
    outputDir: join(dir, 'out'),
    label: 'agent',
    ...overrides,
  };
}

/**
 * True while the pid names a process that can still run. Zombies count as dead: here the
 * container's init does not reap orphans, so a killed grandchild stays a zombie for good.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids of non-zombie processes in process group `pgid`, read from /proc. */
export function livingGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      // The process ended while we listed /proc.
    }
  }
  return members;
}

/** Polls a condition with a hard deadline; killed processes need a moment to be gone. */
export async function waitFor(condition: () => boolean, timeoutMs = 1_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

export function readPid(file: string): number {
  return Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
}
