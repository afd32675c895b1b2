// Turns a spec with `runAs` into what to spawn: spawn's uid/gid for root, a `sudo -n -u` argv otherwise.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { RunAs } from './types.js';

export interface Launch {
  program: string;
  args: string[];
  uid?: number;
  gid?: number;
}

/** Names sudo accepts in `--preserve-env`; anything else would be dropped or misparsed (a comma splits the list). */
const PORTABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Paths the C library removes from the environment of every setuid program (sudo included) before it even starts,
 * so `--preserve-env` cannot carry them. They name folders, never secrets: sudo sets them from its command line.
 */
const STRIPPED_FOR_SETUID = new Set(['TMPDIR', 'TZDIR', 'LOCPATH', 'NLSPATH']);

/**
 * The argv of `sudo` running `argv` as `user`. Variables travel by name only (`--preserve-env=A,B`), so values,
 * API keys among them, never appear in a command line that `ps` shows; only the folder paths above do. sudo looks
 * commands up on its own secure_path, not ours, so the program is passed as an absolute path.
 */
export function sudoArgv(user: string, program: string, args: string[], env: Record<string, string>): string[] {
  const names = Object.keys(env).filter((name) => PORTABLE_NAME.test(name) && !STRIPPED_FOR_SETUID.has(name));
  const assignments = Object.keys(env)
    .filter((name) => STRIPPED_FOR_SETUID.has(name))
    .map((name) => `${name}=${env[name]}`);
  // sudo reads NAME=value only before `--`; after it, the first word is the command.
  return [
    '-n',
    '-u',
    user,
    ...(names.length > 0 ? [`--preserve-env=${names.join(',')}`] : []),
    ...assignments,
    '--',
    program,
    ...args,
  ];
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Where spawn would find `program`: on `path` (a PATH value) unless it names a file; undefined when nowhere. */
export async function resolveProgram(program: string, path: string, cwd: string): Promise<string | undefined> {
  if (program.includes('/')) return isAbsolute(program) ? program : resolve(cwd, program);
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = resolve(cwd, join(dir, program));
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** sudo on the action's own PATH (the agent's PATH is not ours to trust for it); plain `sudo` when not found. */
export function sudoProgram(path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, 'sudo');
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return 'sudo';
}

/** Tasks (processes and threads) one agent may have at once: room for a CLI and its tools, not for a fork bomb. */
export const AGENT_TASK_LIMIT = 2048;
const PRLIMIT = '/usr/bin/prlimit';

/**
 * `program` started through prlimit with RLIMIT_NPROC set: as the agent user, that caps every task of that user
 * (the user runs nothing else). Unchanged where prlimit is not installed.
 */
export function withTaskLimit(program: string, args: string[], prlimit = PRLIMIT): [string, string[]] {
  if (!existsSync(prlimit)) return [program, args];
  return [prlimit, [`--nproc=${AGENT_TASK_LIMIT}:${AGENT_TASK_LIMIT}`, '--', program, ...args]];
}

/** What to spawn for `argv` run as `runAs`; undefined when a sudo launch cannot find the program. */
export async function launchFor(
  argv: [string, ...string[]],
  runAs: RunAs | undefined,
  env: Record<string, string>,
  cwd: string,
): Promise<Launch | undefined> {
  const [program, ...args] = argv;
  if (runAs === undefined) return { program, args };
  // As root we give each agent a cgroup with a task limit (containment.ts); through sudo we cannot, so prlimit.
  if (runAs.via === 'uid') return { program, args, uid: runAs.uid, gid: runAs.gid };
  const absolute = await resolveProgram(program, env.PATH ?? '', cwd);
  if (absolute === undefined) return undefined;
  const [limited, limitedArgs] = withTaskLimit(absolute, args);
  return { program: sudoProgram(), args: sudoArgv(runAs.user, limited, limitedArgs, env) };
}
