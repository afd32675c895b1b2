// Reading an issue or a pull request by number: a failed read names what could not be read, where, and why.
import { describe, expect, it } from 'vitest';
import type { Octokit } from '../../../src/github/client.js';
import { fetchIssue, fetchPullRequest } from '../../../src/github/issues.js';

const REPO = { owner: 'acme', repo: 'widgets' };

function httpError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status });
}

/** An API whose every read fails with `error`. */
function failingOctokit(error: Error): Octokit {
  const get = async () => Promise.reject(error);
  return { rest: { issues: { get }, pulls: { get } } } as unknown as Octokit;
}

describe('fetchIssue and fetchPullRequest', () => {
  it('a failed read names the issue or pull request, the repository and the API error', async () => {
    const octokit = failingOctokit(httpError(404, 'Not Found'));
    await expect(fetchIssue(octokit, REPO, 7)).rejects.toThrow(
      'Could not read issue #7 of acme/widgets: HTTP 404: Not Found',
    );
    await expect(fetchPullRequest(octokit, REPO, 8)).rejects.toThrow(
      'Could not read pull request #8 of acme/widgets: HTTP 404: Not Found',
    );
  });

  it('an issue number that is a pull request is refused; a read that succeeds gives the target', async () => {
    const issue = { title: 'T', body: null, html_url: 'https://github.com/acme/widgets/issues/7' };
    const octokit = {
      rest: { issues: { get: async () => ({ data: { ...issue, pull_request: {} } }) } },
    } as unknown as Octokit;
    await expect(fetchIssue(octokit, REPO, 7)).rejects.toThrow('#7 is a pull request, not an issue.');
    const plain = { rest: { issues: { get: async () => ({ data: issue }) } } } as unknown as Octokit;
    expect(await fetchIssue(plain, REPO, 7)).toEqual({
      kind: 'issue',
      repository: 'acme/widgets',
      number: 7,
      title: 'T',
      body: '',
      url: 'https://github.com/acme/widgets/issues/7',
    });
  });

  it('a pull request read gives its head, base and author beside the fields an issue has', async () => {
    const data = {
      title: 'P',
      body: 'B',
      html_url: 'https://github.com/acme/widgets/pull/8',
      head: { sha: 'h'.repeat(40), ref: 'feature', repo: null },
      base: { sha: 'b'.repeat(40), ref: 'main' },
      draft: true,
      user: { login: 'alice', type: 'User' },
    };
    const octokit = { rest: { pulls: { get: async () => ({ data }) } } } as unknown as Octokit;
    expect(await fetchPullRequest(octokit, REPO, 8)).toEqual({
      kind: 'pull-request',
      repository: 'acme/widgets',
      number: 8,
      title: 'P',
      body: 'B',
      url: 'https://github.com/acme/widgets/pull/8',
      pullRequest: {
        number: 8,
        headSha: 'h'.repeat(40),
        headRef: 'feature',
        headRepository: 'acme/widgets',
        baseRef: 'main',
        baseSha: 'b'.repeat(40),
        draft: true,
        author: { login: 'alice', type: 'User' },
      },
    });
  });
});
