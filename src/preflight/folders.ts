// Checks the local runner's folders before any agent starts: the working directory exists, --out can be written.
import { existsSync, lstatSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

export class FolderError extends Error {}

/** Kernel file systems: creating folders there fails in odd ways (and Node's recursive mkdir can spin on /proc). */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EEXIST':
      return 'a file of that name is already there (a link a repository committed?)';
    default:
      return `${code ?? ''} ${(error as Error).message}`.trim();
  }
}

/** Whether `path` is itself a symbolic link (false when it is missing or a part of its path is a file). */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function checkWorkingDirectory(path: string): string {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new FolderError(`--working-directory ${dir} does not exist.`);
  if (!statSync(dir).isDirectory()) throw new FolderError(`--working-directory ${dir} is a file, not a folder.`);
  return dir;
}

/** Creates --out (one level at a time, so every failure names its cause) and proves a file can be written in it. */
export function prepareOutFolder(path: string): string {
  const dir = resolve(path);
  const virtual = VIRTUAL_ROOTS.find((root) => dir === root || dir.startsWith(root + sep));
  if (virtual)
    throw new FolderError(
      `--out ${dir}: ${virtual} is a kernel file system, not a place for files; choose another folder.`,
    );
  // A repository can commit a symbolic link where --out points: what we write would land where the link leads.
  if (isLink(dir)) throw new FolderError(`--out ${dir} is a symbolic link; give the folder itself.`);
  const missing: string[] = [];
  let existing = dir;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  if (!statSync(existing).isDirectory()) throw new FolderError(`--out ${dir}: ${existing} is a file, not a folder.`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      throw new FolderError(`--out ${dir}: cannot create ${folder}: ${describe(error)}.`);
    }
  }
  // A folder we made holds only run output: git ignores it, so a relay run never commits an earlier run's files.
  // 'wx' (O_CREAT | O_EXCL): never opens what is already there, so never follows a link planted in the folder.
  if (missing.length > 0)
    writeFileSync(resolve(dir, '.gitignore'), '# Written by ai-orchestra-action: run output, not for commits.\n*\n', {
      flag: 'wx',
    });
  const probe = resolve(dir, `.ai-orchestra-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe, { force: true });
  } catch (error) {
    throw new FolderError(`--out ${dir}: cannot write there: ${describe(error)}.`);
  }
  return dir;
}
