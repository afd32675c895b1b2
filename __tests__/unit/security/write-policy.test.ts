import { describe, expect, it } from 'vitest';
import { filesWithSecrets, writePolicy } from '../../../src/security/write-policy.js';

describe('writePolicy', () => {
  const policy = writePolicy();
  it.each([
    '.github/workflows/ci.yml',
    '.github/workflows/nested/x.yaml',
    '.github/actions/a/action.yml',
    '.github/ai-orchestra.yml',
    '.claude/settings.json',
    '.mcp.json',
    '.env',
    '.gitattributes',
    'sub/dir/.gitattributes',
    '.gitmodules',
    '.gitignore',
    'vendor/.git/config',
    '.GITHUB/WORKFLOWS/x.yml',
  ])('protects %s', (path) => {
    expect(policy.protectedBy(path)).toBeDefined();
  });

  it.each([
    'src/a.js',
    '.github/ISSUE_TEMPLATE/bug.md',
    '.github/dependabot.yml',
    'docs/notes.gitignore.md',
    'AGENTS.md',
    'README.md',
  ])('lets %s through', (path) => {
    expect(policy.protectedBy(path)).toBeUndefined();
  });

  it('lets a maintainer allow some protected paths, and only those', () => {
    const relaxed = writePolicy({ allow: ['.github/workflows/**', '.gitignore'] });
    expect(relaxed.protectedBy('.github/workflows/ci.yml')).toBeUndefined();
    expect(relaxed.protectedBy('.gitignore')).toBeUndefined();
    expect(relaxed.protectedBy('sub/.gitignore')).toBe('**/.git*');
    expect(relaxed.protectedBy('.github/actions/a/action.yml')).toBe('.github/actions/**');
  });

  it('protects a config file at another path when told', () => {
    expect(writePolicy({ configPath: 'ci/orchestra.yml' }).protectedBy('ci/orchestra.yml')).toBe('ci/orchestra.yml');
  });
});

describe('filesWithSecrets', () => {
  const SECRET = 'zq9X/k2Lm+4Np6=Qr8St0Uv7';
  const file = (path: string, data: Buffer | string) => ({
    path,
    data: Buffer.isBuffer(data) ? data : Buffer.from(data),
  });

  it('finds a known secret in every encoding and in binary data, and names only the files', () => {
    const files = [
      file('plain.txt', `x ${SECRET} y`),
      file('nul.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(SECRET), Buffer.from([0])])),
      file('b64.txt', Buffer.from(`ab${SECRET}`).toString('base64')),
      file('hex.txt', Buffer.from(SECRET).toString('hex').toUpperCase()),
      file('url.txt', encodeURIComponent(SECRET)),
      file('clean.txt', 'nothing here'),
    ];
    expect(filesWithSecrets(files, [SECRET])).toEqual(['plain.txt', 'nul.bin', 'b64.txt', 'hex.txt', 'url.txt']);
  });

  it('finds token shapes without knowing the value, in text and in binary data', () => {
    const files = [
      file('gh.txt', `token=ghp_${'a'.repeat(36)}`),
      file('bin.dat', Buffer.concat([Buffer.from([0, 255]), Buffer.from(`AKIA${'B'.repeat(16)}`), Buffer.from([0])])),
      file('key.pem', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n'),
      file('docs.md', 'clone https://user:password@example.com/repo'),
    ];
    expect(filesWithSecrets(files, [])).toEqual(['gh.txt', 'bin.dat', 'key.pem']);
  });
});
