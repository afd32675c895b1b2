// Which agent CLIs `install: true` installs, at which version, and which it leaves alone.
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInAdapters } from '../../../src/agents/registry.js';
import { describePlan, planCliInstalls } from '../../../src/install/plan.js';
import { makeAgent } from '../../kit/process-result.js';

describe('planCliInstalls', () => {
  let bin: string;
  beforeEach(async () => {
    bin = await mkdtemp(join(tmpdir(), 'plan-bin-'));
    await writeFile(join(bin, 'gemini'), '#!/bin/sh\n');
    await chmod(join(bin, 'gemini'), 0o755);
  });
  afterEach(() => rm(bin, { recursive: true, force: true }));

  it('installs a missing built-in CLI at the adapter’s default version, or at the pinned one', () => {
    const plan = planCliInstalls(
      [makeAgent({ name: 'claude', cli: 'claude' }), makeAgent({ name: 'old-codex', cli: 'codex', version: '0.1.0' })],
      bin,
    );
    expect(plan).toEqual([
      {
        agent: 'claude',
        kind: 'install',
        program: 'claude',
        pinned: false,
        pkg: {
          name: '@anthropic-ai/claude-code',
          version: builtInAdapters.claude!.npm!.defaultVersion,
          binary: 'claude',
        },
      },
      {
        agent: 'old-codex',
        kind: 'install',
        program: 'codex',
        pinned: true,
        pkg: { name: '@openai/codex', version: '0.1.0', binary: 'codex' },
      },
    ]);
    expect(describePlan(plan)).toContain(
      `old-codex: \`codex\` is missing; installing @openai/codex@0.1.0 (agents.old-codex.version)`,
    );
  });

  it('leaves a CLI that is on PATH alone, and says a pinned version is not checked against it', () => {
    const [entry] = planCliInstalls(
      [makeAgent({ name: 'gemini', cli: 'gemini', version: '0.5.0' })],
      `/nonexistent:${bin}`,
    );
    expect(entry).toEqual({
      agent: 'gemini',
      kind: 'on-path',
      program: 'gemini',
      path: join(bin, 'gemini'),
      pinned: '0.5.0',
    });
    expect(describePlan([entry!])).toContain('not installed (its version is not checked against the pinned 0.5.0)');
  });

  it('never installs the program of a command agent', () => {
    const [entry] = planCliInstalls([makeAgent({ name: 'mine', command: ['my-tool', '--flag'] })], bin);
    expect(entry).toMatchObject({ agent: 'mine', kind: 'not-installable', program: 'my-tool' });
    expect(describePlan([entry!])).toMatch(
      /mine: `my-tool` is missing and is not installed: command agents are never installed/,
    );
  });
});

describe('default CLI versions', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../contract/clis/package.json', import.meta.url), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };

  it.each(Object.entries(builtInAdapters).filter(([, a]) => a.npm))(
    '%s installs by default exactly the version the contract suite verifies (__tests__/contract/clis/package.json)',
    (_id, adapter) => {
      const npm = adapter.npm!;
      expect(npm.defaultVersion).toMatch(/^\d+\.\d+\.\d+$/);
      // The contract suite (npm run test:cli) runs the devDependency: `install: true` must install that one.
      expect(pkg.devDependencies?.[npm.name], `${npm.name} is not a devDependency`).toBe(npm.defaultVersion);
    },
  );
});
