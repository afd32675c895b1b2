// Session store entries in the job's Actions cache, keyed by a hash of repository, issue, agent and session id.
// Anything with the repository's cache scope can write an entry: the store checks what comes back (store.ts).
import { accessSync, constants, cpSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { SessionBackend } from './store.js';
import { writeTarGuard } from './tar-guard.js';

/** The first executable `name` on `path` (absolute folders only), as @actions/io's which finds it. */
export function findProgram(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True where the job has a cache service (ACTIONS_* variables); elsewhere a folder keeps the sessions. */
export function actionsCacheAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL);
}

/**
 * `base`: a folder of ours (below RUNNER_TEMP). @actions/cache keys an entry's version by the paths it is given and
 * stores its files relative to GITHUB_WORKSPACE: both would tie an entry to one runner's folders. So while it works,
 * HOME and GITHUB_WORKSPACE are `base` and the path is `~/<prefix>` (the same string on every runner); one restore or
 * save at a time, since it changes the process's environment.
 */
export function actionsCacheSessionBackend(base: string): SessionBackend {
  // @actions/cache brings the Azure storage SDK: loaded only when a session is restored or saved.
  const load = () => import('@actions/cache');
  let queue: Promise<unknown> = Promise.resolve();
  const inBase = <T>(extraPath: string | undefined, work: () => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      const saved = { HOME: process.env.HOME, GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE, PATH: process.env.PATH };
      mkdirSync(base, { recursive: true });
      process.env.HOME = base;
      process.env.GITHUB_WORKSPACE = base;
      if (extraPath) process.env.PATH = [extraPath, saved.PATH].filter(Boolean).join(delimiter);
      try {
        return await work();
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    where: 'the Actions cache',
    async restore(prefix, dir) {
      const cache = await load();
      const entry = join(base, prefix);
      const realTar = findProgram('tar', process.env.PATH ?? '');
      // Linux only: macOS's @actions/cache prefers gtar (past our guard), Windows has no shell for it. Elsewhere, and
      // without tar, no entry is extracted at all (the follow-up rebuilds the thread context).
      if (process.platform !== 'linux' || !realTar) return false;
      const guardDir = join(`${base}-guard`, prefix);
      rmSync(entry, { recursive: true, force: true });
      // @actions/cache looks tar up on PATH when it extracts: our guard comes first for this restore only.
      const guard = writeTarGuard(guardDir, entry, realTar);
      try {
        return await inBase(guard, async () => {
          const key = await cache.restoreCache([`~/${prefix}`], `${prefix}none`, [prefix]);
          if (key === undefined || !key.startsWith(prefix)) return false;
          cpSync(entry, dir, { recursive: true, verbatimSymlinks: true });
          return true;
        });
      } finally {
        rmSync(entry, { recursive: true, force: true });
        rmSync(guardDir, { recursive: true, force: true });
      }
    },
    async save(prefix, unique, dir) {
      const cache = await load();
      const entry = join(base, prefix);
      rmSync(entry, { recursive: true, force: true });
      cpSync(dir, entry, { recursive: true });
      try {
        await inBase(undefined, () => cache.saveCache([`~/${prefix}`], `${prefix}${unique}`));
      } finally {
        rmSync(entry, { recursive: true, force: true });
      }
    },
  };
}
