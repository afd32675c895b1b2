// The copy of the working tree the write stages edit, and how their change is read back out of it: by us, with
// lstat, never by git. The copy has no `.git`, so nothing an agent writes there is ever read as git metadata.
import { execFile } from 'node:child_process';
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { lstat, mkdtemp, open, readdir, readFile, readlink, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

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

/** Calls `visit` for every path below `dir` (lstat: symlinks are reported, never followed), parents first. */
async function walk(dir: string, visit: (abs: string, stat: Stats) => Promise<void>): Promise<void> {
  for (const name of (await readdir(dir)).sort()) {
    const abs = join(dir, name);
    const stat = await lstat(abs).catch(() => undefined);
    if (!stat) continue;
    await visit(abs, stat);
    if (stat.isDirectory()) await walk(abs, visit);
  }
}

/** What every path of the copy is now, for telling later which ones a stage touched. */
async function record(root: string): Promise<Map<string, StartEntry>> {
  const start = new Map<string, StartEntry>();
  await walk(root, async (abs, stat) => {
    start.set(toPosix(relative(root, abs)), {
      kind: kindOf(stat)!,
      ino: stat.ino,
      size: stat.size,
      ctimeMs: stat.ctimeMs,
      mode: stat.mode,
    });
  });
  return start;
}

export class StageTree {
  private constructor(
    /** The user's tree: the state the run started from (the agents never get access to it). */
    readonly originalRoot: string,
    /** The copy the agents work in. */
    readonly root: string,
    private start: Map<string, StartEntry>,
    /** `root` with every symlink above it resolved (macOS's /var is /private/var). */
    private readonly realRoot: string,
  ) {}

  /**
   * Copies `originalRoot` (tracked, untracked and ignored files alike; not its `.git`, not `exclude`) into a new
   * folder under the system's temporary folder with `cp -R -P -p` (symlinks copied as links, modes and times kept;
   * native copying is several times faster than copying file by file from here), and records what each copied
   * path was.
   */
  static async create(originalRoot: string, exclude: string[] = []): Promise<StageTree> {
    const root = await mkdtemp(join(tmpdir(), 'ai-orchestra-stage-'));
    const skip = new Set([join(originalRoot, '.git'), ...exclude.map((p) => resolve(p))]);
    const entries = (await readdir(originalRoot))
      .map((name) => join(originalRoot, name))
      .filter((path) => !skip.has(path));
    if (entries.length > 0)
      await execFileAsync('cp', ['-R', '-P', '-p', '--', ...entries, root], { maxBuffer: 1024 * 1024 });
    // An excluded folder deeper down (the local run's --out folder inside a sub-folder) is removed from the copy.
    for (const path of skip) {
      const rel = relative(originalRoot, path);
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && rel.includes(sep))
        await rm(join(root, rel), { recursive: true, force: true });
    }
    return new StageTree(originalRoot, root, await record(root), await realpath(root));
  }

  /**
   * Takes what the copy holds now as the start. Called once access was granted to the agent user: setfacl changes
   * every file's ctime, and a start taken before it would make every file look touched (and read) later.
   */
  async markStart(): Promise<void> {
    this.start = await record(this.root);
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
    const foldersNow = new Set<string>();
    await walk(this.root, async (abs, stat) => {
      const rel = toPosix(relative(this.root, abs));
      seen.add(rel);
      const kind = kindOf(stat);
      if (kind === 'dir') {
        foldersNow.add(rel);
        return;
      }
      const before = this.start.get(rel);
      if (
        before &&
        before.kind === kind &&
        before.ino === stat.ino &&
        before.size === stat.size &&
        before.ctimeMs === stat.ctimeMs &&
        before.mode === stat.mode
      )
        return;
      const change = await this.read(rel, abs, stat, kind);
      if (change && !(await this.sameAsOriginal(rel, change))) out.push(change);
    });
    for (const [rel, entry] of this.start) {
      if (entry.kind !== 'dir' && (!seen.has(rel) || foldersNow.has(rel))) out.push({ path: rel, kind: 'delete' });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private async read(
    rel: string,
    abs: string,
    stat: Stats,
    kind: StartEntry['kind'] | undefined,
  ): Promise<TreeChange | undefined> {
    if (kind === 'symlink') {
      const target = await readlink(abs);
      if (!symlinkStaysInside(rel, target))
        return { path: rel, kind: 'refused', reason: 'a symbolic link that points outside the repository' };
      return { path: rel, kind: 'write', mode: '120000', data: Buffer.from(target, 'utf8') };
    }
    if (kind === 'file') {
      if (stat.size > MAX_FILE_BYTES)
        return { path: rel, kind: 'refused', reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
      const data = await this.readInside(abs);
      if (!data)
        return {
          path: rel,
          kind: 'refused',
          reason: 'it could not be read as a regular file inside the copy (swapped or unreadable)',
        };
      return { path: rel, kind: 'write', mode: stat.mode & 0o111 ? '100755' : '100644', data };
    }
    return this.start.has(rel)
      ? { path: rel, kind: 'refused', reason: 'replaced by something that is neither a file nor a symbolic link' }
      : undefined;
  }

  /**
   * A regular file's bytes, read only if it is still one inside the copy when opened: no symlink as its last part
   * (O_NOFOLLOW), no FIFO to block on (O_NONBLOCK), and on Linux the opened file's real path checked, so that a
   * folder swapped for a symlink between our lstat and our read (a process the agent left behind) cannot make us
   * read a file of ours, such as /proc/<our pid>/environ. Undefined when it is not.
   */
  private async readInside(abs: string): Promise<Buffer | undefined> {
    const handle = await open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
      () => undefined,
    );
    if (!handle) return undefined;
    try {
      if (!(await handle.stat()).isFile()) return undefined;
      if (
        process.platform === 'linux' &&
        !(await readlink(`/proc/self/fd/${handle.fd}`)).startsWith(`${this.realRoot}${sep}`)
      )
        return undefined;
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** A file rewritten with the same bytes (or touched) is no change. */
  private async sameAsOriginal(rel: string, change: TreeChange): Promise<boolean> {
    if (change.kind !== 'write' || !this.start.has(rel)) return false;
    const abs = join(this.originalRoot, rel);
    const stat = await lstat(abs).catch(() => undefined);
    if (!stat) return false;
    if (change.mode === '120000')
      return stat.isSymbolicLink() && (await readlink(abs)) === change.data.toString('utf8');
    if (!stat.isFile() || stat.size !== change.data.length || (stat.mode & 0o111 ? '100755' : '100644') !== change.mode)
      return false;
    return (await readFile(abs)).equals(change.data);
  }
}
