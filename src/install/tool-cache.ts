// Keeps installed CLI directories between workflow runs in the Actions cache, when the job has a cache service.
import * as cache from '@actions/cache';

export interface ToolCache {
  /** False where there is no cache service (local runs, tests, some GHES setups); then nothing is cached. */
  readonly available: boolean;
  /** True when `key` was found and `dir` was restored from it. */
  restore(dir: string, key: string): Promise<boolean>;
  save(dir: string, key: string): Promise<void>;
}

/** The cache service of the current job, as @actions/cache finds it from ACTIONS_* variables. */
export function actionsToolCache(): ToolCache {
  return {
    available: cache.isFeatureAvailable(),
    async restore(dir, key) {
      return (await cache.restoreCache([dir], key)) === key;
    },
    async save(dir, key) {
      await cache.saveCache([dir], key);
    },
  };
}
