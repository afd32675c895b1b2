// Lets the agent user into the working directory and nowhere else we know to matter: not RUNNER_TEMP, not git credentials.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { AccessMode } from '../agents/types.js';
import type { RunAs } from '../process/types.js';
import type { AgentAccount } from './agent-user.js';
import { describeFailure, type SystemCommands } from './system.js';

export interface AccessPlan {
  /** Folders above the working directory that the agent user cannot pass through yet (no search bit for others). */
  traverse: string[];
  workingDirectory: string;
  mode: AccessMode;
  /** RUNNER_TEMP: the workflow's file commands (GITHUB_ENV, GITHUB_OUTPUT...), checkout's credentials and our logs. */
  deny: string[];
}

export interface AccessLog {
  info(message: string): void;
  warning(message: string): void;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Every folder from / down to the parent of `dir`. */
export function ancestors(dir: string): string[] {
  const result: string[] = [];
  for (let current = dirname(resolve(dir)); ; current = dirname(current)) {
    result.unshift(current);
    if (dirname(current) === current) return result;
  }
}

export function planAccess(
  workingDirectory: string,
  mode: AccessMode,
  runnerTemp: string | undefined,
  log: AccessLog,
): AccessPlan {
  const traverse = ancestors(workingDirectory).filter((dir) => (statSync(dir).mode & 0o001) === 0);
  const deny: string[] = [];
  if (runnerTemp && existsSync(runnerTemp)) {
    if (isInside(workingDirectory, runnerTemp)) {
      log.warning(
        `The working directory ${workingDirectory} is inside RUNNER_TEMP, so the agent user can reach the workflow's file commands there.`,
      );
    } else {
      deny.push(resolve(runnerTemp));
    }
  }
  return { traverse, workingDirectory: resolve(workingDirectory), mode, deny };
}

/** setfacl calls for a plan: search on the way in, read (or read-write, inherited by new files) below, nothing in RUNNER_TEMP. */
export function aclCommands(plan: AccessPlan, agentUid: number, ownUid: number | undefined): string[][] {
  const user = `u:${agentUid}`;
  // New files the agent creates stay writable for us (and ours for it) through default entries; root needs none.
  const inherited =
    plan.mode === 'write' ? [`d:${user}:rwX`, ...(ownUid && ownUid !== 0 ? [`d:u:${ownUid}:rwX`] : [])] : [];
  const tree = [plan.mode === 'write' ? `${user}:rwX` : `${user}:rX`, ...inherited].join(',');
  return [
    ...plan.traverse.map((dir) => ['setfacl', '-m', `${user}:--x`, dir]),
    // -P: a symlink in the checkout (say, to ~/.ssh) must not carry the grant outside it.
    ['setfacl', '-R', '-P', '-m', tree, plan.workingDirectory],
    // A named entry without rights wins over "other": the agent cannot enter RUNNER_TEMP whatever its mode.
    ...plan.deny.map((dir) => ['setfacl', '-m', `${user}:---`, dir]),
  ];
}

/** Without ACLs only mode bits are left: they open read access to every local user, so read-only runs only, and logged. */
export function modeCommands(plan: AccessPlan): string[][] {
  return [
    ...plan.traverse.map((dir) => ['chmod', 'o+x', dir]),
    ['chmod', '-R', 'o+rX', plan.workingDirectory],
    ...plan.deny.map((dir) => ['chmod', 'o-rwx', dir]),
  ];
}

async function runAll(commands: string[][], sys: SystemCommands): Promise<void> {
  for (const argv of commands) {
    const result = await sys.asRoot(argv);
    if (result.exitCode !== 0)
      throw new Error(
        `Could not give the agent user access to the working directory: ${describeFailure(argv, result)}`,
      );
  }
}

function describePlan(plan: AccessPlan): string {
  const parts = [
    plan.traverse.length > 0 ? `search only (no listing) on ${plan.traverse.join(', ')}` : '',
    `${plan.mode === 'write' ? 'read and write' : 'read'} on ${plan.workingDirectory} and below (symlinks not followed)`,
    plan.deny.length > 0 ? `no access to ${plan.deny.join(', ')} (RUNNER_TEMP: file commands, credentials, logs)` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** Applies the plan with ACLs when setfacl exists, else with mode bits (read-only runs); then checks it as the agent. */
export async function grantAccess(
  plan: AccessPlan,
  account: AgentAccount,
  runAs: RunAs,
  sys: SystemCommands,
  log: AccessLog,
): Promise<void> {
  const hasSetfacl = (await sys.asRoot(['setfacl', '--version'])).exitCode === 0;
  if (hasSetfacl) {
    await runAll(aclCommands(plan, account.uid, process.getuid?.()), sys);
    log.info(`Gave ${account.name} by ACL: ${describePlan(plan)}.`);
  } else if (plan.mode === 'write') {
    throw new Error(
      `agent-user for a pipeline that edits files needs ACLs, and setfacl is not installed. Install the acl package in an earlier step (apt-get install -y acl), or leave agent-user empty.`,
    );
  } else {
    await runAll(modeCommands(plan), sys);
    log.warning(
      `setfacl is not installed, so access was granted with mode bits, which apply to every local user: ${describePlan(plan)}. Install the acl package (apt-get install -y acl) to grant ${account.name} alone.`,
    );
  }
  await verifyAccess(plan, runAs, sys, log, account.name);
}

async function verifyAccess(
  plan: AccessPlan,
  runAs: RunAs,
  sys: SystemCommands,
  log: AccessLog,
  name: string,
): Promise<void> {
  const want = plan.mode === 'write' ? ['-r', '-x', '-w'] : ['-r', '-x'];
  const argv = ['test', ...want.flatMap((flag, i) => [...(i > 0 ? ['-a'] : []), flag, plan.workingDirectory])];
  const result = await sys.asUser(runAs, argv);
  if (result.exitCode !== 0) {
    throw new Error(
      `${name} still cannot ${plan.mode === 'write' ? 'read and write' : 'read'} ${plan.workingDirectory} (${describeFailure(argv, result)}).`,
    );
  }
  for (const dir of plan.deny) {
    if ((await sys.asUser(runAs, ['test', '-x', dir])).exitCode === 0) log.warning(`${name} can still enter ${dir}.`);
  }
}

/** The .git of the repository holding `dir`: a folder, or a file pointing at one (worktrees, submodules). */
export function findGitDir(dir: string): { root: string; gitDir: string } | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    try {
      const info = statSync(dotGit);
      if (info.isDirectory()) return { root: current, gitDir: dotGit };
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (pointer?.[1]) return { root: current, gitDir: resolve(current, pointer[1].trim()) };
    } catch {
      // No .git here (or unreadable): look one level up.
    }
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Refuses a checkout whose git config carries credentials the agent could read: actions/checkout's default
 * persist-credentials writes the token into .git/config (v4, v5) or includes a file from RUNNER_TEMP (v6), which the
 * agent cannot read, so git itself would fail for it.
 */
export function checkPersistedCredentials(workingDirectory: string, runnerTemp: string | undefined): void {
  const git = findGitDir(workingDirectory);
  if (!git) return;
  let config: string;
  try {
    config = readFileSync(join(git.gitDir, 'config'), 'utf8');
  } catch {
    return;
  }
  const inline = /^\s*extraheader\s*=.*authorization/im.test(config) || /https?:\/\/[^\s/@:]+:[^\s/@]+@/i.test(config);
  const included = [...config.matchAll(/^\s*path\s*=\s*(.+)$/gim)].map((m) => m[1]!.trim().replace(/^"|"$/g, ''));
  const fromTemp = included.some(
    (path) => /credentials/i.test(path) || (runnerTemp !== undefined && isInside(path, runnerTemp)),
  );
  if (!inline && !fromTemp) return;
  const where = inline
    ? `${join(git.gitDir, 'config')} holds credentials that the agents could read`
    : `${join(git.gitDir, 'config')} includes credentials from RUNNER_TEMP, which the agents cannot read, so git would fail for them`;
  throw new Error(
    `${where}. Check out with \`persist-credentials: false\` (actions/checkout); AI Orchestra posts with its own github-token and does not need them.`,
  );
}
