// drop-sudo: which sudoers lines go, which rule stays, and that a sudo still working afterwards is an error.
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_SUDOERS_FILE, agentSudoersRule, dropSudo, userLinePattern } from '../../../src/isolation/drop-sudo.js';
import { makeTempDir } from '../../kit/process-harness.js';
import { fakeSystem, quietLog } from './fake-system.js';

const self = userInfo().username;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir()));
afterEach(() => cleanup());

describe('sudoers lines', () => {
  it('names the user literally in its pattern', () => {
    expect(userLinePattern('first.last')).toContain('first\\.last');
  });

  it('leaves only "run anything as the agent user"', () => {
    expect(agentSudoersRule('runner', 'aio-agent')).toMatch(/^runner ALL=\(aio-agent\) NOPASSWD: ALL$/m);
  });
});

describe('dropSudo', () => {
  it('does nothing as root or without sudo, and says so', async () => {
    const log = quietLog();
    await dropSudo({ privilege: 'root', sys: fakeSystem('root'), agentUser: 'a', logDir: dir, log });
    await dropSudo({ privilege: undefined, sys: undefined, agentUser: 'a', logDir: dir, log });
    expect(log.warnings.join()).toContain('no effect: this action runs as root');
    expect(log.infos.join()).toContain('nothing to drop');
  });

  it('installs the agent rule first, then removes our lines, then proves sudo is gone', async () => {
    const sys = fakeSystem('sudo', [
      [['find'], { stdout: `/etc/sudoers.d/runner\n${AGENT_SUDOERS_FILE}\n/etc/sudoers.d/README\n` }],
      [['grep'], { stdout: '/etc/sudoers.d/runner\n' }],
      [['sudo', '-n', 'true'], { exitCode: 1, stderr: 'sudo: a password is required' }],
    ]);
    const log = quietLog();
    await dropSudo({ privilege: 'sudo', sys, agentUser: 'aio-agent', logDir: dir, log });
    const steps = sys.calls.map((c) => `${c.as}:${c.argv[0]}`);
    expect(steps).toEqual([
      'root:visudo',
      'root:install',
      'root:find',
      'root:grep',
      'root:sed',
      'self:sudo',
      'self:sudo',
    ]);
    const grep = sys.calls.find((c) => c.argv[0] === 'grep')!.argv;
    expect(grep).toContain('/etc/sudoers');
    expect(grep).not.toContain(AGENT_SUDOERS_FILE);
    expect(sys.calls.find((c) => c.argv[0] === 'sed')!.argv).toEqual([
      'sed',
      '-i',
      '-E',
      `/${userLinePattern(self)}/d`,
      '/etc/sudoers.d/runner',
    ]);
    expect(sys.calls.find((c) => c.argv[0] === 'install')!.argv.slice(-1)).toEqual([AGENT_SUDOERS_FILE]);
    expect(log.infos.join()).toMatch(/removed .* sudo rights.*only run commands as aio-agent.*later steps/);
  });

  it('fails when sudo still works afterwards (a group rule, say)', async () => {
    const sys = fakeSystem('sudo', [[['grep'], { exitCode: 1 }]]);
    await expect(
      dropSudo({ privilege: 'sudo', sys, agentUser: undefined, logDir: dir, log: quietLog() }),
    ).rejects.toThrow(/still has sudo/);
  });

  it('fails when the agent rule does not let us start agents any more', async () => {
    const sys = fakeSystem('sudo', [
      [['sudo', '-n', 'true'], { exitCode: 1 }],
      [['sudo', '-n', '-u'], { exitCode: 1 }],
    ]);
    await expect(
      dropSudo({ privilege: 'sudo', sys, agentUser: 'aio-agent', logDir: dir, log: quietLog() }),
    ).rejects.toThrow(/can no longer start agents/);
  });
});
