// The fake GitHub's pull-request routes answer as GitHub does, including its refusal of comments outside the diff.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { FAKE_TOKEN } from './harness.js';

const HEAD = '1'.repeat(40);
const BASE = '2'.repeat(40);
// Head lines 2-6 in the first hunk, 20-22 in the second.
const PATCH = '@@ -2,4 +2,5 @@ intro\n a\n-b\n+B\n+B2\n c\n d\n@@ -19,3 +20,3 @@ later\n x\n-y\n+Y\n z';

async function api(
  gh: FakeGitHub,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any; link: string | null }> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: `token ${FAKE_TOKEN}`,
      accept: 'application/vnd.github+json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, link: res.headers.get('link') };
}

describe('fake GitHub: pull requests', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addPullRequest({
      number: 12,
      title: 'Fix the list',
      body: 'Fixes #3',
      user: 'contributor',
      labels: ['ai-review'],
      head: { ref: 'fix', sha: HEAD, repo: 'forker/widgets' },
      base: { ref: 'main', sha: BASE },
      files: [
        { filename: 'src/list.ts', status: 'modified', patch: PATCH },
        { filename: 'logo.png', status: 'added' },
      ],
    });
  });
  afterEach(() => gh.close());

  it('serves the pull request, its issue and its files with patches', async () => {
    const pull = await api(gh, 'GET', '/repos/acme/widgets/pulls/12');
    expect(pull.status).toBe(200);
    expect(pull.json).toMatchObject({
      number: 12,
      title: 'Fix the list',
      user: { login: 'contributor' },
      labels: [{ name: 'ai-review' }],
      head: { ref: 'fix', sha: HEAD, repo: { full_name: 'forker/widgets', fork: true } },
      base: { ref: 'main', sha: BASE, repo: { full_name: 'acme/widgets', fork: false } },
      changed_files: 2,
      additions: 3,
      deletions: 2,
    });
    const issue = await api(gh, 'GET', '/repos/acme/widgets/issues/12');
    expect(issue.json.pull_request.url).toBe(`${gh.url}/repos/acme/widgets/pulls/12`);
    const files = await api(gh, 'GET', '/repos/acme/widgets/pulls/12/files?per_page=1');
    expect(files.json).toEqual([
      expect.objectContaining({
        filename: 'src/list.ts',
        status: 'modified',
        patch: PATCH,
        additions: 3,
        deletions: 2,
        changes: 5,
      }),
    ]);
    expect(files.link).toContain('rel="next"');
    const second = await api(gh, 'GET', '/repos/acme/widgets/pulls/12/files?per_page=1&page=2');
    expect(second.json[0]).not.toHaveProperty('patch');
    expect((await api(gh, 'GET', '/repos/acme/widgets/pulls/99')).status).toBe(404);
  });

  it('answers compare and contents at a ref, and 404s what it does not know', async () => {
    gh.addCompare(BASE, HEAD, [{ filename: 'src/list.ts', status: 'modified', patch: PATCH }]);
    const compare = await api(gh, 'GET', `/repos/acme/widgets/compare/${BASE}...${HEAD}`);
    expect(compare.json).toMatchObject({
      status: 'ahead',
      ahead_by: 1,
      total_commits: 1,
      files: [{ filename: 'src/list.ts', patch: PATCH }],
    });
    expect((await api(gh, 'GET', `/repos/acme/widgets/compare/${HEAD}...${BASE}`)).status).toBe(404);
    gh.setContents(HEAD, { 'src/list.ts': 'a\nB\nB2\nc\n' });
    const content = await api(gh, 'GET', `/repos/acme/widgets/contents/src/list.ts?ref=${HEAD}`);
    expect(content.json).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: 'src/list.ts',
      name: 'list.ts',
      size: 9,
    });
    expect(Buffer.from(content.json.content, 'base64').toString()).toBe('a\nB\nB2\nc\n');
    expect((await api(gh, 'GET', `/repos/acme/widgets/contents/src/list.ts?ref=${BASE}`)).status).toBe(404);
  });

  it('creates a review with comments on diff lines, single and multi-line, and lists them', async () => {
    const created = await api(gh, 'POST', '/repos/acme/widgets/pulls/12/reviews', {
      commit_id: HEAD,
      event: 'COMMENT',
      body: 'Two notes',
      comments: [
        { path: 'src/list.ts', line: 3, side: 'RIGHT', body: 'one line' },
        { path: 'src/list.ts', start_line: 3, start_side: 'RIGHT', line: 5, side: 'RIGHT', body: 'three lines' },
        { path: 'src/list.ts', line: 3, side: 'LEFT', body: 'the removed line' },
      ],
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      state: 'COMMENTED',
      body: 'Two notes',
      commit_id: HEAD,
      user: { login: 'github-actions[bot]' },
    });
    const comments = await api(gh, 'GET', '/repos/acme/widgets/pulls/12/comments');
    expect(comments.json.map((c: any) => [c.line, c.start_line, c.side, c.pull_request_review_id])).toEqual([
      [3, null, 'RIGHT', created.json.id],
      [5, 3, 'RIGHT', created.json.id],
      [3, null, 'LEFT', created.json.id],
    ]);
    expect(comments.json[0].diff_hunk).toBe('@@ -2,4 +2,5 @@ intro\n a\n-b\n+B');
    const reviews = await api(gh, 'GET', '/repos/acme/widgets/pulls/12/reviews');
    expect(reviews.json).toHaveLength(1);
  });

  it('refuses, as GitHub does, a comment outside the diff, across hunks, or on a file not in the pull request; nothing is created', async () => {
    const cases: [unknown, string][] = [
      [{ path: 'src/list.ts', line: 10, side: 'RIGHT', body: 'x' }, 'Line could not be resolved'],
      [{ path: 'src/list.ts', line: 12, side: 'LEFT', body: 'x' }, 'Line could not be resolved'],
      [
        { path: 'src/list.ts', start_line: 5, line: 21, side: 'RIGHT', body: 'x' },
        'Pull request review thread start line must be part of the same hunk as the line.',
      ],
      [{ path: 'README.md', line: 1, body: 'x' }, 'Path could not be resolved'],
    ];
    for (const [comment, message] of cases) {
      const res = await api(gh, 'POST', '/repos/acme/widgets/pulls/12/reviews', {
        event: 'COMMENT',
        body: 'b',
        comments: [{ path: 'src/list.ts', line: 2, body: 'fine' }, comment],
      });
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ message: 'Unprocessable Entity', errors: [message], status: '422' });
    }
    expect(gh.reviewsOn(12)).toEqual([]);
    expect(gh.reviewCommentsOn(12)).toEqual([]);
    expect((await api(gh, 'POST', '/repos/acme/widgets/pulls/12/reviews', { event: 'MERGE', body: 'b' })).status).toBe(
      422,
    );
    // That request was wrong on purpose: the fidelity check records it, and this test takes it.
    expect(JSON.stringify(gh.takeViolations())).toMatch(/event/);
  });

  it('a push moves the head and the files', async () => {
    gh.pushToPull(12, {
      sha: '3'.repeat(40),
      files: [{ filename: 'src/new.ts', status: 'added', patch: '@@ -0,0 +1,1 @@\n+n' }],
    });
    const pull = await api(gh, 'GET', '/repos/acme/widgets/pulls/12');
    expect(pull.json.head.sha).toBe('3'.repeat(40));
    const ok = await api(gh, 'POST', '/repos/acme/widgets/pulls/12/reviews', {
      event: 'COMMENT',
      body: 'b',
      comments: [{ path: 'src/new.ts', line: 1, body: 'x' }],
    });
    expect(ok.status).toBe(200);
    expect(ok.json.commit_id).toBe('3'.repeat(40));
  });

  it("a seeded review's comments list by review; a reply joins the thread", async () => {
    gh.setPermission('reviewer', 'write');
    const { review, comments } = gh.addReview(12, {
      user: 'reviewer',
      body: 'Please change two things.',
      comments: [
        { path: 'src/list.ts', line: 3, body: 'Name this B better.' },
        { path: 'src/list.ts', line: 21, body: 'Y needs a test.' },
      ],
    });
    expect(() =>
      gh.addReview(12, { user: 'reviewer', comments: [{ path: 'src/list.ts', line: 10, body: 'x' }] }),
    ).toThrow(/Line could not be resolved/);
    const reviews = await api(gh, 'GET', '/repos/acme/widgets/pulls/12/reviews');
    expect(reviews.json).toEqual([
      expect.objectContaining({
        id: review.id,
        state: 'CHANGES_REQUESTED',
        author_association: 'MEMBER',
        user: expect.objectContaining({ login: 'reviewer' }),
      }),
    ]);
    const listed = await api(gh, 'GET', `/repos/acme/widgets/pulls/12/reviews/${review.id}/comments`);
    expect(listed.json.map((c: any) => [c.id, c.path, c.line, c.body, c.pull_request_review_id])).toEqual([
      [comments[0]!.id, 'src/list.ts', 3, 'Name this B better.', review.id],
      [comments[1]!.id, 'src/list.ts', 21, 'Y needs a test.', review.id],
    ]);
    expect((await api(gh, 'GET', '/repos/acme/widgets/pulls/12/reviews/1/comments')).status).toBe(404);

    const reply = await api(gh, 'POST', `/repos/acme/widgets/pulls/12/comments/${comments[0]!.id}/replies`, {
      body: 'Done in abc.',
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      in_reply_to_id: comments[0]!.id,
      path: 'src/list.ts',
      line: 3,
      body: 'Done in abc.',
      user: { login: 'github-actions[bot]' },
    });
    const all = await api(gh, 'GET', '/repos/acme/widgets/pulls/12/comments');
    expect(all.json.map((c: any) => c.in_reply_to_id ?? null)).toEqual([null, null, comments[0]!.id]);
    const nested = await api(gh, 'POST', `/repos/acme/widgets/pulls/12/comments/${reply.json.id}/replies`, {
      body: 'again',
    });
    expect(nested.json.in_reply_to_id).toBe(comments[0]!.id);
    expect((await api(gh, 'POST', '/repos/acme/widgets/pulls/12/comments/1/replies', { body: 'x' })).status).toBe(404);
  });

  it('PATCH updates the pull request (and its issue) and answers the pull request', async () => {
    const res = await api(gh, 'PATCH', '/repos/acme/widgets/pulls/12', { body: 'New description' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ number: 12, body: 'New description', title: 'Fix the list' });
    expect(gh.state.pulls[0]!.body).toBe('New description');
    expect(gh.issue(12)!.body).toBe('New description');
    expect((await api(gh, 'PATCH', '/repos/acme/widgets/pulls/99', { body: 'x' })).status).toBe(404);
  });
});
