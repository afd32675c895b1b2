// GitRepo against real git in temporary repositories: what a relay commits, and what a write-stage agent cannot do to it.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessSpec } from '../../../src/process/types.js';

// Every process GitRepo starts, as runProcess received it: argv and environment are what we assert on.
const spawned: ProcessSpec[] = [];
vi.mock('../../../src/process/run-process.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/process/run-process.js')>();
  return { ...original, runProcess: (spec: ProcessSpec) => (spawned.push(spec), original.runProcess(spec)) };
});
const { BOT_AUTHOR, GitRepo } = await import('../../../src/git/repo.js');
const { authConfigEnv, isPushDenied, withoutCredentials } = await import('../../../src/git/push-auth.js');

const TOKEN = 'ghs_unittoken1234567890abcdefghijklmnop';

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
    },
  );
}

let root: string;
let work: string;
let scratch: string;

beforeEach(async () => {
  spawned.length = 0;
  root = await mkdtemp(join(tmpdir(), 'git-repo-test-'));
  work = join(root, 'work');
  scratch = join(root, 'scratch');
  mkdirSync(join(work, 'src'), { recursive: true });
  writeFileSync(join(work, 'src', 'a.js'), 'export const a = 1;\n');
  writeFileSync(join(work, '.gitignore'), 'node_modules/\n');
  git(work, 'init', '--quiet');
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', 'initial');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = (cwd = work) =>
  GitRepo.open({
    cwd,
    scratchDir: scratch,
    parentEnv: { ...process.env, GIT_DIR: '/nonexistent', GITHUB_TOKEN: TOKEN },
  });

describe('GitRepo', { timeout: 20_000 }, () => {
  it('records the starting commit and branch, and sees modified, new and deleted files but not ignored ones', async () => {
    const repo = await open(join(work, 'src'));
    expect(repo.baseSha).toBe(git(work, 'rev-parse', 'HEAD').trim());
    expect(repo.branch).toBe('main');
    expect((await repo.changes(10_000)).empty).toBe(true);

    writeFileSync(join(repo.stage.root, 'src', 'a.js'), 'export const a = 2;\n');
    writeFileSync(join(repo.stage.root, 'src', 'b.js'), 'export const b = 1;\n');
    mkdirSync(join(repo.stage.root, 'node_modules'));
    writeFileSync(join(repo.stage.root, 'node_modules', 'junk.js'), 'junk\n');
    const changes = await repo.changes(10_000);
    expect(changes).toMatchObject({
      empty: false,
      cut: false,
      summary: '2 files changed, 2 insertions(+), 1 deletion(-)',
    });
    expect(changes.diff).toContain('+++ b/src/b.js');
    expect(changes.diff).not.toContain('junk');
    expect(changes.stat).toContain('src/a.js');
    // The agents work in a copy: the user's working tree and index are untouched.
    expect(git(work, 'status', '--porcelain')).toBe('');
  });

  it("sees an edit of the same size made in the same second as the checkout (git's racy-clean case)", async () => {
    // File and index stamped with one second, as when a checkout and an agent's first edit fall in the same second.
    const second = new Date('2026-06-01T12:00:00Z');
    const file = join(work, 'src', 'a.js');
    utimesSync(file, second, second);
    git(work, 'add', '--all');
    utimesSync(join(work, '.git', 'index'), second, second);
    const repo = await open();
    const copied = join(repo.stage.root, 'src', 'a.js');
    writeFileSync(copied, 'export const a = 7;\n');
    utimesSync(copied, second, second);
    const changes = await repo.changes(10_000);
    expect(changes.empty).toBe(false);
    expect(changes.diff).toContain('+export const a = 7;');
  });

  it('cuts a long diff at a line end and says how long it was', async () => {
    const repo = await open();
    writeFileSync(join(repo.stage.root, 'big.txt'), Array.from({ length: 2_000 }, (_, i) => `line ${i}`).join('\n'));
    const changes = await repo.changes(1_000);
    expect(changes.cut).toBe(true);
    expect(changes.diff.length).toBeLessThanOrEqual(1_000);
    expect(changes.diff.endsWith('\n')).toBe(false);
    expect(changes.totalChars).toBeGreaterThan(10_000);
  });

  it('commits on a new local branch on top of the starting commit without touching HEAD; nothing changed, no commit', async () => {
    const repo = await open();
    expect(await repo.commit('ai-orchestra/issue-1', 'nothing')).toBeUndefined();
    writeFileSync(join(repo.stage.root, 'src', 'c.js'), 'export const c = 3;\n');
    const message = 'Fix $(touch pwned) `id` "quoted"\n\nRefs #1\n';
    const commit = await repo.commit('ai-orchestra/issue-1', message);
    expect(commit).toMatchObject({ branch: 'ai-orchestra/issue-1', summary: '1 file changed, 1 insertion(+)' });
    expect(git(work, 'rev-parse', 'ai-orchestra/issue-1').trim()).toBe(commit!.sha);
    expect(git(work, 'rev-parse', 'ai-orchestra/issue-1~1').trim()).toBe(repo.baseSha);
    expect(git(work, 'rev-parse', 'HEAD').trim()).toBe(repo.baseSha);
    expect(git(work, 'log', '-1', '--format=%B%n%an <%ae>', commit!.sha)).toBe(
      `${message}\n${BOT_AUTHOR.name} <${BOT_AUTHOR.email}>\n`,
    );
    expect(existsSync(join(work, 'pwned'))).toBe(false);
    // The message travelled on stdin, never in argv.
    expect(spawned.some((s) => s.argv.join(' ').includes('Refs #1'))).toBe(false);
    expect(spawned.find((s) => s.argv.includes('commit-tree'))!.stdin).toBe(message);
  });

  it('never runs hooks or an fsmonitor an agent planted, and puts config and hooks back', async () => {
    const repo = await open();
    const marker = join(root, 'ran');
    const evil = `#!/bin/sh\necho "$0" >> ${JSON.stringify(marker)}\n`;
    for (const hook of ['pre-commit', 'post-index-change', 'pre-push', 'reference-transaction']) {
      writeFileSync(join(work, '.git', 'hooks', hook), evil);
      chmodSync(join(work, '.git', 'hooks', hook), 0o755);
    }
    writeFileSync(join(work, 'fsmon.sh'), evil);
    chmodSync(join(work, 'fsmon.sh'), 0o755);
    appendFileSync(
      join(work, '.git', 'config'),
      `[core]\n\tfsmonitor = ${join(work, 'fsmon.sh')}\n\thooksPath = .git/hooks\n`,
    );

    expect((await repo.restoreMetadata()).sort()).toEqual([
      '.git/config',
      '.git/hooks/post-index-change',
      '.git/hooks/pre-commit',
      '.git/hooks/pre-push',
      '.git/hooks/reference-transaction',
    ]);
    expect(readFileSync(join(work, '.git', 'config'), 'utf8')).not.toContain('fsmonitor');
    expect(existsSync(join(work, '.git', 'hooks', 'pre-push'))).toBe(false);
    expect(await repo.restoreMetadata()).toEqual([]);

    // Planted again right before our commands (as if between restores): the flags still keep them from running.
    writeFileSync(join(work, '.git', 'hooks', 'reference-transaction'), evil);
    chmodSync(join(work, '.git', 'hooks', 'reference-transaction'), 0o755);
    writeFileSync(join(repo.stage.root, 'src', 'd.js'), 'd\n');
    const commit = await repo.commit('ai-orchestra/issue-2', 'msg\n');
    expect(commit).toBeDefined();
    expect(existsSync(marker)).toBe(false);
    for (const spec of spawned) {
      expect(spec.argv.slice(0, 5)).toEqual(['git', '-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false']);
      expect(spec.env.GIT_CONFIG_GLOBAL).toBe('/dev/null');
      expect(spec.env.GIT_CONFIG_NOSYSTEM).toBe('1');
      expect(spec.env.GIT_DIR).toBeUndefined();
      expect(spec.env.GITHUB_TOKEN).toBeUndefined();
    }
  });

  it('refuses a folder outside any repository and a repository without commits', async () => {
    await expect(GitRepo.open({ cwd: root, scratchDir: scratch, parentEnv: process.env })).rejects.toThrow(
      /not inside a git repository/,
    );
    const empty = join(root, 'empty');
    mkdirSync(empty);
    git(empty, 'init', '--quiet');
    await expect(GitRepo.open({ cwd: empty, scratchDir: scratch, parentEnv: process.env })).rejects.toThrow(
      /no commit checked out/,
    );
  });

  it('pushes to origin as it was before the agents, even when an agent repointed origin', async () => {
    const bare = join(root, 'origin.git');
    git(root, 'init', '--quiet', '--bare', bare);
    git(work, 'remote', 'add', 'origin', bare);
    const repo = await open();
    const decoy = join(root, 'decoy.git');
    git(root, 'init', '--quiet', '--bare', decoy);
    git(work, 'remote', 'set-url', 'origin', decoy);
    writeFileSync(join(repo.stage.root, 'src', 'e.js'), 'e\n');
    const commit = (await repo.commit('ai-orchestra/issue-3', 'msg\n'))!;
    expect(await repo.push(commit.branch, commit.sha, { serverUrl: 'https://github.com', token: TOKEN })).toEqual({
      ok: true,
      url: bare,
    });
    expect(git(bare, '--git-dir', bare, 'rev-parse', 'refs/heads/ai-orchestra/issue-3').trim()).toBe(commit.sha);
    expect(() => git(decoy, '--git-dir', decoy, 'rev-parse', '--verify', 'refs/heads/ai-orchestra/issue-3')).toThrow();
    // A local origin gets no token at all.
    expect(spawned.find((s) => s.argv.includes('push'))!.env.GIT_CONFIG_COUNT).toBeUndefined();
  });

  it('reads the branch on origin, pushes only over the commit it saw, reads that commit without touching the checkout, and deletes only its own', async () => {
    const bare = join(root, 'origin.git');
    git(root, 'init', '--quiet', '--bare', bare);
    git(work, 'remote', 'add', 'origin', bare);
    git(work, 'push', '--quiet', 'origin', 'main');
    const repo = await open();
    const auth = { serverUrl: 'https://github.com' };
    const branch = 'ai-orchestra/issue-6';
    expect(await repo.remoteHead(branch, auth)).toEqual({ ok: true, sha: undefined });
    writeFileSync(join(repo.stage.root, 'src', 'f.js'), 'f\n');
    const first = (await repo.commit(branch, 'first (relay for #6)\n'))!;
    expect(await repo.push(branch, first.sha, auth)).toEqual({ ok: true, url: bare });
    // The branch exists now: a push that expects none is refused, one that expects it replaces it.
    writeFileSync(join(repo.stage.root, 'src', 'f.js'), 'f2\n');
    const second = (await repo.commit(branch, 'second (relay for #6)\n'))!;
    expect(await repo.push(branch, second.sha, auth)).toMatchObject({ ok: false });
    expect(await repo.remoteHead(branch, auth)).toEqual({ ok: true, sha: first.sha });
    const raw = await repo.remoteCommit(branch, first.sha, auth);
    expect(raw).toContain(`author ${BOT_AUTHOR.name} <${BOT_AUTHOR.email}>`);
    expect(raw).toContain('\n\nfirst (relay for #6)\n');
    expect(existsSync(join(work, '.git', 'shallow'))).toBe(false);
    expect(git(work, 'for-each-ref', '--format=%(refname)')).not.toContain('refs/probe');
    expect(await repo.push(branch, second.sha, auth, first.sha)).toEqual({ ok: true, url: bare, replaced: first.sha });
    // Deleting expects our commit: not the one before it.
    expect(await repo.deleteRemoteBranch(branch, first.sha, auth)).toMatchObject({ ok: false });
    expect(await repo.deleteRemoteBranch(branch, second.sha, auth)).toEqual({ ok: true });
    expect(await repo.remoteHead(branch, auth)).toEqual({ ok: true, sha: undefined });
  });
  it('commits and pushes from a shallow checkout (actions/checkout depth 1) while origin has moved on', async () => {
    const bare = join(root, 'origin.git');
    git(root, 'init', '--quiet', '--bare', bare);
    git(work, 'remote', 'add', 'origin', bare);
    writeFileSync(join(work, 'src', 'a.js'), 'export const a = 2;\n');
    git(work, 'commit', '--quiet', '-am', 'second');
    git(work, 'push', '--quiet', 'origin', 'main');
    const shallow = join(root, 'shallow');
    git(root, 'clone', '--quiet', '--depth', '1', `file://${bare}`, shallow);
    writeFileSync(join(work, 'src', 'a.js'), 'export const a = 3;\n');
    git(work, 'commit', '--quiet', '-am', 'third');
    git(work, 'push', '--quiet', 'origin', 'main');
    const repo = await GitRepo.open({ cwd: shallow, scratchDir: scratch, parentEnv: process.env });
    writeFileSync(join(repo.stage.root, 'b.js'), 'b\n');
    const commit = (await repo.commit('ai-orchestra/issue-7', 'msg\n'))!;
    expect(await repo.push(commit.branch, commit.sha, { serverUrl: 'https://github.com' })).toMatchObject({ ok: true });
    expect(git(bare, '--git-dir', bare, 'rev-parse', 'refs/heads/ai-orchestra/issue-7').trim()).toBe(commit.sha);
  });
});

describe('pushing over HTTP with the token', { timeout: 20_000 }, () => {
  let server: Server;
  let requests: IncomingMessage[];
  let base: string;

  beforeEach(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(req);
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('Permission to acme/widgets.git denied to github-actions[bot].\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const authorizations = (req: IncomingMessage): string[] =>
    req.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'authorization');

  it('sends one Authorization header for the server only, keeps the token out of argv, and reports a 403 as denied', async () => {
    git(work, 'remote', 'add', 'origin', `${base.replace('http://', 'http://x-access-token:urlsecret@')}/acme/widgets`);
    // What actions/checkout leaves with persist-credentials: a header of its own, which ours must replace.
    git(work, 'config', `http.${base}/.extraheader`, 'AUTHORIZATION: basic b2xkOm9sZA==');
    const repo = await open();
    writeFileSync(join(repo.stage.root, 'src', 'f.js'), 'f\n');
    const commit = (await repo.commit('ai-orchestra/issue-4', 'msg\n'))!;
    const result = await repo.push(commit.branch, commit.sha, { serverUrl: base, token: TOKEN });
    expect(result).toMatchObject({ ok: false, denied: true });

    expect(requests.length).toBeGreaterThan(0);
    const first = requests[0]!;
    expect(authorizations(first)).toHaveLength(1);
    expect(first.headers.authorization).toBe(`basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`);
    const push = spawned.find((s) => s.argv.includes('push'))!;
    expect(push.argv.join(' ')).not.toContain(TOKEN);
    expect(push.argv.join(' ')).not.toContain('urlsecret');
    expect(push.argv).toContain(`${base}/acme/widgets`);
    expect(push.env).toMatchObject(authConfigEnv(base, TOKEN));
  });

  it('gives no token to an origin on another server', async () => {
    git(work, 'remote', 'add', 'origin', `${base}/acme/widgets`);
    const repo = await open();
    writeFileSync(join(repo.stage.root, 'src', 'g.js'), 'g\n');
    const commit = (await repo.commit('ai-orchestra/issue-5', 'msg\n'))!;
    await repo.push(commit.branch, commit.sha, { serverUrl: 'https://github.com', token: TOKEN });
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(spawned.find((s) => s.argv.includes('push'))!.env.GIT_CONFIG_COUNT).toBeUndefined();
  });
});

describe('isPushDenied', () => {
  it('recognizes what git prints when GitHub refuses the token, and nothing else', () => {
    expect(
      isPushDenied(
        "remote: Permission to acme/widgets.git denied to github-actions[bot].\nfatal: unable to access 'https://github.com/acme/widgets/': The requested URL returned error: 403",
      ),
    ).toBe(true);
    expect(
      isPushDenied("remote: Repository not found.\nfatal: repository 'https://github.com/acme/widgets/' not found"),
    ).toBe(true);
    expect(isPushDenied("fatal: could not read Username for 'https://github.com': terminal prompts disabled")).toBe(
      true,
    );
    expect(isPushDenied(' ! [rejected] main -> main (non-fast-forward)')).toBe(false);
    expect(isPushDenied('fatal: unable to access: Could not resolve host: github.com')).toBe(false);
  });
});

describe('withoutCredentials', () => {
  it('drops user and password from http(s) URLs and leaves other remotes alone', () => {
    expect(withoutCredentials('https://x-access-token:abc@github.com/acme/widgets.git')).toBe(
      'https://github.com/acme/widgets.git',
    );
    expect(withoutCredentials('git@github.com:acme/widgets.git')).toBe('git@github.com:acme/widgets.git');
    expect(withoutCredentials('/tmp/origin.git')).toBe('/tmp/origin.git');
  });
});
