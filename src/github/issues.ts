// Reads an issue or a pull request through the API, for triggers whose payload does not carry it (workflow_dispatch).
import type { IssueTarget } from '../event.js';
import type { Octokit } from './client.js';
import { describe } from './comments.js';

export async function fetchIssue(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
): Promise<IssueTarget> {
  const data = await readOrExplain(`issue #${number}`, repo, () =>
    octokit.rest.issues.get({ ...repo, issue_number: number }),
  );
  if (data.pull_request) throw new Error(`#${number} is a pull request, not an issue.`);
  return {
    kind: 'issue',
    ...sharedFields(repo, number, data),
  };
}

export async function fetchPullRequest(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
): Promise<IssueTarget> {
  const data = await readOrExplain(`pull request #${number}`, repo, () =>
    octokit.rest.pulls.get({ ...repo, pull_number: number }),
  );
  return {
    kind: 'pull-request',
    ...sharedFields(repo, number, data),
    pullRequest: {
      number,
      headSha: data.head.sha,
      headRef: data.head.ref,
      headRepository: data.head.repo?.full_name ?? `${repo.owner}/${repo.repo}`,
      baseRef: data.base.ref,
      baseSha: data.base.sha,
      draft: data.draft === true,
      ...(data.user ? { author: { login: data.user.login, type: data.user.type } } : {}),
    },
  };
}

/** What an issue and a pull request read from the API have in common. */
function sharedFields(
  repo: { owner: string; repo: string },
  number: number,
  data: { title: string; body?: string | null; html_url: string },
): Pick<IssueTarget, 'repository' | 'number' | 'title' | 'body' | 'url'> {
  return {
    repository: `${repo.owner}/${repo.repo}`,
    number,
    title: data.title,
    body: data.body ?? '',
    url: data.html_url,
  };
}

/** The answer's data, or an error that names what could not be read and why. */
async function readOrExplain<T>(
  what: string,
  repo: { owner: string; repo: string },
  request: () => Promise<{ data: T }>,
): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    throw new Error(`Could not read ${what} of ${repo.owner}/${repo.repo}: ${describe(error)}`);
  }
}
