// The stage copy and how a change is read back from it, on real folders.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StageTree, symlinkStaysInside } from '../../../src/git/stage-tree.js';

let original: string;
let tree: StageTree | undefined;

beforeEach(async () => {
  original = await mkdtemp(join(tmpdir(), 'stage-tree-test-'));
  mkdirSync(join(original, '.git', 'hooks'), { recursive: true });
  writeFileSync(join(original, '.git', 'config'), '[core]\n');
  mkdirSync(join(original, 'src'));
  writeFileSync(join(original, 'src', 'a.js'), 'a\n');
  writeFileSync(join(original, 'mywork.txt'), 'my private wip\n');
  mkdirSync(join(original, 'out', 'run'), { recursive: true });
  writeFileSync(join(original, 'out', 'run', 'log.txt'), 'log\n');
});
afterEach(async () => {
  await tree?.remove();
  tree = undefined;
  await rm(original, { recursive: true, force: true });
});

describe('StageTree', () => {
  it('copies the working tree without .git and without the excluded folder, leaving the original alone', async () => {
    tree = await StageTree.create(original, [join(original, 'out')]);
    expect(existsSync(join(tree.root, '.git'))).toBe(false);
    expect(existsSync(join(tree.root, 'out'))).toBe(false);
    expect(readFileSync(join(tree.root, 'mywork.txt'), 'utf8')).toBe('my private wip\n');
    writeFileSync(join(tree.root, 'src', 'a.js'), 'changed\n');
    expect(readFileSync(join(original, 'src', 'a.js'), 'utf8')).toBe('a\n');
  });

  it("reports the agents' additions, edits, deletions and mode changes, and nothing that was there untouched", async () => {
    tree = await StageTree.create(original, [join(original, 'out')]);
    expect(await tree.changes()).toEqual([]);
    writeFileSync(join(tree.root, 'src', 'a.js'), 'changed\n');
    writeFileSync(join(tree.root, 'new.sh'), '#!/bin/sh\n');
    chmodSync(join(tree.root, 'new.sh'), 0o755);
    rmSync(join(tree.root, 'mywork.txt'));
    const changes = await tree.changes();
    expect(changes.map((c) => [c.path, c.kind, 'mode' in c ? c.mode : undefined])).toEqual([
      ['mywork.txt', 'delete', undefined],
      ['new.sh', 'write', '100755'],
      ['src/a.js', 'write', '100644'],
    ]);
  });

  it('a file rewritten with the same bytes, or only touched, is no change', async () => {
    tree = await StageTree.create(original);
    writeFileSync(join(tree.root, 'src', 'a.js'), 'a\n');
    utimesSync(join(tree.root, 'mywork.txt'), new Date(0), new Date(0));
    expect(await tree.changes()).toEqual([]);
  });

  it('takes a symlink that stays inside the tree, refuses one leading out, and reads neither target', async () => {
    tree = await StageTree.create(original);
    symlinkSync('src/a.js', join(tree.root, 'inside'));
    symlinkSync('/etc/passwd', join(tree.root, 'absolute'));
    symlinkSync('../../x', join(tree.root, 'src', 'up'));
    const changes = await tree.changes();
    expect(changes).toContainEqual({ path: 'inside', kind: 'write', mode: '120000', data: Buffer.from('src/a.js') });
    expect(changes).toContainEqual({
      path: 'absolute',
      kind: 'refused',
      reason: 'a symbolic link that points outside the repository',
    });
    expect(changes).toContainEqual({
      path: 'src/up',
      kind: 'refused',
      reason: 'a symbolic link that points outside the repository',
    });
  });

  it('markStart takes the copy as it is now as the start (after access was granted)', async () => {
    tree = await StageTree.create(original);
    chmodSync(join(tree.root, 'src', 'a.js'), 0o664);
    await tree.markStart();
    expect(await tree.changes()).toEqual([]);
  });
});

describe('symlinkStaysInside', () => {
  it.each([
    ['a/link', '../b', true],
    ['a/link', 'c/d', true],
    ['link', '../x', false],
    ['a/link', '../../x', false],
    ['link', '/etc/passwd', false],
    ['link', '', false],
  ])('%s -> %s: %s', (link, target, inside) => {
    expect(symlinkStaysInside(link, target)).toBe(inside);
  });
});

describe('StageTree, odd things an agent leaves', () => {
  it('a file replaced by a folder is a deletion plus the new files; a FIFO is neither read nor waited on', async () => {
    tree = await StageTree.create(original);
    rmSync(join(tree.root, 'mywork.txt'));
    mkdirSync(join(tree.root, 'mywork.txt'));
    writeFileSync(join(tree.root, 'mywork.txt', 'inner'), 'x\n');
    execFileSync('mkfifo', [join(tree.root, 'pipe')]);
    const changes = await tree.changes();
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['mywork.txt', 'delete'],
      ['mywork.txt/inner', 'write'],
    ]);
  });
});
