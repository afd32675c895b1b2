// The package installs as a user would install it before any release (`npm install -g <path>`): packed, installed
// into a fresh prefix without the registry (the bundle needs no dependency), and its command runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_BIN, REPO_ROOT, testSystemPath } from './harness.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('npm pack, then npm install -g of the tarball into a temporary prefix', () => {
  let scratch: string;
  let bin: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ai-orchestra-install-'));
    const npmEnv = {
      ...process.env,
      npm_config_cache: join(scratch, 'npm-cache'),
      npm_config_update_notifier: 'false',
    };
    execFileSync('npm', ['pack', '--pack-destination', scratch, '--silent'], {
      cwd: REPO_ROOT,
      env: npmEnv,
      encoding: 'utf8',
    });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'))!;
    expect(tarball).toBe(`${pkg.name}-${pkg.version}.tgz`);
    // --offline: an empty cache and no registry, so nothing but the tarball can be installed.
    execFileSync(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        join(scratch, 'prefix'),
        '--offline',
        '--no-audit',
        '--no-fund',
        join(scratch, tarball),
      ],
      { env: npmEnv, encoding: 'utf8' },
    );
    bin = join(scratch, 'prefix', 'bin', 'ai-orchestra-action');
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('holds the bundle and the docs, not the tests or fixtures', () => {
    const listing = execFileSync('tar', ['tzf', join(scratch, `${pkg.name}-${pkg.version}.tgz`)], {
      encoding: 'utf8',
    }).split('\n');
    expect(listing).toContain('package/dist/cli.js');
    expect(listing).toContain('package/action.yml');
    expect(listing.filter((f) => /__tests__|__fixtures__|\/src\//.test(f))).toEqual([]);
  });

  it('installs the command ai-orchestra-action, which prints its version and runs a dry run', () => {
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(`ai-orchestra-action ${pkg.version}`);

    const work = mkdtempSync(join(scratch, 'work-'));
    const run = spawnSync(
      bin,
      ['run', '--dry-run', '--label', 'ai-review', '--title', 'Parser crashes', '--body', 'on an empty file'],
      {
        cwd: work,
        env: { PATH: `${FIXTURES_BIN}:${testSystemPath().join(':')}`, HOME: work, LANG: 'C.UTF-8', TMPDIR: tmpdir() },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ai-review success$/m);
  }, 60_000);
});
