// The isolation pieces that need real processes: a real agent account (as root) and the sudoers pattern as grep -E
// reads it. The rest of their tests are in __tests__/unit/isolation/ (a fake system, no process).
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureAgentAccount, prepareHome } from '../../../src/isolation/agent-user.js';
import { userLinePattern } from '../../../src/isolation/drop-sudo.js';
import { systemCommands } from '../../../src/isolation/system.js';
import { makeTempDir } from '../../kit/process-harness.js';

describe('agent user', () => {
  it.skipIf(process.getuid?.() !== 0)(
    'as root, for real: creates (or reuses) aio-test-agent with a private home and tmp',
    async () => {
      const { dir, cleanup } = makeTempDir();
      try {
        const sys = systemCommands('root', dir);
        const account = await ensureAgentAccount('aio-test-agent', sys, () => undefined);
        await prepareHome(account, sys);
        const tmp = statSync(`${account.home}/tmp`);
        expect(tmp.uid).toBe(account.uid);
        expect(tmp.mode & 0o777).toBe(0o700);
        expect(spawnSync('id', ['-u', 'aio-test-agent'], { encoding: 'utf8' }).stdout.trim()).toBe(String(account.uid));
      } finally {
        cleanup();
      }
    },
  );
});

describe('sudoers lines', () => {
  it("matches the user's own specifications only, as grep -E sees them", () => {
    const { dir, cleanup } = makeTempDir();
    const file = join(dir, 'sudoers');
    const lines = [
      'runner ALL=(ALL) NOPASSWD:ALL',
      '  runner\tALL=(ALL) ALL',
      'runner2 ALL=(ALL) ALL',
      '# runner ALL=(ALL) ALL',
      'Defaults:runner !requiretty',
      '%runner ALL=(ALL) ALL',
      'xrunner ALL=(ALL) ALL',
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const matched = spawnSync('grep', ['-E', userLinePattern('runner'), file], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    cleanup();
    expect(matched).toEqual(['runner ALL=(ALL) NOPASSWD:ALL', '  runner\tALL=(ALL) ALL']);
  });
});
