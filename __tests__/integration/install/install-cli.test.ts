// installPlannedClis with the real npm against a fake registry on 127.0.0.1, and an in-memory stand-in for the Actions cache.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeNpmRegistry, startFakeNpmRegistry } from '../../../__fixtures__/npm-registry/server.js';
import type { CliInstall } from '../../../src/agents/runner.js';
import { cacheKey, type InstallDeps, installPlannedClis } from '../../../src/install/install.js';
import type { CliPlan } from '../../../src/install/plan.js';
import type { ToolCache } from '../../../src/install/tool-cache.js';

const CLAUDE = '@anthropic-ai/claude-code';

/** The Actions cache as a folder of copies, with a log of what was asked of it. */
function folderCache(root: string, options: { failRestore?: boolean } = {}): ToolCache & { calls: string[] } {
  const calls: string[] = [];
  const slot = (key: string): string => join(root, encodeURIComponent(key));
  return {
    available: true,
    calls,
    async restore(dir, key) {
      calls.push(`restore ${key}`);
      if (options.failRestore) throw new Error('cache service unreachable');
      if (!existsSync(slot(key))) return false;
      cpSync(slot(key), dir, { recursive: true, verbatimSymlinks: true });
      return true;
    },
    async save(dir, key) {
      calls.push(`save ${key}`);
      cpSync(dir, slot(key), { recursive: true, verbatimSymlinks: true });
    },
  };
}

function installEntry(agent: string, version: string): CliPlan {
  return { agent, kind: 'install', program: 'claude', pinned: true, pkg: { name: CLAUDE, version, binary: 'claude' } };
}

