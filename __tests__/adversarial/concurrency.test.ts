// One run per issue: concurrent label events and a run already in progress do not duplicate the work.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker, renderMarker } from '../../src/report/comment-body.js';
import { type ActionRun, makeIssueEvent, readRecords, runAction, seedIssueFromEvent } from '../integration/harness.js';

function config(recordDir: string, delayMs: number): string {
  const agent = (cli: string): string =>
    `  ${cli}:\n    cli: ${cli}\n    timeout: 60\n    env:\n      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}\n      FAKE_DELAY_MS: "${delayMs}"\n`;
  return `agents:\n${agent('claude')}${agent('gemini')}${agent('codex')}`;
}

function otherRunStatus(runId: string, startedAt: Date): string {
  return [
    renderMarker({ runId, pipeline: 'ai-review', key: 'status' }),
    `<!-- ai-orchestra:state=running started=${startedAt.toISOString()} -->`,
    '### 🎼 AI Orchestra · ai-review',
    '⏳ **Running** · 1 of 4 done',
  ].join('\n');
}

describe('one run per issue', () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-concurrency-it-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  function seeded() {
    const event = makeIssueEvent({ number: 9, title: 'Flaky test', body: 'It fails one time in ten.' });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    return event;
  }

  it('ten labeled events for the same issue at once: one run does the work, no duplicate comments', async () => {
    const event = seeded();
    const records = join(scratch, 'records');
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runAction({
          event,
          github: gh,
          configYaml: config(records, 4_000),
          env: { GITHUB_RUN_ID: String(5000 + i), AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
          timeoutMs: 60_000,
        }),
      ),
    );
    runs.push(...all);
    const statuses = all.map((r) => r.outputs.status);
    expect(statuses.filter((s) => s === 'success')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'skipped')).toHaveLength(9);
    for (const r of all.filter((x) => x.outputs.status === 'skipped'))
      expect(r.stdout).toMatch(/already running ai-review/);

    const comments = gh.commentsOn(9);
    expect(comments).toHaveLength(5);
    expect(new Set(comments.map((c) => parseMarker(c.body)?.runId)).size).toBe(1);
    // Three answers and the reviewer's two orders, from the one run.
    expect((await readRecords(records)).length).toBe(5);
    expect(gh.issue(9)!.reactions).toHaveLength(1);
  }, 90_000);

  it('two runs started together: both may start agents beside the claim, the loser stops them and posts nothing', async () => {
    const event = seeded();
    const records = join(scratch, 'records');
    const both = await Promise.all(
      ['3001', '3002'].map((id) =>
        runAction({
          event,
          github: gh,
          configYaml: config(records, 3_000),
          env: { GITHUB_RUN_ID: id, AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
          timeoutMs: 60_000,
        }),
      ),
    );
    runs.push(...both);
    expect(both.map((r) => r.outputs.status).sort()).toEqual(['skipped', 'success']);
    const winner = both.find((r) => r.outputs.status === 'success')!;
    const loser = both.find((r) => r.outputs.status === 'skipped')!;
    expect(loser.exitCode).toBe(0);
    expect(loser.stdout).toMatch(/already running ai-review/);
    expect(loser.outputs['result-file']).toBe('');
    const comments = gh.commentsOn(9);
    expect(new Set(comments.map((c) => parseMarker(c.body)?.runId))).toEqual(
      new Set([winner === both[0] ? '3001' : '3002']),
    );
    expect(comments.map((c) => parseMarker(c.body)?.key).sort()).toEqual([
      'agent:claude',
      'agent:codex',
      'agent:gemini',
      'review',
      'status',
    ]);
    // Only the winner's agents finished: three answers and the reviewer's two orders.
    expect(await readRecords(records)).toHaveLength(5);
    expect(gh.issue(9)!.reactions).toHaveLength(1);
    expect(loser.leftoverProcesses).toBe(false);
  }, 90_000);

  it('another run that is still going blocks a new one; a stale one does not', async () => {
    const event = seeded();
    const live = gh.addComment({ number: 9, body: otherRunStatus('777', new Date()) });
    const records = join(scratch, 'records');
    const blocked = await runAction({
      event,
      github: gh,
      configYaml: config(records, 0),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(blocked);
    expect(blocked.exitCode).toBe(0);
    expect(blocked.outputs.status).toBe('skipped');
    expect(blocked.stdout).toMatch(/workflow run 777 is already running ai-review/);
    expect(gh.commentsOn(9)).toHaveLength(1);
    expect(await readRecords(records)).toEqual([]);

    // The other run died long ago (no update for longer than any agent may take): this one proceeds.
    const longAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    live.updated_at = longAgo;
    live.body = otherRunStatus('777', new Date(longAgo));
    const proceeds = await runAction({
      event,
      github: gh,
      configYaml: config(records, 0),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(proceeds);
    expect(proceeds.outputs.status).toBe('success');
    expect(gh.commentsOn(9)).toHaveLength(6);
  }, 60_000);

  it('a copied marker in a comment by a person does not block anything', async () => {
    const event = seeded();
    gh.addComment({ number: 9, body: otherRunStatus('777', new Date()), user: 'mallory' });
    const run = await runAction({
      event,
      github: gh,
      configYaml: config(join(scratch, 'r'), 0),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    expect(run.outputs.status).toBe('success');
  }, 30_000);

  it('a copied marker in a comment by another bot account does not hold the lock', async () => {
    const event = seeded();
    gh.addComment({
      number: 9,
      body: otherRunStatus('777', new Date()),
      user: { login: 'helpful-automation[bot]', type: 'Bot' },
    });
    const run = await runAction({
      event,
      github: gh,
      configYaml: config(join(scratch, 'r'), 0),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    expect(run.stdout).not.toMatch(/already running/);
    expect(run.outputs.status).toBe('success');
  }, 30_000);
});

describe('one run per issue, with a personal access token', () => {
  let gh: FakeGitHub;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub({ tokenUser: { login: 'maintainer-pat', type: 'User' } });
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
  });

  it('trusts only the login the token posts as: github-actions[bot] does not hold the lock, the token login does', async () => {
    const event = makeIssueEvent({ number: 9, title: 'Flaky test', body: 'It fails one time in ten.' });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const scratch = await mkdtemp(join(tmpdir(), 'ai-concurrency-pat-'));
    try {
      const foreign = gh.addComment({
        number: 9,
        body: otherRunStatus('777', new Date()),
        user: { login: 'github-actions[bot]', type: 'Bot' },
      });
      const free = await runAction({
        event,
        github: gh,
        configYaml: config(join(scratch, 'a'), 0),
        env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
      });
      runs.push(free);
      expect(free.stdout).not.toMatch(/already running/);
      expect(free.outputs.status).toBe('success');

      foreign.body = 'no longer a status';
      gh.addComment({
        number: 9,
        body: otherRunStatus('888', new Date()),
        user: { login: 'maintainer-pat', type: 'User' },
      });
      const blocked = await runAction({
        event,
        github: gh,
        configYaml: config(join(scratch, 'b'), 0),
        env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', GITHUB_RUN_ID: '999' },
      });
      runs.push(blocked);
      expect(blocked.outputs.status).toBe('skipped');
      expect(blocked.stdout).toMatch(/workflow run 888 is already running/);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
