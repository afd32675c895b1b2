// continueRelay and runFollowUp with fakes (no process, no network): what they refuse before any agent runs, and
// which review comments a round answers.
import { describe, expect, it } from 'vitest';
import type { AgentRunRequest } from '../../../src/agents/types.js';
import type {
  GitHubAccess,
  PipelineDeps,
  PipelineRequest,
  PullReviewComment,
  RunTarget,
} from '../../../src/kernel/definition.js';
import { defaultRelay, type RelayPipelineConfig } from '../../../src/pipelines/relay-pipeline/config.js';
import { continueRelay, type RelayDetail, runFollowUp } from '../../../src/pipelines/relay-pipeline/continue.js';
import type { RelayStatusEntry } from '../../../src/pipelines/relay-pipeline/status.js';
import { FakeSink } from '../../kit/fake-sink.js';

const BOT = 'github-actions[bot]';

function pull(author = BOT, headRef = 'ai-orchestra/issue-42'): RunTarget {
  return {
    kind: 'pull-request',
    repository: 'acme/widgets',
    number: 7,
    title: 'render([]) crashes',
    body: 'Closes #42',
    url: 'https://github.com/acme/widgets/pull/7',
    pullRequest: {
      number: 7,
      headSha: '1'.repeat(40),
      headRef,
      headRepository: 'acme/widgets',
      baseRef: 'main',
      baseSha: '2'.repeat(40),
      draft: false,
      author: { login: author },
    },
  };
}

const reviewComment = (id: number, inReplyTo?: number): PullReviewComment => ({
  id,
  author: 'maintainer',
  body: `fix ${id}`,
  path: 'src/a.js',
  line: 1,
  url: `u${id}`,
  authorAssociation: 'MEMBER',
  ...(inReplyTo ? { inReplyTo } : {}),
});

function setup(options: { pull?: RunTarget; github?: boolean; comments?: PullReviewComment[] } = {}) {
  const sink = new FakeSink();
  const agents: AgentRunRequest[] = [];
  const finished: { overall?: string; message?: string } = {};
  const replies: { commentId: number; body: string }[] = [];
  const warnings: string[] = [];
  const github = {
    repository: { owner: 'acme', repo: 'widgets' },
    ownLogin: async () => BOT,
    getPullRequest: async () => options.pull ?? pull(),
    getIssue: async () => ({
      kind: 'issue',
      repository: 'acme/widgets',
      number: 42,
      title: 'render([]) crashes',
      body: 'It throws.',
      url: 'u',
    }),
    listReviewComments: async () => options.comments ?? [],
    replyToReviewComment: async (_n: number, commentId: number, body: string) => (
      replies.push({ commentId, body }), { id: 1, url: `r${commentId}` }
    ),
    updatePullRequest: async () => ({ url: 'u' }),
    gitAuth: { serverUrl: 'https://github.com', token: 't' },
  } as unknown as GitHubAccess;
  const deps = {
    runner: { run: async (r: AgentRunRequest) => (agents.push(r), Promise.reject(new Error('no agent should run'))) },
    sink,
    status: {
      append: () => undefined,
      update: () => undefined,
      finish: async (overall: string, message?: string) => void Object.assign(finished, { overall, message }),
    },
    clock: { now: () => new Date(0) },
    log: { info: () => undefined, warning: (m: string) => void warnings.push(m) },
    signal: new AbortController().signal,
    redactor: { redact: (t: string) => t, knownValues: [] },
    // No prepared workspace: a round that goes ahead fails at prepare(), before any agent.
    workspace: { root: '/x', workingDirectory: '/x', runDir: '/x/run', env: {}, killGraceMs: 0 },
    github: options.github === false ? undefined : github,
  } as unknown as PipelineDeps<RelayStatusEntry>;
  const request = {
    pipeline: 'relay-pipeline',
    config: defaultRelay() as RelayPipelineConfig,
    settings: { processedLabel: 'ai-processed' },
    target: options.pull ?? pull(),
    sender: { login: 'maintainer' },
    trigger: { kind: 'event', event: 'pull_request_review.submitted', description: '' },
    detail: { kind: 'review', review: { id: 5, author: 'maintainer', body: 'Please.', url: 'u' } },
    run: { id: '1', attempt: '1', repoUrl: 'https://github.com/acme/widgets' },
  } as unknown as PipelineRequest<RelayPipelineConfig, RelayDetail>;
  return { sink, agents, finished, replies, warnings, request, deps };
}

const continuation = (target: RunTarget, branch = 'ai-orchestra/issue-42') => ({
  pullRequest: target,
  branch,
  task: 'Fix.',
  reason: 'r',
  requestedBy: 'maintainer',
});

describe('continueRelay refuses before any agent runs', () => {
  it.each([
    [
      'a pull request someone else opened',
      pull('maintainer'),
      undefined,
      /was opened by maintainer, not by github-actions\[bot\]/,
    ],
    ['a branch that is not a relay branch', pull(BOT, 'feature'), 'feature', /`feature` is not a relay branch/],
    [
      'a branch that is not the pull request’s head',
      pull(),
      'ai-orchestra/issue-43',
      /`ai-orchestra\/issue-43` is not the head branch of pull request #7/,
    ],
  ] as const)('%s', async (_name, target, branch, reason) => {
    const s = setup({ pull: target });
    const outcome = await continueRelay(continuation(target, branch), s.request, s.deps);
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toMatch(reason);
    expect(outcome.error).toMatch(/^The relay continues only pull requests it opened: /);
    expect(s.agents).toEqual([]);
    expect(s.finished.overall).toBe('failure');
    expect(s.finished.message).toMatch(reason);
    expect(s.warnings).toHaveLength(1);
  });

  it('without a token it cannot tell whose the pull request is, so it refuses', async () => {
    const s = setup({ github: false });
    expect((await continueRelay(continuation(pull()), s.request, s.deps)).error).toMatch(/needs a token to read it/);
    expect(s.agents).toEqual([]);
  });
});

describe('runFollowUp', () => {
  it("answers each of the review's threads once, a reply in a thread at its first comment, and says why nothing was pushed", async () => {
    const s = setup({ comments: [reviewComment(11), reviewComment(12, 3), reviewComment(13, 3)] });
    const outcome = await runFollowUp(s.request, s.deps);
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toBe('the relay workspace was not prepared');
    expect(s.agents).toEqual([]);
    expect(s.replies.map((r) => r.commentId)).toEqual([11, 3]);
    expect(s.replies[0]!.body).toMatch(/^Not addressed: the relay workspace was not prepared\./);
    expect(outcome.followUp).toMatchObject({
      pullNumber: 7,
      reason: 'changes requested by maintainer in review 5',
      requestedBy: 'maintainer',
      replies: [
        { commentId: 11, url: 'r11' },
        { commentId: 3, url: 'r3' },
      ],
    });
    expect(s.sink.last('result')).toContain(
      'Follow-up on pull request #7: changes requested by maintainer in review 5.',
    );
  });
});
