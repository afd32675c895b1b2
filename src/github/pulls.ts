// Opens the relay's pull request, or finds the one already open for its branch; permission errors are explained.

import type { PullRequestFile, PullReviewComment } from '../kernel/definition.js';
import { type Octokit, statusOf } from './client.js';
import { describe } from './comments.js';
import type { OwnIdentity } from './identity.js';
import { type GitHubLog, workflowLog } from './log.js';

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
  const data = (error as { response?: { data?: { message?: string; errors?: { message?: string }[] } } }).response
    ?.data;
  return [data?.message, ...(data?.errors ?? []).map((e) => e.message)].filter(Boolean).join('; ');
}

async function findOpen(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  request: PullRequestRequest,
): Promise<OpenedPullRequest | undefined> {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${request.head}`,
    base: request.base,
    state: 'open',
    per_page: 1,
  });
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

// ------------------------------------------------------------------ reading a pull request as data

/** Texts over this are not read (GitHub's contents API gives no content over 1 MB either). */
const MAX_TEXT_BYTES = 1_000_000;

function changedFile(f: {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  patch?: string;
  previous_filename?: string;
}): PullRequestFile {
  return {
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
  };
}

/** Files changed from `base` to `head`; undefined unless `head` simply descends from `base`, or when `base` is gone. */
export async function compareFiles(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  base: string,
  head: string,
): Promise<PullRequestFile[] | undefined> {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` });
    return data.status === 'ahead' ? (data.files ?? []).map(changedFile) : undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** A file's text at a commit, read as data; undefined when missing, a directory, binary or over 1 MB. */
export async function fileTextAt(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data) || data.size > MAX_TEXT_BYTES)
      return undefined;
    const bytes = Buffer.from(data.content, 'base64');
    return bytes.includes(0) ? undefined : bytes.toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * The reviews of a pull request, oldest first. `byUs`: written by the login the token posts as (github/identity.ts);
 * anyone else, another workflow's github-actions[bot] or a review app included, can paste a hidden marker into a review.
 */
export async function listPullReviews(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
  identity: OwnIdentity,
): Promise<{ id: number; body: string; byUs: boolean; commitId?: string }[]> {
  const [own, reviews] = await Promise.all([
    identity.login(),
    octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 }),
  ]);
  return reviews.map((r) => ({
    id: r.id,
    body: r.body ?? '',
    byUs: r.user?.login === own,
    ...(r.commit_id ? { commitId: r.commit_id } : {}),
  }));
}

// ------------------------------------------------------------------ review comments and the pull request's text

/** Review comments of a pull request (of one review when `reviewId` is given), oldest first. */
export async function listReviewComments(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
  reviewId?: number,
): Promise<PullReviewComment[]> {
  const raw =
    reviewId === undefined
      ? await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: number, per_page: 100 })
      : await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
          ...repo,
          pull_number: number,
          review_id: reviewId,
          per_page: 100,
        });
  return raw.map((c) => {
    const full = c as typeof c & {
      line?: number | null;
      start_line?: number | null;
      side?: string;
      author_association?: string;
      in_reply_to_id?: number;
    };
    return {
      id: c.id,
      ...(c.pull_request_review_id ? { reviewId: c.pull_request_review_id } : {}),
      ...(full.in_reply_to_id ? { inReplyTo: full.in_reply_to_id } : {}),
      author: c.user?.login ?? '',
      body: c.body ?? '',
      path: c.path,
      ...(typeof full.line === 'number' ? { line: full.line } : {}),
      ...(typeof full.start_line === 'number' ? { startLine: full.start_line } : {}),
      ...(full.side === 'LEFT' || full.side === 'RIGHT' ? { side: full.side } : {}),
      url: c.html_url,
      ...(full.author_association ? { authorAssociation: full.author_association } : {}),
    };
  });
}

export async function replyToReviewComment(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
  commentId: number,
  body: string,
): Promise<{ id: number; url: string }> {
  const { data } = await octokit.rest.pulls.createReplyForReviewComment({
    ...repo,
    pull_number: number,
    comment_id: commentId,
    body,
  });
  return { id: data.id, url: data.html_url };
}

export async function updatePullRequest(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
  change: { title?: string; body?: string },
): Promise<{ url: string }> {
  const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: number, ...change });
  return { url: data.html_url };
}
