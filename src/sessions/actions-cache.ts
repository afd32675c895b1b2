// Session store entries in the job's Actions cache, keyed by a hash of repository, issue, agent and session id.
// Anything with the repository's cache scope can write an entry: the store checks what comes back (store.ts).
import { accessSync, constants, cpSync, rmSync, statSync } from 'node:fs';
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

/** `base`: a folder of ours (below RUNNER_TEMP); an entry's path is part of its cache version, so it is fixed per key. */
export function actionsCacheSessionBackend(base: string): SessionBackend {
  // @actions/cache brings the Azure storage SDK: loaded only when a session is restored or saved.
  const load = () => import('@actions/cache');
  return {
    where: 'the Actions cache',
    async restore(prefix, dir) {
      const cache = await load();
      const entry = join(base, prefix);
      const realTar = findProgram('tar', process.env.PATH ?? '');
      // Linux only: macOS's @actions/cache prefers gtar (past our guard), Windows has no shell for it. Elsewhere, and
      // without tar, no entry is extracted at all (the follow-up rebuilds the thread context).
      if (process.platform !== 'linux' || !realTar) return false;
      rmSync(entry, { recursive: true, force: true });
      const guard = writeTarGuard(join(base, `${prefix}guard`), entry, realTar);
      // @actions/cache looks tar up on PATH when it extracts: our guard comes first for this restore only.
      const path = process.env.PATH;
      process.env.PATH = [guard, path].filter(Boolean).join(delimiter);
      try {
        const key = await cache.restoreCache([entry], `${prefix}none`, [prefix]);
        if (key === undefined || !key.startsWith(prefix)) return false;
        cpSync(entry, dir, { recursive: true, verbatimSymlinks: true });
        return true;
      } finally {
        process.env.PATH = path;
        rmSync(entry, { recursive: true, force: true });
        rmSync(join(base, `${prefix}guard`), { recursive: true, force: true });
      }
    },
    async save(prefix, unique, dir) {
      const cache = await load();
      const entry = join(base, prefix);
      rmSync(entry, { recursive: true, force: true });
      cpSync(dir, entry, { recursive: true });
      try {
        await cache.saveCache([entry], `${prefix}${unique}`);
      } finally {
        rmSync(entry, { recursive: true, force: true });
      }
    },
  };
}
