// The agent user: name checks, creation when missing, refusal of privileged users, its home and environment.
import { describe, expect, it } from 'vitest';
import {
  ensureAgentAccount,
  identityEnv,
  parsePasswdLine,
  prepareHome,
  useraddArgv,
  validateUserName,
} from '../../../src/isolation/agent-user.js';
import { fakeSystem, quietLog } from './fake-system.js';

const AGENT = { name: 'aio-agent', uid: 1500, gid: 1500, home: '/home/aio-agent' };
const PASSWD = 'aio-agent:x:1500:1500:AI Orchestra agents:/home/aio-agent:/usr/sbin/nologin\n';

describe('user names and passwd lines', () => {
  it.each(['aio-agent', '_agent', 'a1_b-c'])('accepts %s', (name) =>
    expect(() => validateUserName(name)).not.toThrow(),
  );
  it.each(['', 'Agent', '1agent', 'a b', 'agent;rm', '-u', 'x'.repeat(33), '../root'])('refuses %j', (name) => {
    expect(() => validateUserName(name)).toThrow(/not a valid user name/);
  });

  it('parses getent output and rejects garbage', () => {
    expect(parsePasswdLine(PASSWD)).toEqual(AGENT);
    expect(parsePasswdLine('nope')).toBeUndefined();
    expect(parsePasswdLine('a:x:y:1::/h:/bin/sh')).toBeUndefined();
  });

  it('creates a system user with a home, its own group and no login shell', () => {
    expect(useraddArgv('aio-agent', '/usr/sbin/nologin')).toEqual([
      'useradd',
      '--system',
      '--create-home',
      '--home-dir',
      '/home/aio-agent',
      '--shell',
      '/usr/sbin/nologin',
      '--user-group',
      '--comment',
      'AI Orchestra agents',
      'aio-agent',
    ]);
  });
});

describe('ensureAgentAccount', () => {
  it('creates a missing user as root, then looks it up', async () => {
    let created = false;
    const sys = fakeSystem('sudo', [
      [['getent'], () => (created ? { stdout: PASSWD } : { exitCode: 2 })],
      [['useradd'], () => ((created = true), {})],
      [['id'], { stdout: 'aio-agent\n' }],
      [['sudo', '-n', '-l'], { exitCode: 0, stdout: 'User aio-agent is not allowed to run sudo on host.\n' }],
    ]);
    const log = quietLog();
    expect(await ensureAgentAccount('aio-agent', sys, log.info)).toEqual(AGENT);
    expect(sys.calls.find((c) => c.argv[0] === 'useradd')).toMatchObject({ as: 'root' });
    expect(log.infos.join('\n')).toContain('Created the user aio-agent (uid 1500)');
  });

  it('uses an existing user without creating anything', async () => {
    const sys = fakeSystem('root', [
      [['getent'], { stdout: PASSWD }],
      [['id'], { stdout: 'aio-agent users\n' }],
      [['sudo'], { exitCode: null, spawnError: 'ENOENT: spawn sudo ENOENT' }],
    ]);
    await ensureAgentAccount('aio-agent', sys, () => undefined);
    expect(sys.calls.some((c) => c.argv[0] === 'useradd')).toBe(false);
  });

  it('does not create a user when the lookup itself fails (no getent, broken NSS)', async () => {
    const sys = fakeSystem('root', [[['getent'], { exitCode: null, spawnError: 'ENOENT: spawn getent ENOENT' }]]);
    await expect(ensureAgentAccount('aio-agent', sys, () => undefined)).rejects.toThrow(
      /Could not look up the agent user/,
    );
    expect(sys.calls.some((c) => c.argv[0] === 'useradd')).toBe(false);
  });

  it('reports a failed useradd with its stderr', async () => {
    const sys = fakeSystem('sudo', [
      [['getent'], { exitCode: 2 }],
      [['useradd'], { exitCode: 9, stderr: 'useradd: group exists' }],
    ]);
    await expect(ensureAgentAccount('aio-agent', sys, () => undefined)).rejects.toThrow(
      /useradd --system.*exit code 9.*group exists/,
    );
  });

  it('goes on when useradd lost a race against another job creating the same user', async () => {
    let created = false;
    const sys = fakeSystem('root', [
      [['getent'], () => (created ? { stdout: PASSWD } : { exitCode: 2 })],
      [['useradd'], () => ((created = true), { exitCode: 9, stderr: "useradd: user 'aio-agent' already exists" })],
      [['id'], { stdout: 'aio-agent\n' }],
      [['sudo'], { exitCode: null, spawnError: 'ENOENT' }],
    ]);
    expect(await ensureAgentAccount('aio-agent', sys, () => undefined)).toEqual(AGENT);
  });

  it.each([
    ['uid 0', 'toor:x:0:0::/root:/bin/bash', 'toor\n', /uid 0/],
    ['a docker member', PASSWD, 'aio-agent docker\n', /docker/],
    ['a sudo member', PASSWD, 'aio-agent sudo\n', /sudo/],
  ])('refuses %s', async (_what, passwd, groups, error) => {
    const sys = fakeSystem('root', [
      [['getent'], { stdout: passwd }],
      [['id'], { stdout: groups }],
    ]);
    await expect(ensureAgentAccount(passwd.split(':')[0]!, sys, () => undefined)).rejects.toThrow(error);
  });

  it('refuses a user with sudo rights of its own', async () => {
    const sys = fakeSystem('root', [
      [['getent'], { stdout: PASSWD }],
      [['id'], { stdout: 'aio-agent\n' }],
      [
        ['sudo', '-n', '-l'],
        { stdout: 'User aio-agent may run the following commands on host:\n    (ALL) NOPASSWD: ALL\n' },
      ],
    ]);
    await expect(ensureAgentAccount('aio-agent', sys, () => undefined)).rejects.toThrow(/may use sudo/);
  });
});

describe('the agent home and environment', () => {
  it('points HOME, TMPDIR and XDG folders at the agent home and trusts the checkout for git', () => {
    expect(identityEnv(AGENT, '/work/repo')).toEqual({
      HOME: '/home/aio-agent',
      USER: 'aio-agent',
      LOGNAME: 'aio-agent',
      TMPDIR: '/home/aio-agent/tmp',
      XDG_CONFIG_HOME: '/home/aio-agent/.config',
      XDG_CACHE_HOME: '/home/aio-agent/.cache',
      XDG_DATA_HOME: '/home/aio-agent/.local/share',
      XDG_STATE_HOME: '/home/aio-agent/.local/state',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'safe.directory',
      GIT_CONFIG_VALUE_0: '/work/repo',
    });
  });

  it('creates home and tmp owned by the agent, mode 0700', async () => {
    const sys = fakeSystem('root');
    await prepareHome({ ...AGENT, home: '/nonexistent/aio-agent' }, sys);
    expect(sys.calls.map((c) => c.argv)).toEqual([
      ['install', '-d', '-o', '1500', '-g', '1500', '-m', '0700', '/nonexistent/aio-agent'],
      ['install', '-d', '-o', '1500', '-g', '1500', '-m', '0700', '/nonexistent/aio-agent/tmp'],
    ]);
  });
});
