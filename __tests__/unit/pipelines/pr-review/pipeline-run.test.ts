// The definition's run() with fakes of everything the kernel gives it: where answers go, and how the status ends.
import { describe, expect, it } from 'vitest';
import type { AgentRunRequest } from '../../../../src/agents/types.js';
import type {
  GitHubAccess,
  LiveStatus,
  PipelineDeps,
  PipelineRequest,
  ReviewRequest,
} from '../../../../src/kernel/definition.js';
import type { AgentRow } from '../../../../src/kernel/status-views.js';
import { defaultPrReviewConfig, type PrReviewConfig } from '../../../../src/pipelines/pr-review/config.js';
import { prReview } from '../../../../src/pipelines/pr-review/index.js';
import { FakeSink } from '../../../kit/fake-sink.js';
import { makeAgentRun } from '../../builders.js';

const HEAD = 'a'.repeat(40);
const finding = {
  path: 'src/a.ts',
  line: 1,
  severity: 'high',
  title: 'Null dereference of user',
  body: 'user may be null here.',
};
const answer = `ok\n\`\`\`ai-orchestra-findings\n${JSON.stringify({ summary: 's', findings: [finding] })}\n\`\`\``;

function setup(config: Partial<PrReviewConfig> = {}, withGitHub = true) {
  const sink = new FakeSink();
  const reviews: ReviewRequest[] = [];
  const finished: [string, string | undefined][] = [];
  const status: LiveStatus<AgentRow> = {
    update: () => undefined,
    set: () => undefined,
    append: () => undefined,
    rows: () => [],
    flush: async () => undefined,
    finish: async (overall, message) => void finished.push([overall, message]),
  };
  const github = {
    repository: { owner: 'acme', repo: 'widgets' },
    getPullRequest: async () => {
      throw new Error('not needed');
    },
    listPullRequestFiles: async () => [
      { filename: 'src/a.ts', status: 'modified', additions: 1, deletions: 0, patch: '@@ -1 +1 @@\n-x\n+user.name' },
    ],
    createReview: async (_n: number, review: ReviewRequest) => (
      reviews.push(review), { id: 1, url: 'https://github.com/acme/widgets/pull/12#pullrequestreview-1' }
    ),
    listReviews: async () => [],
    compareCommits: async () => undefined,
    getFileText: async () => undefined,
  } as unknown as GitHubAccess;
  const deps = {
    runner: {
      run: async (req: AgentRunRequest) =>
        makeAgentRun({ agent: req.agent, role: req.role, answer: req.role === 'review' ? answer : 'no verdicts' }),
    },
    sink,
    status,
    signal: new AbortController().signal,
    github: withGitHub ? github : undefined,
  } as unknown as PipelineDeps<AgentRow>;
  const request = {
    pipeline: 'pr-review',
    config: { ...defaultPrReviewConfig(), ...config },
    target: {
      kind: 'pull-request',
      repository: 'acme/widgets',
      number: 12,
      title: 'T',
      body: 'B',
      url: 'u',
      pullRequest: {
        number: 12,
        headSha: HEAD,
        headRef: 'x',
        headRepository: 'acme/widgets',
        baseRef: 'main',
        baseSha: 'b'.repeat(40),
        draft: false,
      },
    },
    run: { id: '1', attempt: '1', url: 'https://github.com/acme/widgets/actions/runs/1', repoUrl: '' },
  } as unknown as PipelineRequest<PrReviewConfig>;
  return { run: () => prReview.run(request, deps), sink, reviews, finished };
}

describe('prReview.run', () => {
  it('posts one review; each answer goes to the summary and the record, not to a comment of its own', async () => {
    const t = setup();
    const outcome = await t.run();
    expect(outcome.status).toBe('success');
    expect(t.reviews).toHaveLength(1);
    expect(t.reviews[0]!.event).toBe('COMMENT');
    expect(t.reviews[0]!.comments).toHaveLength(1);
    expect(t.sink.upserts().map((u) => u.key)).toEqual([]);
    expect([...outcome.comments.keys()].sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review']);
    expect(outcome.comments.get('agent:gemini')).toContain('Null dereference of user');
    expect(t.finished).toEqual([
      [
        'success',
        '[The review](https://github.com/acme/widgets/pull/12#pullrequestreview-1): 1 inline comment, 0 more in its body (COMMENT).',
      ],
    ]);
  });

  it('per-agent-comments: true also posts each answer as a comment', async () => {
    const t = setup({ perAgentComments: true });
    await t.run();
    expect(t.sink.upserts().map((u) => u.key)).toEqual(['agent:claude', 'agent:gemini', 'agent:codex']);
  });

  it('without GitHub access it fails, says why, and finishes the status', async () => {
    const t = setup({}, false);
    const outcome = await t.run();
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toMatch(/needs a token/);
    expect(t.finished[0]![0]).toBe('failure');
  });
});
