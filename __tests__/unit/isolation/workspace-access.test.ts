// Access for the agent user: search on the way in, read (or write) below, nothing in RUNNER_TEMP, no git credentials.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  aclCommands,
  ancestors,
  checkPersistedCredentials,
  findGitDir,
  grantAccess,
  modeCommands,
  planAccess,
} from '../../../src/isolation/workspace-access.js';
import { makeTempDir } from '../../kit/process-harness.js';
import { fakeSystem, quietLog } from './fake-system.js';

const ACCOUNT = { name: 'aio-agent', uid: 1500, gid: 1500, home: '/home/aio-agent' };
const RUN_AS = { via: 'uid', uid: 1500, gid: 1500 } as const;

let root: string;
let cleanup: () => void;
let workspace: string;
let runnerTemp: string;

beforeEach(() => {
  ({ dir: root, cleanup } = makeTempDir()); // 0700, like /home/runner (0750): others cannot pass
  workspace = join(root, 'work', 'repo');
  runnerTemp = join(root, 'work', '_temp');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(runnerTemp, { recursive: true });
  chmodSync(join(root, 'work'), 0o755);
});
afterEach(() => cleanup());

describe('planAccess', () => {
  it('lists the folders others cannot pass, and denies RUNNER_TEMP', () => {
    expect(ancestors('/a/b/c')).toEqual(['/', '/a', '/a/b']);
    const plan = planAccess(workspace, 'read-only', runnerTemp, quietLog());
    expect(plan.traverse).toEqual([root]);
    expect(plan.deny).toEqual([runnerTemp]);
  });

  it('warns instead of denying when the working directory is inside RUNNER_TEMP', () => {
    const log = quietLog();
    const plan = planAccess(join(runnerTemp), 'read-only', runnerTemp, log);
    expect(plan.deny).toEqual([]);
    expect(log.warnings.join()).toContain('inside RUNNER_TEMP');
  });
});

describe('aclCommands and modeCommands', () => {
  it('read-only: search above, rX below without following symlinks, nothing in RUNNER_TEMP', () => {
    const plan = {
      traverse: ['/home/runner'],
      workingDirectory: '/home/runner/work/r/r',
      mode: 'read-only' as const,
      deny: ['/home/runner/work/_temp'],
    };
    expect(aclCommands(plan, 1500, 1001)).toEqual([
      ['setfacl', '-m', 'u:1500:--x', '/home/runner'],
      ['setfacl', '-R', '-P', '-m', 'u:1500:rX', '/home/runner/work/r/r'],
      ['setfacl', '-m', 'u:1500:---', '/home/runner/work/_temp'],
    ]);
  });

  it('write: rwX below, inherited by new files for the agent and for us', () => {
    const plan = { traverse: [], workingDirectory: '/w', mode: 'write' as const, deny: [] };
    expect(aclCommands(plan, 1500, 1001)).toEqual([
      ['setfacl', '-R', '-P', '-m', 'u:1500:rwX,d:u:1500:rwX,d:u:1001:rwX', '/w'],
    ]);
    expect(aclCommands(plan, 1500, 0)[0]).toContain('u:1500:rwX,d:u:1500:rwX');
  });

  it('without ACLs: o+x above, o+rX below, RUNNER_TEMP closed to others', () => {
    const plan = { traverse: ['/h'], workingDirectory: '/h/w', mode: 'read-only' as const, deny: ['/h/t'] };
    expect(modeCommands(plan)).toEqual([
      ['chmod', 'o+x', '/h'],
      ['chmod', '-R', 'o+rX', '/h/w'],
      ['chmod', 'o-rwx', '/h/t'],
    ]);
  });
});

