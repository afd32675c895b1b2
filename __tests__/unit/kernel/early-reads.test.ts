// Which events send the run's first two reads before the config is read: real webhook payloads (the fixtures) decide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { earlyTarget } from '../../../src/kernel/early-reads.js';
import type { RunContext } from '../../../src/run-context.js';

const PAYLOADS = join(import.meta.dirname, '../../../__fixtures__/payloads');

function contextOf(file: string, eventName: string, change?: (payload: Record<string, any>) => void): RunContext {
  const payload = JSON.parse(readFileSync(join(PAYLOADS, file), 'utf8')) as Record<string, any>;
  change?.(payload);
  return {
    eventName,
    payload,
    owner: 'acme',
    repo: 'widgets',
    runId: '1',
    runAttempt: '1',
    serverUrl: 'https://github.com',
    workspace: '/tmp',
    runnerTemp: '/tmp',
  };
}

describe('earlyTarget', () => {
  it('sends early for a label added to an issue or a pull request, asking about the user who added it', () => {
    const labeled = contextOf('issues-labeled-ai-review.json', 'issues');
    expect(earlyTarget(labeled)).toEqual({
      number: labeled.payload.issue.number,
      trigger: { login: labeled.payload.sender.login, type: labeled.payload.sender.type },
    });
    const pull = contextOf('pull_request-labeled-ai-review.json', 'pull_request');
    expect(earlyTarget(pull)?.number).toBe(pull.payload.pull_request.number);
    expect(earlyTarget(contextOf('pull_request-synchronize-ai-review.json', 'pull_request'))).toBeDefined();
  });

  it('sends early for a new comment that starts with a slash command, and not for any other comment', () => {
    const command = contextOf('issue-comment-created-ask-issue.json', 'issue_comment');
    expect(command.payload.comment.body).toMatch(/^\s*\//);
    expect(earlyTarget(command)?.number).toBe(command.payload.issue.number);
    const chat = contextOf('issue-comment-created-ask-issue.json', 'issue_comment', (p) => {
      p.comment.body = 'Thanks, that fixed it! /ask is great';
    });
    expect(earlyTarget(chat)).toBeUndefined();
    const edited = contextOf('issue-comment-created-ask-issue.json', 'issue_comment', (p) => {
      p.action = 'edited';
    });
    expect(earlyTarget(edited)).toBeUndefined();
  });

  it('sends nothing early for other actions and events, or a payload without a sender', () => {
    const unlabeled = contextOf('issues-labeled-ai-review.json', 'issues', (p) => {
      p.action = 'unlabeled';
    });
    expect(earlyTarget(unlabeled)).toBeUndefined();
    expect(earlyTarget(contextOf('workflow_run-completed-relay-ci-fix.json', 'workflow_run'))).toBeUndefined();
    expect(earlyTarget(contextOf('check_suite-completed-relay-ci-fix.json', 'check_suite'))).toBeUndefined();
    const anonymous = contextOf('issues-labeled-ai-review.json', 'issues', (p) => {
      delete p.sender;
    });
    expect(earlyTarget(anonymous)).toBeUndefined();
  });
});

describe('startEarlyReads', () => {
  it('hands its reads only to a route about the same issue and the same user', async () => {
    const { startEarlyReads } = await import('../../../src/kernel/early-reads.js');
    const { readTuning } = await import('../../../src/inputs.js');
    const saved = process.env.GITHUB_API_URL;
    // Nothing listens there: the reads are never answered, which is all this test needs (no process, no real GitHub).
    process.env.GITHUB_API_URL = 'http://127.0.0.1:9';
    try {
      const ctx = contextOf('issues-labeled-ai-review.json', 'issues');
      const inputs = {
        mode: 'run',
        githubToken: 't0ken',
        dryRun: false,
        allowedBots: [],
        tuning: { ...readTuning({}), requestTimeoutMs: 1_000 },
      } as unknown as Parameters<typeof startEarlyReads>[0];
      const early = startEarlyReads(inputs, ctx)!;
      const { login, type } = ctx.payload.sender;
      const number = ctx.payload.issue.number as number;
      expect(early.listing(number)).toBeDefined();
      expect(early.listing(number + 1)).toBeUndefined();
      expect(early.permission({ login, type })).toBeDefined();
      expect(early.permission({ login: `${login}-other`, type })).toBeUndefined();
      expect(early.permission({ login, type: 'Bot' })).toBeUndefined();
      expect(startEarlyReads({ ...inputs, dryRun: true }, ctx)).toBeUndefined();
      expect(startEarlyReads({ ...inputs, mode: 'plan' } as typeof inputs, ctx)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved;
    }
  }, 30_000);
});
