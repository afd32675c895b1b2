// drop-sudo: takes the runner user's sudo rights away for the rest of the job, leaving only "run as the agent user".
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describeFailure, type Privilege, type SystemCommands } from './system.js';

/** The one rule left: start (and kill) agents as the agent user. sudoers.d skips names with a dot, so none here. */
export const AGENT_SUDOERS_FILE = '/etc/sudoers.d/ai-orchestra-agent';

const SUDOERS_USER = /^[a-z_][a-z0-9_.-]*$/i;

export interface DropSudoLog {
  info(message: string): void;
  warning(message: string): void;
}

/** `runner ALL=(agent) NOPASSWD: ALL`: any command, but only as the agent user, who has no rights of its own. */
export function agentSudoersRule(self: string, agentUser: string): string {
  return `# Written by AI Orchestra (drop-sudo): ${self} may only act as ${agentUser}.\n${self} ALL=(${agentUser}) NOPASSWD: ALL\n`;
}

/** An extended regex matching the sudoers lines that grant `user` something (user specifications start with the name). */
export function userLinePattern(user: string): string {
  return `^[[:space:]]*${user.replace(/[.]/g, '\\.')}[[:space:]]`;
}

async function mustSucceed(sys: SystemCommands, argv: string[], what: string): Promise<string> {
  const result = await sys.asRoot(argv);
  if (result.exitCode !== 0) throw new Error(`drop-sudo: could not ${what}: ${describeFailure(argv, result)}`);
  return result.stdout;
}

/**
 * With passwordless sudo (GitHub-hosted runners): install the agent rule first, while we still may, then delete the
 * runner user's lines from /etc/sudoers and /etc/sudoers.d, then check that `sudo -n true` fails. As root there is
 * nothing to drop; without sudo nothing to do.
 */
export async function dropSudo(opts: {
  privilege: Privilege | undefined;
  sys: SystemCommands | undefined;
  agentUser: string | undefined;
  logDir: string;
  log: DropSudoLog;
}): Promise<void> {
  const { privilege, sys, agentUser, log } = opts;
  if (privilege === 'root')
    return log.warning('drop-sudo has no effect: this action runs as root, and so do the later steps of the job.');
  if (privilege === undefined || sys === undefined)
    return log.info('drop-sudo: this user has no passwordless sudo; nothing to drop.');
  const self = userInfo().username;
  if (!SUDOERS_USER.test(self)) throw new Error(`drop-sudo: cannot edit sudoers safely for the user name "${self}".`);

  if (agentUser !== undefined) {
    const draft = join(opts.logDir, 'ai-orchestra-agent.sudoers');
    writeFileSync(draft, agentSudoersRule(self, agentUser), { mode: 0o600 });
    await mustSucceed(sys, ['visudo', '-c', '-q', '-f', draft], 'validate the agent rule');
    await mustSucceed(
      sys,
      ['install', '-m', '0440', '-o', 'root', '-g', 'root', draft, AGENT_SUDOERS_FILE],
      `write ${AGENT_SUDOERS_FILE}`,
    );
  }
  const listed = await mustSucceed(
    sys,
    ['find', '/etc/sudoers.d', '-maxdepth', '1', '-type', 'f'],
    'list /etc/sudoers.d',
  );
  const files = ['/etc/sudoers', ...listed.split('\n').map((f) => f.trim())].filter(
    (f) => f !== '' && f !== AGENT_SUDOERS_FILE,
  );
  const pattern = userLinePattern(self);
  // grep -l exits 1 when no file matches: nothing to remove is not an error.
  const matching = (await sys.asRoot(['grep', '-l', '-E', pattern, ...files])).stdout.split('\n').filter(Boolean);
  for (const file of matching) await mustSucceed(sys, ['sed', '-i', '-E', `/${pattern}/d`, file], `edit ${file}`);

  const still = await sys.asSelf(['sudo', '-n', 'true']);
  if (still.exitCode === 0) {
    throw new Error(
      `drop-sudo: ${self} still has sudo after removing its lines from ${matching.join(', ') || 'no file'}; a group rule (e.g. %sudo NOPASSWD) may grant it. Remove it in an earlier step.`,
    );
  }
  if (agentUser !== undefined && (await sys.asSelf(['sudo', '-n', '-u', agentUser, 'true'])).exitCode !== 0) {
    throw new Error(
      `drop-sudo: ${self} can no longer start agents as ${agentUser}; ${AGENT_SUDOERS_FILE} did not take effect.`,
    );
  }
  const kept = agentUser !== undefined ? `; it may only run commands as ${agentUser} (${AGENT_SUDOERS_FILE})` : '';
  log.info(
    `drop-sudo: removed ${self}'s sudo rights (${matching.join(', ') || 'no lines of its own'})${kept}. The later steps of this job have no sudo either.`,
  );
}
