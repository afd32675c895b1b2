// The copy of the working tree the write stages edit, and how their change is read back out of it: by us, with
// lstat, never by git. The copy has no `.git`, so nothing an agent writes there is ever read as git metadata.
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, chmod, symlink, copyFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/** A file larger than this is not taken into a commit (GitHub refuses files over 100 MB anyway). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** What a path held: a file (its executable bit), a symlink (its target), or a folder. */
interface StartEntry {
  kind: 'file' | 'symlink' | 'dir';
  ino: number;
  size: number;
  ctimeMs: number;
  mode: number;
}

/** One path of the change, relative to the tree with "/" separators. */
export type TreeChange =
  | { path: string; kind: 'write'; mode: '100644' | '100755' | '120000'; data: Buffer }
  | { path: string; kind: 'delete' }
  | { path: string; kind: 'refused'; reason: string };

function kindOf(stat: Stats): StartEntry['kind'] | undefined {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isDirectory()) return 'dir';
  if (stat.isFile()) return 'file';
  return undefined; // sockets, FIFOs, devices: never part of a change
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Whether a symlink at `linkPath` (relative to the tree) pointing to `target` stays inside the tree. */
export function symlinkStaysInside(linkPath: string, target: string): boolean {
  if (target === '' || isAbsolute(target)) return false;
  const resolved = normalize(join(linkPath, '..', target));
  return resolved !== '..' && !resolved.startsWith(`..${sep}`) && !isAbsolute(resolved);
}

export class StageTree {
  private constructor(
    /** The user's tree: the state the run started from (the agents never get access to it). */
    readonly originalRoot: string,
    /** The copy the agents work in. */
    readonly root: string,
    private readonly start: Map<string, StartEntry>,
  ) {}

  /**
   * Copies `originalRoot` (tracked, untracked and ignored files alike; not its `.git`, not `exclude`) into a new
   * folder under the system's temporary folder, and records what each copied path was.
   */
  static async create(originalRoot: string, exclude: string[] = []): Promise<StageTree> {
    const root = await mkdtemp(join(tmpdir(), 'ai-orchestra-stage-'));
    const start = new Map<string, StartEntry>();
    const skip = new Set([join(originalRoot, '.git'), ...exclude]);
    const copyDir = async (from: string, to: string): Promise<void> => {
      for (const entry of await readdir(from, { withFileTypes: true })) {
        const source = join(from, entry.name);
        if (skip.has(source)) continue;
        const target = join(to, entry.name);
        const stat = await lstat(source);
        if (stat.isSymbolicLink()) await symlink(await readlink(source), target);
        else if (stat.isDirectory()) {
          await mkdir(target);
          await copyDir(source, target);
          await chmod(target, stat.mode & 0o777);
        } else if (stat.isFile()) await copyFile(source, target);
        else continue;
        const copied = await lstat(target);
        start.set(toPosix(relative(root, target)), { kind: kindOf(copied)!, ino: copied.ino, size: copied.size, ctimeMs: copied.ctimeMs, mode: copied.mode });
      }
    };
    await copyDir(originalRoot, root);
    return new StageTree(originalRoot, root, start);
  }

  /** Removes the copy (fs.rm removes symlinks, never what they point to). */
  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  /**
   * The agents' change: every path of the copy that differs from what the run started with, read by us with lstat.
   * Regular files and symlinks that stay inside the tree are taken, with only the executable bit of their mode;
   * anything else that changed is refused with a reason. Paths untouched since the start never appear.
   */
  async changes(): Promise<TreeChange[]> {
    const out: TreeChange[] = [];
    const seen = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
      const names = (await readdir(dir)).sort();
      for (const name of names) {
        const abs = join(dir, name);
        const rel = toPosix(relative(this.root, abs));
        const stat = await lstat(abs).catch(() => undefined);
        if (!stat) continue;
        seen.add(rel);
        const kind = kindOf(stat);
        if (kind === 'dir') {
          await walk(abs);
          continue;
        }
        const before = this.start.get(rel);
        if (before && before.kind === kind && before.ino === stat.ino && before.size === stat.size && before.ctimeMs === stat.ctimeMs && before.mode === stat.mode) continue;
        const change = await this.read(rel, abs, stat, kind);
        if (change && !(await this.sameAsOriginal(rel, change))) out.push(change);
      }
    };
    await walk(this.root);
    for (const [rel, entry] of this.start) {
      if (entry.kind !== 'dir' && !seen.has(rel)) out.push({ path: rel, kind: 'delete' });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private async read(rel: string, abs: string, stat: Stats, kind: StartEntry['kind'] | undefined): Promise<TreeChange | undefined> {
    if (kind === 'symlink') {
      const target = await readlink(abs);
      if (!symlinkStaysInside(rel, target)) return { path: rel, kind: 'refused', reason: 'a symbolic link that points outside the repository' };
      return { path: rel, kind: 'write', mode: '120000', data: Buffer.from(target, 'utf8') };
    }
    if (kind === 'file') {
      if (stat.size > MAX_FILE_BYTES) return { path: rel, kind: 'refused', reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
      const data = await readFile(abs);
      return { path: rel, kind: 'write', mode: stat.mode & 0o111 ? '100755' : '100644', data };
    }
    return this.start.has(rel) ? { path: rel, kind: 'refused', reason: 'replaced by something that is neither a file nor a symbolic link' } : undefined;
  }

  /** A file rewritten with the same bytes (or touched) is no change. */
  private async sameAsOriginal(rel: string, change: TreeChange): Promise<boolean> {
    if (change.kind !== 'write' || !this.start.has(rel)) return false;
    const abs = join(this.originalRoot, rel);
    const stat = await lstat(abs).catch(() => undefined);
    if (!stat) return false;
    if (change.mode === '120000') return stat.isSymbolicLink() && (await readlink(abs)) === change.data.toString('utf8');
    if (!stat.isFile() || stat.size !== change.data.length || (stat.mode & 0o111 ? '100755' : '100644') !== change.mode) return false;
    return (await readFile(abs)).equals(change.data);
  }
}
