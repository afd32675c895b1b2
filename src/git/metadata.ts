// The user's repository metadata an agent could use to plant code for a later git command (ours or the workflow's):
// snapshotted before the agents and put back after each stage, never writing or deleting through a symlink.
import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/**
 * Files of the common git folder that redirect or configure git: config, where the repository really is
 * (commondir), per-worktree config, attributes that name filter drivers. Hooks are added by listing.
 */
const METADATA_FILES = ['config', 'commondir', 'config.worktree', 'info/attributes'];

type Snapshot = { data: Buffer; mode: number } | undefined;

/** A regular file's bytes, or undefined for anything else (missing, a symlink, a folder): lstat, never followed. */
async function readRegular(path: string): Promise<Snapshot> {
  const stat = await lstat(path).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  return { data: await readFile(path), mode: stat.mode & 0o777 };
}

/** The hooks folder's files, when the folder is a real folder (a symlinked one is not listed: it is replaced). */
async function hookNames(hooksDir: string): Promise<string[]> {
  const stat = await lstat(hooksDir).catch(() => undefined);
  if (!stat?.isDirectory()) return [];
  return (await readdir(hooksDir)).sort();
}

/** Makes `dir` a real folder: a symlink or file in its place is removed, never followed. */
async function realFolder(dir: string): Promise<void> {
  const stat = await lstat(dir).catch(() => undefined);
  if (stat?.isDirectory()) return;
  if (stat) await rm(dir, { force: true });
  await mkdir(dir, { recursive: true });
}

export class RepoMetadata {
  private constructor(
    private readonly commonDir: string,
    private readonly root: string,
    private readonly files: Map<string, Snapshot>,
  ) {}

  static async snapshot(commonDir: string, root: string): Promise<RepoMetadata> {
    const files = new Map<string, Snapshot>();
    for (const name of METADATA_FILES) files.set(join(commonDir, name), await readRegular(join(commonDir, name)));
    for (const name of await hookNames(join(commonDir, 'hooks'))) {
      const path = join(commonDir, 'hooks', name);
      files.set(path, await readRegular(path));
    }
    return new RepoMetadata(commonDir, root, files);
  }

  /**
   * Puts every snapshotted file back and removes hooks and redirections that were not there. Whatever stands in a
   * file's place (a symlink, a folder) is removed itself, never followed; files are then created afresh (O_EXCL),
   * so a symlink that appears meanwhile makes the write fail instead of landing outside. Returns the paths, relative to the repository.
   */
  async restore(): Promise<string[]> {
    const changed: string[] = [];
    const hooksDir = join(this.commonDir, 'hooks');
    if ((await lstat(hooksDir).catch(() => undefined))?.isSymbolicLink()) changed.push(relative(this.root, hooksDir));
    await realFolder(hooksDir);
    const planted = (await hookNames(hooksDir))
      .map((name) => join(hooksDir, name))
      .filter((path) => !this.files.has(path));
    for (const path of [...this.files.keys(), ...planted]) {
      const before = this.files.get(path);
      const now = await lstat(path).catch(() => undefined);
      if (!before && !now) continue;
      if (before && now?.isFile() && (now.mode & 0o777) === before.mode && (await readFile(path)).equals(before.data))
        continue;
      if (now) await rm(path, { recursive: now.isDirectory(), force: true });
      if (before) {
        await realFolder(dirname(path));
        await writeFile(path, before.data, { mode: before.mode, flag: 'wx' });
      }
      changed.push(relative(this.root, path));
    }
    return changed;
  }
}
