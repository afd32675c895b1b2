// Runs the few system commands that isolating agents needs (useradd, setfacl...) as root, directly or through sudo.

import { sudoProgram } from '../process/run-as.js';
import { runProcess } from '../process/run-process.js';
import type { RunAs } from '../process/types.js';

/** How we can act as root: we are root, or we have passwordless sudo. */
export type Privilege = 'root' | 'sudo';

export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all. */
  spawnError?: string;
}

/** Runs a command with root rights, or as another user; argv only, never a shell. */
export interface SystemCommands {
  privilege: Privilege;
  asSelf(argv: string[]): Promise<CommandResult>;
  asRoot(argv: string[]): Promise<CommandResult>;
  asUser(runAs: RunAs, argv: string[]): Promise<CommandResult>;
}

/** Admin tools live in sbin, which a runner's PATH may lack. */
function systemPath(): string {
  const path = process.env.PATH ?? '';
  const extra = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/bin', '/bin'].filter(
    (dir) => !path.split(':').includes(dir),
  );
  return [path, ...extra].filter(Boolean).join(':');
}

let sequence = 0;

/** One short command: a minute at most, output in `logDir` like an agent's. */
export async function runCommand(argv: string[], logDir: string, runAs?: RunAs): Promise<CommandResult> {
  const label = `isolation-${String(++sequence).padStart(2, '0')}-${(argv[0] ?? 'cmd').replace(/[^\w.-]/g, '_').slice(-24)}`;
  const result = await runProcess({
    argv,
    env: { PATH: systemPath(), LC_ALL: 'C' },
    cwd: '/',
    stdin: '',
    timeoutMs: 60_000,
    killGraceMs: 2_000,
    outputDir: logDir,
    label,
    runAs,
  });
  const timedOut = result.timedOut ? 'timed out after 60 s' : undefined;
  const spawnError = result.spawnError ? `${result.spawnError.code}: ${result.spawnError.message}` : timedOut;
  return {
    exitCode: result.exitCode,
    stdout: result.stdout.text,
    stderr: result.stderr.text,
    ...(spawnError ? { spawnError } : {}),
  };
}

/** 'root' when we are root, 'sudo' when `sudo -n true` works, undefined otherwise. */
export async function detectPrivilege(logDir: string): Promise<Privilege | undefined> {
  if (process.getuid?.() === 0) return 'root';
  const probe = await runCommand([sudoProgram(), '-n', 'true'], logDir);
  return probe.exitCode === 0 ? 'sudo' : undefined;
}

export function systemCommands(privilege: Privilege, logDir: string): SystemCommands {
  return {
    privilege,
    asSelf: (argv) => runCommand(argv, logDir),
    asRoot: (argv) => runCommand(privilege === 'root' ? argv : [sudoProgram(), '-n', '--', ...argv], logDir),
    asUser: (runAs, argv) => runCommand(argv, logDir, runAs),
  };
}

/** A command's failure in one line a user can act on: the command, the exit code, the last line of stderr. */
export function describeFailure(argv: string[], result: CommandResult): string {
  const why = result.spawnError ?? `exit code ${result.exitCode ?? 'none'}`;
  const stderr = result.stderr.trim().split('\n').slice(-3).join(' / ');
  return `\`${argv.join(' ')}\` failed (${why})${stderr ? `: ${stderr}` : ''}`;
}
