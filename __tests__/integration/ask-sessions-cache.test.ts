// /ask twice on the same issue in two runs that share nothing but the (fake) Actions cache service: another
// workspace, RUNNER_TEMP and HOME each time, as on two fresh runners. The first run keeps claude's session in the
// cache with @actions/cache; the second restores it and resumes. A poisoned entry under the same key (a `../` member,
// a symlink) is refused by the tar guard: the run answers from the thread context and writes nothing outside.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCacheService, startFakeCacheService } from '../../__fixtures__/fake-artifacts/cache-server.js';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { sessionKeyPrefix } from '../../src/sessions/store.js';
import { askEvent, payload } from './ask-event.js';
import { type ActionRun, readRecords, runAction } from './harness.js';

const SESSION_MARKER = /<!-- ai-orchestra:v1 run=\S+ pipeline=ask key=ask:\d+:claude session=([0-9a-f-]{36}) -->/;

describe('ask keeps sessions in the Actions cache', { timeout: 120_000 }, () => {
  let gh: FakeGitHub;
  let cache: FakeCacheService;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    cache = await startFakeCacheService();
    scratch = await mkdtemp(join(tmpdir(), 'ai-ask-cache-it-'));
    gh.setPermission('maintainer', 'write');
    const event = payload('issue-comment-created-ask-issue.json');
    gh.addIssue({ number: 12, title: event.issue.title, body: event.issue.body, user: 'reporter' });
  });
  afterEach(async () => {
    await gh.close();
    await cache.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  // Each run: its own RUNNER_TEMP and HOME from the harness, and a workspace made afresh at the same path (claude files
  // its sessions by the folder it runs in; a repository's workspace has the same path on every hosted runner). Only
  // the cache service is shared.
  async function ask(question: string, runId: string): Promise<ActionRun> {
    const workspace = join(scratch, 'workspace');
    await rm(workspace, { recursive: true, force: true });
    await mkdir(join(workspace, '.github'), { recursive: true });
    await writeFile(
      join(workspace, '.github', 'ai-orchestra.yml'),
      `agents:\n  claude:\n    cli: claude\n    env:\n      FAKE_RECORD_DIR: ${JSON.stringify(join(scratch, 'records'))}\npipelines:\n  ask:\n    agents: [claude]\n`,
    );
    const event = askEvent(gh, question);
    const run = await runAction({
      event,
      eventName: 'issue_comment',
      github: gh,
      env: { ...cache.env, AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', GITHUB_RUN_ID: runId, GITHUB_WORKSPACE: workspace },
    });
    runs.push(run);
    return run;
  }

  async function claudeRecords() {
    const records = await readRecords(join(scratch, 'records'));
    return records.filter((r) => r.cli === 'claude').sort((a, b) => Number(a.startedAt) - Number(b.startedAt));
  }

  function lastSession(): string {
    const answer = gh
      .commentsOn(12)
      .filter((c) => c.body.includes('key=ask:'))
      .at(-1)!;
    const session = SESSION_MARKER.exec(answer.body)?.[1];
    expect(session, answer.body).toBeDefined();
    return session!;
  }

  it('a second run on another runner resumes the first run’s session through the cache', async () => {
    const first = await ask('/ask claude why not a Map?', '3001');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const session = lastSession();
    expect(cache.calls).toEqual(['CreateCacheEntry', 'FinalizeCacheEntryUpload']);
    expect(cache.entries).toHaveLength(1);
    expect(
      cache.entries[0]!.key.startsWith(
        sessionKeyPrefix({ repository: 'acme/widgets', issue: 12, agent: 'claude' }, session),
      ),
    ).toBe(true);
    expect(first.stdout).toContain(`kept claude's session ${session} in the Actions cache`);

    const second = await ask('/ask claude and a Set?', '3002');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(second.runnerTemp).not.toBe(first.runnerTemp);
    expect(second.home).not.toBe(first.home);
    expect(cache.calls.slice(2, 3)).toEqual(['GetCacheEntryDownloadURL']);
    expect(cache.blobRequests).toContain('GET');
    const [one, two] = await claudeRecords();
    expect(two!.argv.slice(-2)).toEqual(['--resume', session]);
    expect((two as unknown as { history: string[] }).history).toEqual([one!.prompt]);
    const answers = gh.commentsOn(12).filter((c) => c.body.includes('key=ask:'));
    expect(answers[1]!.body).toContain('resumed its earlier session');
    const result = JSON.parse(await readFile(second.outputs['result-file']!, 'utf8'));
    expect(result.ask.sessions.claude).toEqual({ kind: 'resumed', session, sessionId: session });
    // Nothing of the entry is left in the runner's temporary folder.
    expect(readdirSync(join(second.runnerTemp, 'ai-orchestra-session-entries'))).toEqual([]);
  });

  /** A zstd tar archive (as @actions/cache makes them) of `members` below `dir`, names kept as they are (-P). */
  function archive(dir: string, members: string[], append?: { dir: string; members: string[] }): Buffer {
    const tar = join(dir, '..', 'poison.tar');
    const made = spawnSync('tar', ['--posix', '-P', '-cf', tar, '-C', dir, ...members], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    if (append) {
      const added = spawnSync('tar', ['--posix', '-P', '-rf', tar, '-C', append.dir, ...append.members], {
        encoding: 'utf8',
      });
      expect(added.status, added.stderr).toBe(0);
    }
    const zstd = spawnSync('zstd', ['-q', '-c', tar]);
    expect(zstd.status, String(zstd.stderr)).toBe(0);
    return zstd.stdout;
  }

  it('a poisoned entry (a ../ member, then a symlink) is refused and the run falls back to the thread', async () => {
    const first = await ask('/ask claude why not a Map?', '3101');
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const scopeOf = (session: string) => ({
      format: 1,
      repository: 'acme/widgets',
      issue: 12,
      agent: 'claude',
      sessionId: session,
    });

    // 1. A member that climbs out of the entry's folder, next to a scope.json that would pass.
    let session = lastSession();
    let prefix = sessionKeyPrefix({ repository: 'acme/widgets', issue: 12, agent: 'claude' }, session);
    let version = cache.entries.find((e) => e.key.startsWith(prefix))!.version;
    const climb = join(scratch, 'climb', 'a', 'b');
    await mkdir(join(climb, prefix), { recursive: true });
    await writeFile(join(climb, prefix, 'scope.json'), JSON.stringify(scopeOf(session)));
    await writeFile(join(scratch, 'climb', 'a', 'escaped.txt'), 'written outside the entry');
    cache.plant(
      `${prefix}9999999999999`,
      version,
      archive(climb, [`${prefix}/scope.json`, `${prefix}/../../escaped.txt`]),
    );
    const second = await ask('/ask claude and a Set?', '3102');
    expect(second.exitCode, second.stderr + second.stdout).toBe(0);
    expect(second.stdout + second.stderr).toContain('refused the session cache entry');
    expect(second.stdout).toMatch(/claude: session \S+ not restored: no saved session/);
    expect(existsSync(join(second.runnerTemp, 'escaped.txt'))).toBe(false);
    let [, two] = await claudeRecords();
    expect(two!.argv).not.toContain('--resume');
    expect(two!.prompt).toContain('## The conversation so far (oldest first)');

    // 2. A symlink out of the entry, and a session file written through it.
    session = lastSession();
    prefix = sessionKeyPrefix({ repository: 'acme/widgets', issue: 12, agent: 'claude' }, session);
    version = cache.entries.find((e) => e.key.startsWith(prefix))!.version;
    const outside = join(scratch, 'outside');
    await mkdir(outside);
    const linked = join(scratch, 'linked');
    await mkdir(join(linked, prefix, 'home'), { recursive: true });
    await writeFile(join(linked, prefix, 'scope.json'), JSON.stringify(scopeOf(session)));
    await symlink(outside, join(linked, prefix, 'home', '.claude'));
    const through = join(scratch, 'through');
    await mkdir(join(through, prefix, 'home', '.claude', 'projects'), { recursive: true });
    await writeFile(join(through, prefix, 'home', '.claude', 'projects', `${session}.jsonl`), 'planted\n');
    cache.plant(
      `${prefix}9999999999999`,
      version,
      archive(linked, [`${prefix}/scope.json`, `${prefix}/home/.claude`], {
        dir: through,
        members: [`${prefix}/home/.claude/projects/${session}.jsonl`],
      }),
    );
    const third = await ask('/ask claude and a WeakMap?', '3103');
    expect(third.exitCode, third.stderr + third.stdout).toBe(0);
    expect(third.stdout + third.stderr).toContain('refused the session cache entry');
    expect(readdirSync(outside)).toEqual([]);
    [, , two] = await claudeRecords();
    expect(two!.argv).not.toContain('--resume');
    expect(two!.prompt).toContain('## The conversation so far (oldest first)');
    const answers = gh.commentsOn(12).filter((c) => c.body.includes('key=ask:'));
    expect(answers.at(-1)!.body).toContain('context rebuilt from the thread');
  });
});
