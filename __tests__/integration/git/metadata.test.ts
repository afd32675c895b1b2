// Restoring the user's git metadata never writes or deletes through a symlink.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoMetadata } from '../../../src/git/metadata.js';

let root: string;
let gitDir: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'metadata-test-'));
  gitDir = join(root, 'repo', '.git');
  outside = join(root, 'outside');
  mkdirSync(join(gitDir, 'hooks'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(gitDir, 'config'), '[core]\n\tbare = false\n');
  writeFileSync(join(gitDir, 'hooks', 'pre-commit.sample'), 'sample\n');
  writeFileSync(join(outside, 'keep'), 'precious\n');
  writeFileSync(join(outside, 'file'), 'precious file\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('RepoMetadata', () => {
  it('replaces symlinked hooks and config with the originals, leaving what they point to untouched', async () => {
    const metadata = await RepoMetadata.snapshot(gitDir, join(root, 'repo'));
    rmSync(join(gitDir, 'hooks'), { recursive: true });
    symlinkSync(outside, join(gitDir, 'hooks'));
    rmSync(join(gitDir, 'config'));
    symlinkSync(join(outside, 'file'), join(gitDir, 'config'));
    const restored = await metadata.restore();
    expect(restored).toEqual(expect.arrayContaining(['.git/hooks', '.git/config']));
    expect(readdirSync(outside).sort()).toEqual(['file', 'keep']);
    expect(readFileSync(join(outside, 'file'), 'utf8')).toBe('precious file\n');
    expect(lstatSync(join(gitDir, 'hooks')).isDirectory()).toBe(true);
    expect(readFileSync(join(gitDir, 'hooks', 'pre-commit.sample'), 'utf8')).toBe('sample\n');
    expect(lstatSync(join(gitDir, 'config')).isFile()).toBe(true);
    expect(readFileSync(join(gitDir, 'config'), 'utf8')).toBe('[core]\n\tbare = false\n');
  });

  it('removes planted redirections and hooks, and puts changed ones back', async () => {
    const metadata = await RepoMetadata.snapshot(gitDir, join(root, 'repo'));
    writeFileSync(join(gitDir, 'commondir'), outside);
    writeFileSync(join(gitDir, 'config.worktree'), '[core]\n');
    mkdirSync(join(gitDir, 'info'));
    writeFileSync(join(gitDir, 'info', 'attributes'), '* filter=x\n');
    writeFileSync(join(gitDir, 'hooks', 'pre-push'), '#!/bin/sh\n');
    writeFileSync(join(gitDir, 'config'), '[filter "x"]\n');
    expect((await metadata.restore()).sort()).toEqual([
      '.git/commondir',
      '.git/config',
      '.git/config.worktree',
      '.git/hooks/pre-push',
      '.git/info/attributes',
    ]);
    for (const gone of ['commondir', 'config.worktree', 'info/attributes', 'hooks/pre-push'])
      expect(existsSync(join(gitDir, gone)), gone).toBe(false);
    expect(await metadata.restore()).toEqual([]);
  });
});
