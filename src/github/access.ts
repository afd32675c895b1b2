// The GitHub calls a pipeline may make (GitHubAccess), over the run's one client: pull requests, reviews, comments.
import type { GitHubAccess, PullRequestFile, ThreadComment } from '../kernel/definition.js';
import { parseMarker } from '../report/comment-body.js';
import type { Redactor } from '../security/redact.js';
import { sanitizeOutput } from '../security/sanitize-output.js';
import { jobLogLines, listCheckRuns, listWorkflowJobs } from './actions.js';
import type { Octokit } from './client.js';
import { listIssueComments } from './comments.js';
import { identityOf } from './identity.js';
import { fetchIssue, fetchPullRequest } from './issues.js';
import { type GitHubLog, workflowLog } from './log.js';
import { permissionLevel } from './permissions.js';
import {
  compareFiles,
  fileTextAt,
  listPullReviews,
  listReviewComments,
  openPullRequest,
  replyToReviewComment,
  updatePullRequest,
} from './pulls.js';

/** The login a token writes as, learned once per client and shared with the comment store (github/identity.ts). */
export function authenticatedLogin(octokit: Octokit): Promise<string> {
  return identityOf(octokit).login();
}

export function gitHubAccess(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  auth: { serverUrl: string; token: string },
  redactor: Redactor,
  log: GitHubLog = workflowLog,
): GitHubAccess {
  // One look-up per login per run (this access is built once per run).
  const permissions = new Map<string, Promise<string | undefined>>();
  const own = (): Promise<string> => authenticatedLogin(octokit);
  return {
    repository: repo,
    serverUrl: auth.serverUrl,
    gitAuth: auth,
    getPullRequest: (number) => fetchPullRequest(octokit, repo, number),
    async listPullRequestFiles(number) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        ...repo,
        pull_number: number,
        per_page: 100,
      });
      return files.map(
        (f): PullRequestFile => ({
          filename: f.filename,
          status: f.status,
          additions: f.additions,
          deletions: f.deletions,
          ...(f.patch !== undefined ? { patch: f.patch } : {}),
          ...(f.previous_filename !== undefined ? { previousFilename: f.previous_filename } : {}),
        }),
      );
    },
    async createReview(number, review) {
      const { data } = await octokit.rest.pulls.createReview({
        ...repo,
        pull_number: number,
        commit_id: review.commitId,
        event: review.event,
        body: sanitizeOutput(review.body, redactor),
        comments: review.comments?.map((c) => ({
          path: c.path,
          line: c.line,
          side: c.side ?? 'RIGHT',
          ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: c.side ?? 'RIGHT' } : {}),
          body: sanitizeOutput(c.body, redactor),
        })),
      });
      return { id: data.id, url: data.html_url };
    },
    openPullRequest: (request) =>
      openPullRequest(
        octokit,
        repo,
        {
          ...request,
          title: redactor.redact(request.title),
          body: redactor.redact(request.body),
        },
        log,
      ),
    compareCommits: (base, head) => compareFiles(octokit, repo, base, head),
    getFileText: (path, ref) => fileTextAt(octokit, repo, path, ref),
    permissionOf(login) {
      let known = permissions.get(login);
      if (!known) {
        known = permissionLevel(octokit, repo, login).catch((error: unknown) => {
          log.warning(
            `Could not check ${login}'s permission (${error instanceof Error ? error.message : String(error)}); treating them as without write access.`,
          );
          return undefined;
        });
        permissions.set(login, known);
      }
      return known;
    },
    listReviews: (number) => listPullReviews(octokit, repo, number, identityOf(octokit)),
    ownLogin: own,
    getIssue: (number) => fetchIssue(octokit, repo, number),
    listReviewComments: (number, reviewId) => listReviewComments(octokit, repo, number, reviewId),
    replyToReviewComment: (number, commentId, body) =>
      replyToReviewComment(octokit, repo, number, commentId, sanitizeOutput(body, redactor)),
    updatePullRequest: (number, change) =>
      updatePullRequest(octokit, repo, number, {
        ...(change.title !== undefined ? { title: sanitizeOutput(change.title, redactor) } : {}),
        ...(change.body !== undefined ? { body: sanitizeOutput(change.body, redactor) } : {}),
      }),
    listWorkflowJobs: (runId) => listWorkflowJobs(octokit, repo, runId),
    jobLogLines: (jobId) => jobLogLines(octokit, repo, jobId),
    listCheckRuns: (checkSuiteId) => listCheckRuns(octokit, repo, checkSuiteId),
    listComments: (number) => listThreadComments(octokit, repo, number, own()),
  };
}

/** A conversation's comments, oldest first, each marked `ours` as the run lock decides (github/comments.ts). */
export async function listThreadComments(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  number: number,
  login: Promise<string> = authenticatedLogin(octokit),
): Promise<ThreadComment[]> {
  // Our marker, written by the login we post as, learned once per client and shared with the comment store.
  const [comments, ownLogin] = await Promise.all([listIssueComments(octokit, { ...repo, number }), login]);
  return comments.map((c) => {
    const marker = c.user?.login === ownLogin ? parseMarker(c.body) : undefined;
    return {
      id: c.id,
      author: c.user?.login ?? '',
      body: c.body ?? '',
      createdAt: c.updated_at ?? '',
      url: c.html_url,
      authorAssociation: c.author_association,
      ours: marker !== undefined,
      ...(marker
        ? {
            marker: {
              pipeline: marker.pipeline,
              key: marker.key,
              ...(marker.session ? { session: marker.session } : {}),
            },
          }
        : {}),
    };
  });
}