describe('installPlannedClis', () => {
  let registry: FakeNpmRegistry;
  let scratch: string;
  let lines: string[];
  let warnings: string[];

  beforeAll(async () => {
    registry = await startFakeNpmRegistry([
      { name: CLAUDE, binary: 'claude', versions: ['1.0.0', '1.1.0'], distTags: { latest: '1.1.0', next: '1.0.0' } },
    ]);
  }, 60_000);
  afterAll(() => registry.close());
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'install-unit-'));
    registry.requests.length = 0;
    lines = [];
    warnings = [];
  });

  function deps(toolRoot: string, cache: ToolCache): InstallDeps {
    return {
      toolRoot,
      cache,
      npm: {
        parentEnv: {
          PATH: process.env.PATH,
          HOME: join(scratch, 'home'),
          npm_config_registry: registry.url,
          npm_config_cache: join(scratch, 'npm-cache'),
        },
        logDir: join(scratch, 'logs'),
      },
      info: (line) => lines.push(line),
      warn: (message) => warnings.push(message),
    };
  }

  function binOf(result: Map<string, CliInstall>, agent: string): string {
    const install = result.get(agent);
    if (!install || !('binDir' in install)) throw new Error(`no bin dir for ${agent}: ${JSON.stringify(install)}`);
    return install.binDir;
  }

  it('installs once for two agents on the same package, saves it, and a fresh runner restores it without the registry', async () => {
    const cache = folderCache(join(scratch, 'cache'));
    const first = await installPlannedClis(
      [installEntry('a', '1.0.0'), installEntry('b', '1.0.0')],
      deps(join(scratch, 'runner1'), cache),
    );
    expect(warnings).toEqual([]);
    expect(binOf(first, 'a')).toBe(join(scratch, 'runner1', CLAUDE, '1.0.0', 'node_modules', '.bin'));
    expect(binOf(first, 'b')).toBe(binOf(first, 'a'));
    expect(registry.tarballsFetched()).toEqual([`/${CLAUDE}/-/claude-code-1.0.0.tgz`]);
    const key = cacheKey(CLAUDE, '1.0.0');
    expect(key).toBe(`ai-orchestra-cli-${process.platform}-${process.arch}-${CLAUDE}@1.0.0`);
    expect(cache.calls).toEqual([`restore ${key}`, `save ${key}`]);
    expect(lines.join('\n')).toMatch(
      new RegExp(
        `Installed ${CLAUDE}@1\\.0\\.0 for a, b from ${registry.url}${CLAUDE}/-/claude-code-1\\.0\\.0\\.tgz in \\d+\\.\\d s into .*runner1.* \\(cache: miss, saved as ${key}\\)`,
      ),
    );
    const answer = execFileSync(join(binOf(first, 'a'), 'claude'), ['-p', '--output-format', 'json'], {
      input: 'hi',
      encoding: 'utf8',
      env: { PATH: process.env.PATH, FAKE_ANSWER: 'installed and working' },
    });
    expect(JSON.parse(answer)).toMatchObject({ result: 'installed and working' });

    registry.requests.length = 0;
    lines = [];
    const second = await installPlannedClis([installEntry('a', '1.0.0')], deps(join(scratch, 'runner2'), cache));
    expect(registry.requests).toEqual([]);
    expect(existsSync(join(binOf(second, 'a'), 'claude'))).toBe(true);
    expect(lines.join('\n')).toMatch(
      new RegExp(
        `Restored ${CLAUDE}@1\\.0\\.0 for a from the Actions cache \\(key ${key}\\) in \\d+\\.\\d s; first installed from ${registry.url}`,
      ),
    );
  }, 60_000);

  it('reuses what an earlier run left in the same tool directory (self-hosted runners)', async () => {
    const cache = { available: false, restore: async () => false, save: async () => undefined };
    await installPlannedClis([installEntry('a', '1.1.0')], deps(join(scratch, 'tools'), cache));
    registry.requests.length = 0;
    lines = [];
    const again = await installPlannedClis([installEntry('a', '1.1.0')], deps(join(scratch, 'tools'), cache));
    expect(registry.requests).toEqual([]);
    expect(lines.join('\n')).toContain(
      `Using ${CLAUDE}@1.1.0 for a, installed earlier in ${join(scratch, 'tools', CLAUDE, '1.1.0')}`,
    );
    expect(existsSync(join(binOf(again, 'a'), 'claude'))).toBe(true);
  }, 60_000);

  it('resolves a dist-tag first, so the directory and the cache key name the exact version', async () => {
    const cache = folderCache(join(scratch, 'cache'));
    const result = await installPlannedClis([installEntry('a', 'next')], deps(join(scratch, 'tools'), cache));
    expect(binOf(result, 'a')).toBe(join(scratch, 'tools', CLAUDE, '1.0.0', 'node_modules', '.bin'));
    expect(cache.calls).toEqual([`restore ${cacheKey(CLAUDE, '1.0.0')}`, `save ${cacheKey(CLAUDE, '1.0.0')}`]);
    expect(lines.join('\n')).toContain(`Installed ${CLAUDE}@1.0.0 (dist-tag next) for a`);
  }, 60_000);

  it('a cache that cannot be read is a warning; the CLI is installed anyway', async () => {
    const result = await installPlannedClis(
      [installEntry('a', '1.0.0')],
      deps(join(scratch, 'tools'), folderCache(join(scratch, 'cache'), { failRestore: true })),
    );
    expect(existsSync(join(binOf(result, 'a'), 'claude'))).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('Could not restore ai-orchestra-cli-') as string]);
    expect(warnings[0]).toContain('cache service unreachable');
  }, 60_000);

  it('a version the registry does not have fails that package with npm’s reason, and other packages still install', async () => {
    const cache = { available: false, restore: async () => false, save: async () => undefined };
    const result = await installPlannedClis(
      [installEntry('a', '9.9.9'), installEntry('b', '1.0.0'), installEntry('c', 'nonexistent-tag')],
      deps(join(scratch, 'tools'), cache),
    );
    expect(result.get('a')).toEqual({
      error: expect.stringMatching(
        /^could not install `claude` \(@anthropic-ai\/claude-code@9\.9\.9\) from npm after \d+\.\d s: npm install exited with code 1:\n[\s\S]*9\.9\.9/,
      ) as string,
    });
    expect(result.get('c')).toEqual({
      error: expect.stringMatching(
        /\(@anthropic-ai\/claude-code@nonexistent-tag\) from npm after .*: npm view exited with code 1:\n[\s\S]*No match found for version nonexistent-tag/,
      ) as string,
    });
    expect(existsSync(join(binOf(result, 'b'), 'claude'))).toBe(true);
    expect(existsSync(join(scratch, 'tools', CLAUDE, '9.9.9', '.ai-orchestra-install.json'))).toBe(false);
    expect(warnings).toHaveLength(2);
    expect(lines).toContain(
      'The Actions cache service is not available here, so installed CLIs are not cached between runs.',
    );
  }, 60_000);
});
