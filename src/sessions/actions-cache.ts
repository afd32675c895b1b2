// Session store entries in the job's Actions cache, keyed by a hash of repository, issue, agent and session id.
// Anything with the repository's cache scope can write an entry: the store checks what comes back (store.ts).
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionBackend } from './store.js';

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
      rmSync(entry, { recursive: true, force: true });
      try {
        const key = await cache.restoreCache([entry], `${prefix}none`, [prefix]);
        if (key === undefined || !key.startsWith(prefix)) return false;
        cpSync(entry, dir, { recursive: true, verbatimSymlinks: true });
        return true;
      } finally {
        rmSync(entry, { recursive: true, force: true });
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
