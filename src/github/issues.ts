// Reads an issue through the API, for triggers whose payload does not carry the issue (workflow_dispatch).
import type { IssueTarget } from '../event.js';
import { describe } from './comments.js';
import type { Octokit } from './client.js';

export async function fetchIssue(octokit: Octokit, repo: { owner: string; repo: string }, number: number): Promise<IssueTarget> {
  let data;
  try {
    ({ data } = await octokit.rest.issues.get({ ...repo, issue_number: number }));
  } catch (error) {
    throw new Error(`Could not read issue #${number} of ${repo.owner}/${repo.repo}: ${describe(error)}`);
  }
  if (data.pull_request) throw new Error(`#${number} is a pull request, not an issue.`);
  return { repository: `${repo.owner}/${repo.repo}`, number, title: data.title, body: data.body ?? '', url: data.html_url };
}
