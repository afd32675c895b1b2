// `npm ci` on the Node.js version package.json states as the minimum installs without an engine warning: every
// package in the lock file accepts that version. (content-type 3, under @octokit/request, wants Node 22; vite,
// under vitest 4, wants 20.19 or 22.12: hence >=22.12. Node 20 reached its end of life in April 2026.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('the minimum Node.js version', () => {
  const minimum = semver.minVersion(pkg.engines.node)!.version;

  it('is what the README states', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const major = minimum.replace(/\.0$/, '');
    expect(readme).toContain(`Node.js ${major} or later`);
  });

  it('satisfies every engines.node range in the lock file', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name && !p.optional && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(minimum, (p.engines as { node: string }).node))
      .map(([name, p]) => `${name} (${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });

  it('the published package needs nothing installed beside its bundle', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});
