// The pull request through GitHub's REST API, as data only: its files, the compare of two heads, texts at a ref,
// our earlier reviews, and the one review this run posts.
import { statusOf, type Octokit } from '../../github/client.js';
import type { Redactor } from '../../security/redact.js';
import type { ChangedFile, FileStatus, PullRequestData, PullRequestSource } from './pull-request.js';
import { InlineRefused, type PostedReview, type ReviewSink } from './run.js';

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
}

/** GitHub lists at most 3000 files of a pull request. */
const MAX_FILES = 3_000;
/** Texts over this are not shown to the agents in full (and GitHub's contents API stops at 1 MB). */
const MAX_TEXT_BYTES = 1_000_000;

interface ApiFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

const toChanged = (f: ApiFile): ChangedFile => ({
  path: f.filename,
  status: f.status as FileStatus,
  ...(f.patch !== undefined ? { patch: f.patch } : {}),
  ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
});

export function githubPullSource(octokit: Octokit, ref: PullRef): PullRequestSource {
  const repo = { owner: ref.owner, repo: ref.repo };
  return {
    async pull(): Promise<PullRequestData> {
      const [{ data }, files] = await Promise.all([
        octokit.rest.pulls.get({ ...repo, pull_number: ref.number }),
        octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: ref.number, per_page: 100 }, (response, done) => {
          if (response.data.length < 100) done();
          return response.data;
        }),
      ]);
      return {
        repository: `${ref.owner}/${ref.repo}`,
        number: ref.number,
        title: data.title,
        body: data.body ?? '',
        url: data.html_url,
        baseRef: data.base.ref,
        baseSha: data.base.sha,
        headSha: data.head.sha,
        files: (files as ApiFile[]).slice(0, MAX_FILES).map(toChanged),
      };
    },
    async compare(base, head) {
      try {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` });
        // Only a plain fast-forward means "the commits since the last review".
        if (data.status !== 'ahead') return undefined;
        return (data.files ?? []).map((f) => toChanged(f as ApiFile));
      } catch (error) {
        // The old head is gone (force push and garbage collection).
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async contents(path, sha) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref: sha });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data) || data.size > MAX_TEXT_BYTES) return undefined;
        const bytes = Buffer.from(data.content, 'base64');
        // A NUL byte: not text.
        return bytes.includes(0) ? undefined : bytes.toString('utf8');
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
  };
}

function validationErrors(error: unknown): string {
  const data = (error as { response?: { data?: { message?: string; errors?: unknown[] } } }).response?.data;
  const errors = (data?.errors ?? []).map((e) => (typeof e === 'string' ? e : ((e as { message?: string }).message ?? JSON.stringify(e))));
  return [data?.message, ...errors].filter(Boolean).join('; ');
}

export function githubReviewSink(octokit: Octokit, ref: PullRef, redactor: Redactor): ReviewSink {
  const repo = { owner: ref.owner, repo: ref.repo };
  return {
    async earlierReviews() {
      // Anyone can paste our hidden state into a review of theirs: only a bot's (ours is) or our own user's count.
      const own = await octokit.rest.users
        .getAuthenticated()
        .then(({ data }) => data.login)
        .catch(() => undefined);
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: ref.number, per_page: 100 });
      return reviews.filter((r) => r.user?.type === 'Bot' || (own !== undefined && r.user?.login === own)).map((r) => r.body ?? '');
    },
    async post(review): Promise<PostedReview> {
      try {
        const { data } = await octokit.rest.pulls.createReview({
          ...repo,
          pull_number: ref.number,
          commit_id: review.commitId,
          // Never APPROVE: the type allows only what the pipeline may ask for.
          event: review.event,
          body: redactor.redact(review.body),
          comments: review.comments.map((c) => ({ ...c, body: redactor.redact(c.body) })),
        });
        return { url: data.html_url };
      } catch (error) {
        if (statusOf(error) === 422 && review.comments.length > 0) throw new InlineRefused(validationErrors(error) || 'validation failed');
        throw error;
      }
    },
  };
}
