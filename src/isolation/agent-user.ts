// Finds or creates the unprivileged user agents run as, gives it a home of its own, and refuses a privileged one.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAs } from '../process/types.js';
import { describeFailure, type SystemCommands } from './system.js';

export interface AgentAccount {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Who agents run as, and the variables that point them at that user's own home instead of ours. */
export interface AgentIdentity {
  user: string;
  runAs: RunAs;
  /** Set over the minimal environment, under the adapter's and the config's `env`. */
  env: Record<string, string>;
}

/** What useradd accepts everywhere (Debian's default NAME_REGEX, 32 characters at most). */
const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/** Members of these groups are root in all but name (sudo, docker, disk...) or can read what agents must not (adm logs). */
const PRIVILEGED_GROUPS = [
  'root',
  'sudo',
  'admin',
  'wheel',
  'docker',
  'lxd',
  'libvirt',
  'disk',
  'shadow',
  'adm',
  'systemd-journal',
];

export function validateUserName(name: string): void {
  if (!USER_NAME.test(name)) {
    throw new Error(
      `agent-user "${name}" is not a valid user name: lower-case letters, digits, "_" and "-", starting with a letter or "_", at most 32 characters.`,
    );
  }
}

/** One /etc/passwd line (as `getent passwd` prints it); undefined when it does not parse. */
export function parsePasswdLine(line: string): AgentAccount | undefined {
  const fields = line.trim().split(':');
  if (fields.length < 7) return undefined;
  const [name, , uid, gid, , home] = fields;
  if (!name || !/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? '') || !home) return undefined;
  return { name, uid: Number(uid), gid: Number(gid), home };
}

async function lookupAccount(name: string, sys: SystemCommands): Promise<AgentAccount | undefined> {
  const result = await sys.asSelf(['getent', 'passwd', name]);
  // getent: 0 found, 2 not found; anything else (no getent, broken NSS) is not "missing" and must not create a user.
  if (result.exitCode === 2) return undefined;
  const account = result.exitCode === 0 ? parsePasswdLine(result.stdout) : undefined;
  if (!account)
    throw new Error(`Could not look up the agent user: ${describeFailure(['getent', 'passwd', name], result)}`);
  return account;
}

/** A shell that refuses logins; /bin/false where no nologin is installed. */
async function noLoginShell(): Promise<string> {
  for (const shell of ['/usr/sbin/nologin', '/sbin/nologin']) {
    if (
      await access(shell, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return shell;
  }
  return '/bin/false';
}

/** The useradd call for a missing agent user: a system user with a home, its own group, no password, no login. */
export function useraddArgv(name: string, shell: string): string[] {
  return [
    'useradd',
    '--system',
    '--create-home',
    '--home-dir',
    `/home/${name}`,
    '--shell',
    shell,
    '--user-group',
    '--comment',
    'AI Orchestra agents',
    name,
  ];
}

/** Refuses a user that is root, is us, or holds root-equivalent rights: running agents as it would protect nothing. */
async function checkUnprivileged(account: AgentAccount, sys: SystemCommands): Promise<void> {
  if (account.uid === 0)
    throw new Error(`agent-user ${account.name} has uid 0: agents must run as an unprivileged user.`);
  if (account.uid === process.getuid?.()) {
    throw new Error(
      `agent-user ${account.name} is the user this action runs as: its agents could read the action's environment, github-token included. Name another user.`,
    );
  }
  const groups = await sys.asSelf(['id', '-Gn', account.name]);
  const privileged = groups.stdout
    .trim()
    .split(/\s+/)
    .filter((group) => PRIVILEGED_GROUPS.includes(group));
  if (privileged.length > 0) {
    throw new Error(
      `agent-user ${account.name} is in the group(s) ${privileged.join(', ')}, which give root-equivalent rights or read system logs. Use a user without them.`,
    );
  }
  // sudo -l -U lists another user's rights; only root may ask, and without sudo installed there are none to list.
  const rights = await sys.asRoot(['sudo', '-n', '-l', '-U', account.name]);
  if (rights.exitCode === 0 && !/not allowed to run sudo/i.test(rights.stdout)) {
    throw new Error(
      `agent-user ${account.name} may use sudo:\n${rights.stdout.trim()}\nUse a user without sudo rights.`,
    );
  }
}

/** The agent user's account, created when missing; throws when it cannot be created or is privileged. */
export async function ensureAgentAccount(
  name: string,
  sys: SystemCommands,
  info: (message: string) => void,
): Promise<AgentAccount> {
  validateUserName(name);
  let account = await lookupAccount(name, sys);
  if (account === undefined) {
    const argv = useraddArgv(name, await noLoginShell());
    const result = await sys.asRoot(argv);
    account = await lookupAccount(name, sys);
    // A concurrent job on the same (self-hosted) machine may have created it first: then useradd failed, harmlessly.
    if (account === undefined) {
      throw new Error(
        result.exitCode !== 0
          ? `Could not create the agent user: ${describeFailure(argv, result)}`
          : `useradd created ${name}, but getent cannot find it.`,
      );
    }
    info(
      `Created the user ${name} (uid ${account.uid}) for the agents: a system user without password or login shell, home ${account.home}.`,
    );
  } else {
    info(`Agents run as the existing user ${name} (uid ${account.uid}, home ${account.home}).`);
  }
  await checkUnprivileged(account, sys);
  return account;
}

/** The agent's home and its TMPDIR, both its own and closed to others: it cannot write ours. */
export async function prepareHome(account: AgentAccount, sys: SystemCommands): Promise<void> {
  const missing = await stat(account.home).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
  );
  const dirs = [...(missing ? [account.home] : []), join(account.home, 'tmp')];
  for (const dir of dirs) {
    const argv = ['install', '-d', '-o', String(account.uid), '-g', String(account.gid), '-m', '0700', dir];
    const result = await sys.asRoot(argv);
    if (result.exitCode !== 0)
      throw new Error(`Could not prepare the agent user's home: ${describeFailure(argv, result)}`);
  }
}

/**
 * HOME, TMPDIR and XDG folders in the agent user's home, so CLIs keep their state there. Git refuses to work in a
 * repository another user owns ("dubious ownership") unless it is a safe.directory; GIT_CONFIG_* is the command-line
 * scope, which git trusts for that setting.
 */
export function identityEnv(account: AgentAccount, gitRoot: string): Record<string, string> {
  const home = account.home;
  return {
    HOME: home,
    USER: account.name,
    LOGNAME: account.name,
    TMPDIR: join(home, 'tmp'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'safe.directory',
    GIT_CONFIG_VALUE_0: gitRoot,
  };
}
