// What the router may read from GitHub to complete a target (workflow_dispatch and workflow_run carry no issue text).
import type { RunContext } from '../event.js';
import { authenticatedLogin, listThreadComments } from '../github/access.js';
import type { GitHubClients } from '../github/client.js';
import { fetchIssue, fetchPullRequest } from '../github/issues.js';
import type { RouteLookups } from './definition.js';

/** What the router may read through the API (workflow_dispatch, comments on pull requests). */
export function routeLookups(clients: Pick<GitHubClients, 'octokit'>, ctx: RunContext): RouteLookups {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  return {
    fetchIssue: (n) => fetchIssue(clients.octokit, repo, n),
    fetchPullRequest: (n) => fetchPullRequest(clients.octokit, repo, n),
    ownLogin: () => authenticatedLogin(clients.octokit),
    listComments: (n) => listThreadComments(clients.octokit, repo, n),
  };
}
