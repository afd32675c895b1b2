// Whose reviews and comments are ours: only the login the token posts as, learned once per client and shared.
import { describe, expect, it } from 'vitest';
import { gitHubAccess } from '../../../src/github/access.js';
import type { Octokit } from '../../../src/github/client.js';
import { INSTALLATION_TOKEN_LOGIN, identityOf } from '../../../src/github/identity.js';
import { listPullReviews } from '../../../src/github/pulls.js';

function fakeOctokit(
  me: string | undefined,
  reviews: { id: number; body: string; user: { login: string; type: string }; commit_id?: string }[],
) {
  let asked = 0;
  const octokit = {
    rest: {
      users: {
        getAuthenticated: async () => {
          asked++;
          if (me === undefined)
            throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
          return { data: { login: me } };
        },
      },
      pulls: { listReviews: 'listReviews' },
      issues: { listComments: 'listComments' },
    },
    paginate: async () => reviews,
  } as unknown as Octokit;
  return { octokit, asked: () => asked };
}

const SHA = 'a'.repeat(40);
const REVIEWS = [
  { id: 1, body: 'ours', user: { login: 'github-actions[bot]', type: 'Bot' }, commit_id: SHA },
  { id: 2, body: 'another bot copied our state', user: { login: 'coderabbitai[bot]', type: 'Bot' }, commit_id: SHA },
  { id: 3, body: 'a person', user: { login: 'mallory', type: 'User' } },
];

describe('own identity', () => {
  it("another bot's review is not ours: only the installation token's login counts", async () => {
    const { octokit } = fakeOctokit(undefined, REVIEWS);
    const listed = await listPullReviews(octokit, { owner: 'o', repo: 'r' }, 1, identityOf(octokit));
    expect(listed.map((r) => [r.id, r.byUs])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(listed[0]!.commitId).toBe(SHA);
  });

  it("a personal access token's own login counts, and no bot", async () => {
    const { octokit } = fakeOctokit('mallory', REVIEWS);
    const listed = await listPullReviews(octokit, { owner: 'o', repo: 'r' }, 1, identityOf(octokit));
    expect(listed.map((r) => r.byUs)).toEqual([false, false, true]);
  });

  it('is asked once per client; what we posted as overrides the guess', async () => {
    const { octokit, asked } = fakeOctokit(undefined, []);
    expect(await identityOf(octokit).login()).toBe(INSTALLATION_TOKEN_LOGIN);
    identityOf(octokit).observe('our-app[bot]');
    expect(await identityOf(octokit).login()).toBe('our-app[bot]');
    expect(asked()).toBe(1);
  });
});

describe("the pipelines' GitHub access", () => {
  it('recognises our comments by the login the comment store learned, not by assuming github-actions[bot]', async () => {
    const marked = (login: string, id: number) => ({
      id,
      html_url: `u${id}`,
      body: '<!-- ai-orchestra:v1 run=1 pipeline=ask key=ask:9:claude -->\nhi',
      user: { login, type: 'Bot' },
    });
    const { octokit } = fakeOctokit(undefined, []);
    (octokit as unknown as { paginate: () => Promise<unknown[]> }).paginate = async () => [
      marked('github-actions[bot]', 1),
      marked('our-app[bot]', 2),
    ];
    // The comment store posted as our-app[bot] (another app's token): that is who we are from now on.
    identityOf(octokit).observe('our-app[bot]');
    const access = gitHubAccess(octokit, { owner: 'o', repo: 'r' }, { serverUrl: 'https://github.com', token: 't' }, {
      redact: (t: string) => t,
    } as never);
    expect((await access.listComments(1)).map((c) => [c.id, c.ours])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
