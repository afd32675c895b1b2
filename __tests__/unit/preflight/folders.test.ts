// --out never writes through a symbolic link a repository committed: not the folder itself, not a file in it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderError, prepareOutFolder } from '../../../src/preflight/folders.js';

describe('prepareOutFolder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ai-out-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses an out folder that is a symbolic link, and writes nothing where it leads', () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(root, 'out'));
    expect(() => prepareOutFolder(join(root, 'out'))).toThrow(
      new FolderError(`--out ${join(root, 'out')} is a symbolic link; give the folder itself.`),
    );
    // Dangling too: mkdir must not be what notices.
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
    expect(() => prepareOutFolder(join(root, 'dangling'))).toThrow('is a symbolic link');
  });

  it('the write check does not follow a link planted under its name', () => {
    const out = join(root, 'out');
    mkdirSync(out);
    const target = join(root, 'victim');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(out, `.ai-orchestra-write-check-${process.pid}`));
    expect(() => prepareOutFolder(out)).toThrow(/cannot write there: a file of that name is already there/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('an --out below a file is still refused as such', () => {
    writeFileSync(join(root, 'file'), '');
    expect(() => prepareOutFolder(join(root, 'file', 'out'))).toThrow('is a file, not a folder');
  });

  it('a new folder gets its .gitignore; the write check leaves nothing behind', () => {
    const out = join(root, 'a', 'b');
    expect(prepareOutFolder(out)).toBe(out);
    expect(readFileSync(join(out, '.gitignore'), 'utf8')).toContain('*');
    expect(existsSync(join(out, `.ai-orchestra-write-check-${process.pid}`))).toBe(false);
  });
});