describe('grantAccess', () => {
  const plan = { traverse: ['/h'], workingDirectory: '/h/w', mode: 'read-only' as const, deny: ['/h/t'] };
  const noSetfacl: [string[], { exitCode: null; spawnError: string }] = [
    ['setfacl'],
    { exitCode: null, spawnError: 'ENOENT' },
  ];

  it('uses setfacl when installed, then checks access as the agent user', async () => {
    const sys = fakeSystem('sudo', [[['test', '-x', '/h/t'], { exitCode: 1 }]]);
    const log = quietLog();
    await grantAccess(plan, ACCOUNT, RUN_AS, sys, log);
    expect(sys.calls.filter((c) => c.argv[0] === 'setfacl' && c.argv[1] !== '--version')).toHaveLength(3);
    expect(sys.calls.filter((c) => c.as === 'user').map((c) => c.argv)).toEqual([
      ['test', '-r', '/h/w', '-a', '-x', '/h/w'],
      ['test', '-x', '/h/t'],
    ]);
    expect(log.infos.join()).toContain('by ACL');
    expect(log.warnings).toEqual([]);
  });

  it('falls back to mode bits for read-only runs without setfacl, and says so', async () => {
    const sys = fakeSystem('root', [noSetfacl, [['test', '-x'], { exitCode: 1 }]]);
    const log = quietLog();
    await grantAccess(plan, ACCOUNT, RUN_AS, sys, log);
    expect(sys.calls.filter((c) => c.argv[0] === 'chmod').map((c) => c.argv)).toEqual(modeCommands(plan));
    expect(log.warnings.join()).toMatch(/mode bits, which apply to every local user.*apt-get install -y acl/);
  });

  it('refuses write access without setfacl rather than making the checkout world-writable', async () => {
    const sys = fakeSystem('root', [noSetfacl]);
    await expect(grantAccess({ ...plan, mode: 'write' }, ACCOUNT, RUN_AS, sys, quietLog())).rejects.toThrow(
      /needs ACLs.*acl package/,
    );
    expect(sys.calls.some((c) => c.argv[0] === 'chmod')).toBe(false);
  });

  it('fails when the agent user still cannot read the working directory', async () => {
    const sys = fakeSystem('root', [[['test', '-r'], { exitCode: 1 }]]);
    await expect(grantAccess(plan, ACCOUNT, RUN_AS, sys, quietLog())).rejects.toThrow(
      /aio-agent still cannot read \/h\/w/,
    );
  });

  it('names the failing command when a grant fails', async () => {
    const sys = fakeSystem('sudo', [
      [['setfacl', '-R'], { exitCode: 1, stderr: 'setfacl: /h/w: Operation not supported' }],
    ]);
    await expect(grantAccess(plan, ACCOUNT, RUN_AS, sys, quietLog())).rejects.toThrow(
      /setfacl -R -P -m u:1500:rX \/h\/w.*Operation not supported/,
    );
  });
});

describe('checkPersistedCredentials', () => {
  const gitConfig = (text: string): void => {
    mkdirSync(join(workspace, '.git'), { recursive: true });
    writeFileSync(join(workspace, '.git', 'config'), text);
  };

  it('accepts a checkout without credentials, and a folder that is no repository', () => {
    expect(() => checkPersistedCredentials(workspace, runnerTemp)).not.toThrow();
    gitConfig('[core]\n\tbare = false\n[remote "origin"]\n\turl = https://github.com/acme/widgets\n');
    expect(() => checkPersistedCredentials(workspace, runnerTemp)).not.toThrow();
    expect(findGitDir(join(workspace, 'sub'))?.root).toBe(workspace);
  });

  it('refuses the token actions/checkout v4/v5 leave in .git/config', () => {
    gitConfig('[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzXw==\n');
    expect(() => checkPersistedCredentials(join(workspace, 'sub'), runnerTemp)).toThrow(
      /holds credentials.*persist-credentials: false/,
    );
  });

  it('refuses credentials in a remote URL', () => {
    gitConfig('[remote "origin"]\n\turl = https://x-access-token:ghs_abc@github.com/acme/widgets\n');
    expect(() => checkPersistedCredentials(workspace, runnerTemp)).toThrow(/holds credentials/);
  });

  it('refuses the include file actions/checkout v6 keeps in RUNNER_TEMP: git would fail for the agent', () => {
    gitConfig(`[includeIf "gitdir:${workspace}/.git"]\n\tpath = ${runnerTemp}/git-credentials-1234.config\n`);
    expect(() => checkPersistedCredentials(workspace, runnerTemp)).toThrow(/includes credentials from RUNNER_TEMP/);
  });

  it('follows a .git file to the real git folder (worktrees, submodules)', () => {
    const real = join(root, 'work', 'gitdir');
    mkdirSync(real, { recursive: true });
    writeFileSync(join(real, 'config'), '\textraheader = AUTHORIZATION: basic abc\n');
    writeFileSync(join(workspace, '.git'), `gitdir: ${real}\n`);
    expect(() => checkPersistedCredentials(workspace, runnerTemp)).toThrow(/holds credentials/);
  });
});
