// The session store keeps only the session's own files and restores only plain files of that session, for the same
// repository, issue and agent: what comes back from a backend (the Actions cache) is untrusted.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../../src/agents/types.js';
import {
  createSessionStore,
  folderSessionBackend,
  type SessionBackend,
  sessionKeyPrefix,
} from '../../../src/sessions/store.js';

const ID = '6f1c2a7e-3b9d-4c55-9a0e-2d8f4b7c1e90';
const OTHER = '11111111-2222-3333-4444-555555555555';
const SCOPE = { repository: 'acme/widgets', issue: 12, agent: 'claude' };
const agents: Record<string, AgentSpec> = {
  claude: { name: 'claude', cli: 'claude', args: [], env: {}, passEnv: [], timeoutSec: 60 },
  tool: { name: 'tool', command: ['tool'], args: [], env: {}, passEnv: [], timeoutSec: 60 },
};

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('session store', () => {
  let dir: string;
  let homeA: string;
  let homeB: string;
  let backend: SessionBackend;
  const store = (home: string, b = backend) => createSessionStore({ backend: b, agents, home, scratch: dir });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-orchestra-store-'));
    homeA = join(dir, 'home-a');
    homeB = join(dir, 'home-b');
    mkdirSync(homeA);
    mkdirSync(homeB);
    backend = folderSessionBackend(join(dir, 'kept'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the files of this session only and restores them into another HOME', async () => {
    write(homeA, `.claude/projects/-work/${ID}.jsonl`, 'turn one\n');
    write(homeA, `.claude/projects/-work/${OTHER}.jsonl`, 'another issue\n');
    write(homeA, '.claude/settings.json', '{"hooks":{}}');
    expect(await store(homeA).save(SCOPE, ID)).toEqual({ ok: true, files: 1 });
    expect(await store(homeB).restore(SCOPE, ID)).toEqual({ ok: true, files: 1 });
    expect(readFileSync(join(homeB, `.claude/projects/-work/${ID}.jsonl`), 'utf8')).toBe('turn one\n');
    expect(existsSync(join(homeB, `.claude/projects/-work/${OTHER}.jsonl`))).toBe(false);
    expect(existsSync(join(homeB, '.claude/settings.json'))).toBe(false);
  });

  it('never restores into another issue, repository or agent, nor another session', async () => {
    write(homeA, `.claude/projects/-work/${ID}.jsonl`, 'turn one\n');
    await store(homeA).save(SCOPE, ID);
    for (const scope of [
      { ...SCOPE, issue: 1 },
      { ...SCOPE, issue: 120 },
      { ...SCOPE, repository: 'acme/other' },
    ]) {
      expect(await store(homeB).restore(scope, ID)).toMatchObject({ ok: false });
    }
    expect(await store(homeB).restore(SCOPE, OTHER)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no saved session'),
    });
    expect(sessionKeyPrefix(SCOPE, ID)).not.toBe(sessionKeyPrefix({ ...SCOPE, issue: 1 }, ID));
  });

  it('says why for an agent whose CLI keeps no sessions, and for an id that is not one', async () => {
    expect(await store(homeA).save({ ...SCOPE, agent: 'tool' }, ID)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('keeps no sessions'),
    });
    expect(await store(homeA).save(SCOPE, '../../etc')).toMatchObject({ ok: false, reason: 'not a session id' });
    expect(await store(homeA).save(SCOPE, ID)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no files of session'),
    });
  });

  /** A backend that hands back whatever a poisoned entry holds. */
  function poisoned(fill: (entry: string) => void): SessionBackend {
    return {
      where: 'a poisoned cache',
      async restore(_prefix, entry) {
        fill(entry);
        return true;
      },
      async save() {},
    };
  }
  const scopeFile = (entry: string, scope = SCOPE) =>
    writeFileSync(join(entry, 'scope.json'), JSON.stringify({ format: 1, ...scope, sessionId: ID }));

  it('refuses an entry written for another scope', async () => {
    const b = poisoned((entry) => {
      scopeFile(entry, { ...SCOPE, issue: 99 });
      write(entry, `home/.claude/projects/-work/${ID}.jsonl`, 'x');
    });
    expect(await store(homeB, b).restore(SCOPE, ID)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('another repository, issue'),
    });
    expect(existsSync(join(homeB, '.claude'))).toBe(false);
  });

  it('refuses an entry with a file outside the session (a settings file with hooks, a shell profile)', async () => {
    for (const rel of ['home/.claude/settings.json', 'home/.bashrc', `home/.claude/projects/../settings-${ID}.json`]) {
      const b = poisoned((entry) => {
        scopeFile(entry);
        write(entry, `home/.claude/projects/-work/${ID}.jsonl`, 'x');
        write(entry, rel, 'evil');
      });
      expect(await store(homeB, b).restore(SCOPE, ID)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('refused'),
      });
      expect(existsSync(join(homeB, '.claude'))).toBe(false);
      expect(existsSync(join(homeB, '.bashrc'))).toBe(false);
    }
  });

  it('refuses an entry with a symlink, and never writes through one already in HOME', async () => {
    const b = poisoned((entry) => {
      scopeFile(entry);
      mkdirSync(join(entry, 'home/.claude/projects/-work'), { recursive: true });
      symlinkSync(join(dir, 'outside.txt'), join(entry, `home/.claude/projects/-work/${ID}.jsonl`));
    });
    expect(await store(homeB, b).restore(SCOPE, ID)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a plain file'),
    });

    write(homeA, `.claude/projects/-work/${ID}.jsonl`, 'turn one\n');
    await store(homeA).save(SCOPE, ID);
    mkdirSync(join(homeB, '.claude'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(homeB, '.claude/projects'));
    expect(await store(homeB).restore(SCOPE, ID)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is not a folder'),
    });
    expect(existsSync(join(dir, 'elsewhere/-work'))).toBe(false);
  });
});
