// The pipeline's ports over the kernel's GitHub access and comment sink.
import { describe, expect, it } from 'vitest';
import type { CommentSink, GitHubAccess, RunTarget } from '../../../../src/kernel/definition.js';
import { githubReviewSink, localReviewSink, pullSource } from '../../../../src/pipelines/pr-review/access.js';
import { InlineRefused } from '../../../../src/pipelines/pr-review/run.js';

const TARGET: RunTarget = {
  kind: 'pull-request',
  repository: 'acme/widgets',
  number: 12,
  title: 'T',
  body: 'B',
  url: 'u',
  pullRequest: {
    number: 12,
    headSha: 'h'.repeat(40),
    headRef: 'x',
    headRepository: 'acme/widgets',
    baseRef: 'main',
    baseSha: 'b'.repeat(40),
    draft: false,
  },
};

function fakeGitHub(over: Partial<GitHubAccess> = {}): GitHubAccess {
  return {
    repository: { owner: 'acme', repo: 'widgets' },
    serverUrl: 'https://github.com',
    gitAuth: { serverUrl: 'https://github.com', token: 't' },
    getPullRequest: async () => TARGET,
    listPullRequestFiles: async () => [
      {
        filename: 'a.ts',
        status: 'renamed',
        additions: 1,
        deletions: 0,
        patch: '@@ -1 +1 @@\n+x',
        previousFilename: 'old.ts',
      },
    ],
    createReview: async () => ({ id: 1, url: 'https://github.com/acme/widgets/pull/12#pullrequestreview-1' }),
    openPullRequest: async () => ({ ok: false, denied: true, error: 'no' }),
    listComments: async () => [],
    compareCommits: async () => undefined,
    getFileText: async () => 'text',
    listReviews: async () => [
      { id: 1, body: 'mine', byUs: true, commitId: 'h'.repeat(40) },
      { id: 2, body: 'forged', byUs: false },
    ],
    ...over,
  };
}

describe('pullSource', () => {
  it('takes the text and commits from the event and the files from the API', async () => {
    const pull = await pullSource(fakeGitHub(), TARGET).pull();
    expect(pull).toMatchObject({
      title: 'T',
      body: 'B',
      headSha: 'h'.repeat(40),
      baseRef: 'main',
      files: [{ path: 'a.ts', status: 'renamed', previousPath: 'old.ts', patch: '@@ -1 +1 @@\n+x' }],
    });
  });

  it('a comment event carries no commits: they come from the API', async () => {
    const { pullRequest: _, ...bare } = TARGET;
    const pull = await pullSource(fakeGitHub(), bare).pull();
    expect(pull.headSha).toBe('h'.repeat(40));
    await expect(pullSource(fakeGitHub({ getPullRequest: async () => bare }), bare).pull()).rejects.toThrow(
      '#12 is not a pull request.',
    );
  });

  it('says which call the kernel lacks', async () => {
    await expect(pullSource(fakeGitHub({ getFileText: undefined }), TARGET).contents('a', 'b')).rejects.toThrow(
      'lacks getFileText',
    );
  });
});

describe('review sinks', () => {
  it('only our own earlier reviews count', async () => {
    expect(await githubReviewSink(fakeGitHub(), 12).earlierReviews()).toEqual([
      { body: 'mine', commitId: 'h'.repeat(40) },
    ]);
  });

  it("GitHub's 422 on a review with inline comments becomes InlineRefused; other errors pass", async () => {
    const refuse = Object.assign(new Error('Unprocessable Entity: Line could not be resolved'), { status: 422 });
    const sink = githubReviewSink(fakeGitHub({ createReview: async () => Promise.reject(refuse) }), 12);
    const comment = { path: 'a.ts', line: 1, side: 'RIGHT' as const, body: 'x' };
    await expect(sink.post({ commitId: 'h', event: 'COMMENT', body: 'b', comments: [comment] })).rejects.toBeInstanceOf(
      InlineRefused,
    );
    await expect(sink.post({ commitId: 'h', event: 'COMMENT', body: 'b', comments: [] })).rejects.toBe(refuse);
  });

  it('a dry run writes the review, inline comments under it, where comments go', async () => {
    const written: [string, string][] = [];
    const sink: CommentSink = {
      acknowledge: async () => undefined,
      addLabel: async () => undefined,
      upsertComment: async (key, body) => (written.push([key, body]), { url: undefined }),
    };
    await localReviewSink(sink, undefined, 12).post({
      commitId: 'h',
      event: 'COMMENT',
      body: 'The body',
      comments: [{ path: 'a.ts', line: 5, startLine: 3, side: 'RIGHT', body: 'Inline' }],
    });
    expect(written[0]![0]).toBe('review');
    expect(written[0]![1]).toContain(
      'The body\n\n**Dry run:** this would be posted as a `COMMENT` review of commit `h`.\n\n### Inline comments\n\n#### `a.ts:3-5`\n\nInline',
    );
    expect(await localReviewSink(sink, undefined, 12).earlierReviews()).toEqual([]);
  });
});
