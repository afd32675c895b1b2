// The run lock with agents started beside it, and the API requests one ai-review run makes: dist/index.js as processes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import { makeIssueEvent, readRecords, runAction, seedIssueFromEvent, type ActionRun } from './harness.js';

/** Three answering agents; ai-review's defaults make the first of them the reviewer, who ranks in two orders. */
function config(recordDir: string, delayMs: number): string {
  const agent = (cli: string): string =>
    `  ${cli}:\n    cli: ${cli}\n    timeout: 60\n    env:\n      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}\n      FAKE_DELAY_MS: "${delayMs}"\n`;
  return `agents:\n${agent('claude')}${agent('gemini')}${agent('codex')}`;
}

/** `/repos/acme/widgets/issues/comments/123` → `PATCH /repos/{owner}/{repo}/issues/comments/{id}`: requests by route. */
function byRoute(gh: FakeGitHub): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of gh.requests) {
    const route = `${r.method} ${r.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}').replace(/\/\d+(?=\/|$)/g, '/{id}').replace(/(collaborators)\/[^/]+/, '$1/{user}')}`;
    counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}

describe('the claim beside the agents', () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-claim-it-'));
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

  it('two runs started together on one issue: one posts its answers, the other stops its agents and posts nothing', async () => {
    const event = seeded();
    const records = join(scratch, 'records');
    const both = await Promise.all(
      ['3001', '3002'].map((id) =>
        runAction({ event, github: gh, configYaml: config(records, 3_000), env: { GITHUB_RUN_ID: id, AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' }, timeoutMs: 60_000 }),
      ),
    );
    runs.push(...both);
    expect(both.map((r) => r.outputs.status).sort()).toEqual(['skipped', 'success']);
    const loser = both.find((r) => r.outputs.status === 'skipped')!;
    expect(loser.exitCode).toBe(0);
    expect(loser.stdout).toMatch(/already running ai-review/);
    expect(loser.outputs['result-file']).toBe('');

    const comments = gh.commentsOn(9);
    const winner = both.find((r) => r.outputs.status === 'success')!;
    expect(new Set(comments.map((c) => parseMarker(c.body)?.runId))).toEqual(new Set([winner === both[0] ? '3001' : '3002']));
    expect(comments.map((c) => parseMarker(c.body)?.key).sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review', 'status']);
    // Only the winner's agents finished: three answers and the reviewer's two orders.
    expect(await readRecords(records)).toHaveLength(5);
    expect(gh.issue(9)!.reactions).toHaveLength(1);
    expect(gh.issue(9)!.labels).toContain('ai-processed');
    expect(winner.leftoverProcesses).toBe(false);
    expect(loser.leftoverProcesses).toBe(false);
  }, 90_000);

  it('an ai-review run with per-agent comments at N = 3 makes at most N + 10 requests, the live status kept', async () => {
    const event = seeded();
    // GitHub's spacing, scaled down: writes 1 s apart, the status comment at most every 3 s.
    const run = await runAction({ event, github: gh, configYaml: config(join(scratch, 'r'), 0), env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '1000' }, timeoutMs: 60_000 });
    runs.push(run);
    expect(run.outputs.status, run.stdout).toBe('success');
    const routes = byRoute(gh);
    const { 'PATCH /repos/{owner}/{repo}/issues/comments/{id}': statusUpdates = 0, ...rest } = routes;
    expect(rest).toEqual({
      'GET /repos/{owner}/{repo}/collaborators/{user}/permission': 1,
      // The claim lists twice: beside the permission check, and after posting its status comment.
      'GET /repos/{owner}/{repo}/issues/{id}/comments': 2,
      // The status comment, three answers, the review.
      'POST /repos/{owner}/{repo}/issues/{id}/comments': 5,
      'POST /repos/{owner}/{repo}/issues/{id}/reactions': 1,
      'POST /repos/{owner}/{repo}/issues/{id}/labels': 1,
    });
    // The live status: updated while the run goes on, and finalized.
    expect(statusUpdates).toBeGreaterThanOrEqual(2);
    expect(gh.requests.length).toBeLessThanOrEqual(3 + 10);
    const status = gh.commentsOn(9).find((c) => parseMarker(c.body)?.key === 'status')!;
    expect(status.body).toContain('<!-- ai-orchestra:state=success');
    expect(status.body.split('\n').filter((l) => l.startsWith('| ✅ |'))).toHaveLength(4);
  }, 60_000);
});
