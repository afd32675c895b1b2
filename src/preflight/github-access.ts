// Before any agent runs (and money is spent): the token works and GitHub answers, or the run stops with the reason.
import type { Octokit } from '../github/client.js';
import { statusOf, transportFailure } from '../github/client.js';

export class GitHubAccessError extends Error {}

/** Reads the repository once, without retries; a network failure names the host instead of an HTTP status. */
export async function checkGitHubAccess(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  apiUrl: string,
): Promise<void> {
  const host = new URL(apiUrl).host;
  try {
    await octokit.rest.repos.get({ ...repo, request: { retries: 0 } });
  } catch (error) {
    const transport = transportFailure(error);
    if (transport)
      throw new GitHubAccessError(
        `cannot reach ${host}: ${transport}. Nothing was run; check the network, or add --dry-run.`,
      );
    const status = statusOf(error);
    const repoName = `${repo.owner}/${repo.repo}`;
    if (status === 401)
      throw new GitHubAccessError(`GitHub (${host}) rejected the token (401 Bad credentials). Nothing was run.`);
    if (status === 404 || status === 403)
      throw new GitHubAccessError(
        `the token cannot read ${repoName} on ${host} (${status}). Nothing was run; check --repo or the payload's repository.`,
      );
    throw new GitHubAccessError(`GitHub (${host}) answered ${status} to reading ${repoName}. Nothing was run.`);
  }
}
