// Other ways to start a pipeline: a slash command in an issue comment, and a manual workflow_dispatch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { webhookExamples } from '../../__fixtures__/github-description/webhooks.js';
import { type ActionRun, makeIssueEvent, readRecords, runAction, seedIssueFromEvent } from './harness.js';

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function config(recordDir: string): string {
  const agent = (cli: string): string =>
    `  ${cli}:\n    cli: ${cli}\n    env:\n      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}\n`;
  return `agents:\n${agent('claude')}${agent('gemini')}${agent('codex')}`;
}

describe('triggers', () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-triggers-it-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function start(event: object, eventName: string, extra: { configYaml?: string } = {}): Promise<ActionRun> {
    const run = await runAction({
      event,
      eventName,
      github: gh,
      configYaml: extra.configYaml ?? config(join(scratch, 'records')),
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0' },
    });
    runs.push(run);
    return run;
  }

  function commentEvent(body: string, commenter = 'maintainer', extra: Record<string, unknown> = {}) {
    const labeled = makeIssueEvent({ number: 12, title: 'Slow startup', body: 'Startup takes 9 s.' });
    seedIssueFromEvent(gh, labeled);
    const { label: _label, ...rest } = labeled;
    return {
      ...rest,
      action: 'created',
      issue: { ...labeled.issue, ...extra },
      comment: {
        id: 555,
        body,
        user: { login: commenter, type: 'User' },
        html_url: 'https://github.com/acme/widgets/issues/12#issuecomment-555',
      },
      sender: { login: commenter, type: 'User' },
    };
  }

  it('a /ai-review comment from a user with write access runs ai-review on that issue', async () => {
    gh.setPermission('maintainer', 'write');
    const run = await start(commentEvent('/ai-review please\nthanks'), 'issue_comment');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect(run.stdout).toContain('command /ai-review, by maintainer');
    expect(gh.commentsOn(12)).toHaveLength(5);
    const prompts = (await readRecords(join(scratch, 'records'))).map((r) => r.prompt ?? '');
    expect(prompts[0]).toContain('Startup takes 9 s.');
    // The permission and the claim's first listing were sent before the config was read, and not again after it.
    expect(gh.requestsTo('GET', /\/collaborators\/maintainer\/permission$/)).toHaveLength(1);
    expect(gh.requests[0]?.pathname).toMatch(/\/issues\/12\/comments$|\/permission$/);
  }, 30_000);

  it('a slash command from a user without write access starts nothing', async () => {
    gh.setPermission('passer-by', 'triage');
    const run = await start(commentEvent('/ai-review', 'passer-by'), 'issue_comment');
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'skipped' });
    expect(gh.requests.filter((r) => WRITES.has(r.method))).toEqual([]);
    expect(await readRecords(join(scratch, 'records'))).toEqual([]);
  }, 30_000);

  // `/ai-review` on a pull request starts pr-review now (__tests__/integration/pr-review.test.ts).
  it('ordinary comments and commands later in the text are skipped quietly', async () => {
    gh.setPermission('maintainer', 'admin');
    for (const event of [commentEvent('Thanks! I will try /ai-review later.'), commentEvent('> /ai-review\nquoted')]) {
      const run = await start(event, 'issue_comment');
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ pipeline: 'none', status: 'skipped' });
    }
    // Not even a read: a comment that does not start with a slash command sends nothing early.
    expect(gh.requests).toEqual([]);
  }, 30_000);

  it('the command words come from the config', async () => {
    gh.setPermission('maintainer', 'write');
    const yaml = `${config(join(scratch, 'records'))}pipelines:\n  ai-review:\n    command: /ask-the-bots\n`;
    const skipped = await start(commentEvent('/ai-review'), 'issue_comment', { configYaml: yaml });
    expect(skipped.outputs.status).toBe('skipped');
    const started = await start(commentEvent('/ask-the-bots'), 'issue_comment', { configYaml: yaml });
    expect(started.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
  }, 30_000);

  it('workflow_dispatch with issue-number and pipeline reads the issue through the API and runs', async () => {
    gh.addIssue({ number: 31, title: 'Memory leak in the watcher', body: 'RSS grows 10 MB per hour.', labels: [] });
    gh.setPermission('maintainer', 'write');
    const event = {
      inputs: { 'issue-number': '31', pipeline: 'ai-review' },
      ref: 'refs/heads/main',
      repository: { full_name: 'acme/widgets', name: 'widgets', owner: { login: 'acme' } },
      sender: { login: 'maintainer', type: 'User' },
    };
    const run = await start(event, 'workflow_dispatch');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect(gh.commentsOn(31)).toHaveLength(5);
    const prompts = (await readRecords(join(scratch, 'records'))).map((r) => r.prompt ?? '');
    expect(prompts[0]).toContain('RSS grows 10 MB per hour.');
  }, 30_000);

  it('GitHub’s own example payloads run: a /ai-review comment (issue_comment.created) and a label (issues.labeled)', async () => {
    const comment = webhookExamples('issue_comment', 'created').find((p) => !p.issue.pull_request)!;
    const labeled = webhookExamples('issues', 'labeled')[0]!;
    const cases: [string, Record<string, any>, string][] = [
      [
        'issue_comment',
        { ...comment, comment: { ...comment.comment, body: '/ai-review' } },
        config(join(scratch, 'records')),
      ],
      [
        'issues',
        labeled,
        `${config(join(scratch, 'records'))}pipelines:\n  ai-review:\n    label: ${JSON.stringify(labeled.label.name)}\n`,
      ],
    ];
    for (const [eventName, payload, yaml] of cases) {
      const [owner, repo] = String(payload.repository.full_name).split('/');
      if (!gh.issue(payload.issue.number, owner, repo))
        gh.addIssue({
          owner,
          repo,
          number: payload.issue.number,
          title: payload.issue.title,
          body: payload.issue.body,
        });
      gh.setPermission(payload.sender.login, 'write');
      const run = await start(payload, eventName, { configYaml: yaml });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs, eventName).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    }
    const [owner, repo] = String(comment.repository.full_name).split('/');
    expect(gh.commentsOn(comment.issue.number, owner, repo).length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('workflow_dispatch without a valid issue number fails with a clear error', async () => {
    const event = {
      inputs: { 'issue-number': 'abc' },
      repository: { full_name: 'acme/widgets', name: 'widgets', owner: { login: 'acme' } },
      sender: { login: 'maintainer', type: 'User' },
    };
    const run = await start(event, 'workflow_dispatch');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::workflow_dispatch needs the input issue-number/);
  }, 30_000);
});
