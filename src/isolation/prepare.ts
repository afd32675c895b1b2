// Before any agent runs: set up the agent user (agent-user) and take sudo away (drop-sudo), or say what agents can reach.
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { AccessMode } from '../agents/types.js';
import type { RunAs } from '../process/types.js';
import { type AgentIdentity, ensureAgentAccount, identityEnv, prepareHome } from './agent-user.js';
import { dropSudo } from './drop-sudo.js';
import { detectPrivilege, systemCommands } from './system.js';
import { checkPersistedCredentials, findGitDir, grantAccess, planAccess } from './workspace-access.js';

export interface IsolationOptions {
  /** Empty: agents run as ourselves. */
  agentUser?: string;
  dropSudo: boolean;
  workingDirectory: string;
  /** 'write' for pipelines whose agents edit the checkout. */
  access: AccessMode;
  runnerTemp?: string;
  /** Output of the setup commands. */
  logDir: string;
  log: { info(message: string): void; warning(message: string): void };
}

/** The identity agents run as, or undefined to run them as ourselves; throws, before any agent runs, when it cannot be set up. */
export async function prepareIsolation(opts: IsolationOptions): Promise<AgentIdentity | undefined> {
  mkdirSync(opts.logDir, { recursive: true });
  const { log } = opts;
  if (opts.agentUser === undefined) {
    log.info(
      `Agents run as ${userInfo().username}, the user running this action, so they can read its environment (github-token included) from /proc/<ppid>/environ. Set agent-user to run them as an unprivileged user.`,
    );
    if (opts.dropSudo) {
      log.warning("drop-sudo without agent-user keeps agents away from root, but not from this action's environment.");
      const privilege = await detectPrivilege(opts.logDir);
      await dropSudo({
        privilege,
        sys: privilege && systemCommands(privilege, opts.logDir),
        agentUser: undefined,
        logDir: opts.logDir,
        log,
      });
    }
    return undefined;
  }
  if (process.platform !== 'linux')
    throw new Error(`agent-user is supported on Linux runners only (this one is ${process.platform}).`);
  const privilege = await detectPrivilege(opts.logDir);
  if (privilege === undefined) {
    throw new Error(
      `agent-user needs root or passwordless sudo to set up ${opts.agentUser} and run agents as it, and ${userInfo().username} has neither (sudo -n true failed). Use a GitHub-hosted Linux runner or a container running as root, or leave agent-user empty.`,
    );
  }
  // Cheap and decisive: check before creating anything.
  checkPersistedCredentials(opts.workingDirectory, opts.runnerTemp);
  const sys = systemCommands(privilege, opts.logDir);
  const account = await ensureAgentAccount(opts.agentUser, sys, log.info);
  await prepareHome(account, sys);
  const runAs: RunAs =
    privilege === 'root' ? { via: 'uid', uid: account.uid, gid: account.gid } : { via: 'sudo', user: account.name };
  await grantAccess(planAccess(opts.workingDirectory, opts.access, opts.runnerTemp, log), account, runAs, sys, log);
  if (opts.dropSudo) await dropSudo({ privilege, sys, agentUser: account.name, logDir: opts.logDir, log });
  const gitRoot = findGitDir(opts.workingDirectory)?.root ?? opts.workingDirectory;
  return { user: account.name, runAs, env: identityEnv(account, gitRoot) };
}
