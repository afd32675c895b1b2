// The tar guard that stands in front of tar while @actions/cache extracts a session entry: the real tar, real
// archives; a legitimate entry extracts, a crafted one (a path out of the entry, an absolute path, a symlink) writes
// nothing at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProgram } from '../../src/sessions/actions-cache.js';
import { writeTarGuard } from '../../src/sessions/tar-guard.js';

const realTar = findProgram('tar', process.env.PATH ?? '')!;

describe('tar guard for session entries', () => {
  let root: string;
  let workspace: string;
  let entry: string;
  let guard: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ai-orchestra-tar-guard-'));
    workspace = join(root, 'work', 'repo');
    entry = join(root, 'temp', 'entries', 'ai-orchestra-session-v1-abc-');
    mkdirSync(workspace, { recursive: true });
    guard = writeTarGuard(join(root, 'guard'), entry, realTar);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** What @actions/cache runs to extract, with gzip as its decompression flags. */
  const extract = (archive: string) =>
    spawnSync(join(guard, 'tar'), ['-xf', archive, '-P', '-C', workspace, '-z'], { encoding: 'utf8' });
  const pack = (archive: string, members: string[]) => {
    const made = spawnSync(realTar, ['--posix', '-czf', archive, '-P', '-C', workspace, ...members], {
      encoding: 'utf8',
    });
    expect(made.status, made.stderr).toBe(0);
  };

  it('extracts an entry whose members all lie in the entry folder (as @actions/cache packs ours)', () => {
    mkdirSync(join(entry, 'home'), { recursive: true });
    writeFileSync(join(entry, 'home', 'session.jsonl'), 'turn one\n');
    pack(join(root, 'ok.tgz'), ['../../temp/entries/ai-orchestra-session-v1-abc-']);
    rmSync(entry, { recursive: true });
    const result = extract(join(root, 'ok.tgz'));
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(entry, 'home', 'session.jsonl'), 'utf8')).toBe('turn one\n');
  });

  it.each([
    [
      'a path that leads out of the entry',
      (r: string) => (writeFileSync(join(r, 'work', 'evil.sh'), 'x'), ['../evil.sh']),
      'work/evil.sh',
    ],
    ['an absolute path', (r: string) => (writeFileSync(join(r, 'abs.sh'), 'x'), [join(r, 'abs.sh')]), 'abs.sh'],
  ])('refuses %s and writes nothing', (_what, make, written) => {
    const members = make(root);
    pack(join(root, 'evil.tgz'), members);
    rmSync(join(root, written));
    const result = extract(join(root, 'evil.tgz'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('leads outside');
    expect(existsSync(join(root, written))).toBe(false);
  });

  it('refuses a symlink member inside the entry', () => {
    mkdirSync(entry, { recursive: true });
    symlinkSync('/etc', join(entry, 'link'));
    pack(join(root, 'link.tgz'), ['../../temp/entries/ai-orchestra-session-v1-abc-']);
    rmSync(entry, { recursive: true });
    const result = extract(join(root, 'link.tgz'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not a plain file or folder');
    expect(existsSync(entry)).toBe(false);
  });

  it('passes every other call through to tar', () => {
    const result = spawnSync(join(guard, 'tar'), ['--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/tar/);
  });
});
