// Opens the relay's pull request, or finds the one already open for its branch; permission errors are explained.
import { statusOf, type Octokit } from './client.js';
import { describe } from './comments.js';
import { workflowLog, type GitHubLog } from './log.js';

export interface PullRequestRequest {
  head: string;
  base: string;
  title: string;
  body: string;
}

export type { OpenPullRequestResult as OpenedPullRequest } from '../kernel/definition.js';
import type { OpenPullRequestResult as OpenedPullRequest } from '../kernel/definition.js';

/** GitHub's answer when the repository does not let workflows open pull requests (Settings → Actions → General). */
const ACTIONS_MAY_NOT_CREATE = /not permitted to create or approve pull requests/i;
const ALREADY_EXISTS = /already exists/i;

function validationMessages(error: unknown): string {
  const data = (error as { response?: { data?: { message?: string; errors?: { message?: string }[] } } }).response?.data;
  return [data?.message, ...(data?.errors ?? []).map((e) => e.message)].filter(Boolean).join('; ');
}

async function findOpen(octokit: Octokit, repo: { owner: string; repo: string }, request: PullRequestRequest): Promise<OpenedPullRequest | undefined> {
  const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${request.head}`, base: request.base, state: 'open', per_page: 1 });
  const pull = data[0];
  return pull ? { ok: true, url: pull.html_url, number: pull.number, existing: true } : undefined;
}

export async function openPullRequest(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  request: PullRequestRequest,
  log: GitHubLog = workflowLog,
): Promise<OpenedPullRequest> {
  try {
    const { data } = await octokit.rest.pulls.create({ ...repo, ...request });
    return { ok: true, url: data.html_url, number: data.number, existing: false };
  } catch (error) {
    const status = statusOf(error);
    const text = `${describe(error)} ${validationMessages(error)}`;
    // A relay re-run on the same issue force-pushed the branch: its pull request is already open and now updated.
    if (status === 422 && ALREADY_EXISTS.test(text)) {
      const found = await findOpen(octokit, repo, request).catch(() => undefined);
      if (found) return found;
    }
    if (status === 403 || status === 404) {
      const why = ACTIONS_MAY_NOT_CREATE.test(text)
        ? 'the repository does not allow GitHub Actions to create pull requests'
        : 'the token lacks pull-requests: write';
      log.warning(`Could not open the pull request for ${request.head}: ${why} (${describe(error)}).`);
      return { ok: false, denied: true, error: `${why} (${describe(error)})` };
    }
    log.warning(`Could not open the pull request for ${request.head}: ${describe(error)}.`);
    return { ok: false, denied: false, error: describe(error) };
  }
}
