// The pipeline's ports over what the kernel gives it: the pull request read through GitHub's API, and where the
// one review goes (GitHub, or in a dry run the local comment sink).
import { statusOf } from '../../github/client.js';
import type { CommentSink, GitHubAccess, GitHubReads, PullRequestFile, RunTarget } from '../../kernel/definition.js';
import type { ChangedFile, FileStatus, PullRequestData, PullRequestSource } from './pull-request.js';
import { type EarlierReview, InlineRefused, type ReviewSink } from './run.js';

const toChanged = (f: PullRequestFile): ChangedFile => ({
  path: f.filename,
  status: f.status as FileStatus,
  ...(f.patch !== undefined ? { patch: f.patch } : {}),
  ...(f.previousFilename ? { previousPath: f.previousFilename } : {}),
});

const earlier = (r: { body: string; commitId?: string }): EarlierReview => ({
  body: r.body,
  ...(r.commitId ? { commitId: r.commitId } : {}),
});

function need<T>(method: T | undefined, name: string): T {
  if (!method) throw new Error(`The kernel's GitHub access lacks ${name}, which reviewing a pull request needs.`);
  return method;
}

/** The pull request as data: its text from the event, its head, base and files through the API. */
export function pullSource(github: GitHubReads, target: RunTarget): PullRequestSource {
  return {
    async pull(): Promise<PullRequestData> {
      // The event's text and commits; a comment's event carries no commits, so the API fills them in.
      const ref = target.pullRequest ?? (await github.getPullRequest(target.number)).pullRequest;
      if (!ref) throw new Error(`#${target.number} is not a pull request.`);
      const files = await github.listPullRequestFiles(target.number);
      return {
        repository: target.repository,
        number: target.number,
        title: target.title,
        body: target.body,
        url: target.url,
        baseRef: ref.baseRef,
        baseSha: ref.baseSha,
        headSha: ref.headSha,
        files: files.map(toChanged),
      };
    },
    compare: async (base, head) =>
      (await need(github.compareCommits, 'compareCommits').call(github, base, head))?.map(toChanged),
    contents: async (path, ref) => need(github.getFileText, 'getFileText').call(github, path, ref),
  };
}

/** Reviews go to GitHub; GitHub's 422 for inline comments becomes InlineRefused, so the run can post without them. */
export function githubReviewSink(github: GitHubAccess, number: number): ReviewSink {
  return {
    earlierReviews: async () =>
      (await need(github.listReviews, 'listReviews').call(github, number)).filter((r) => r.byUs).map(earlier),
    async post(review) {
      try {
        const posted = await github.createReview(number, { ...review, comments: review.comments });
        return { url: posted.url };
      } catch (error) {
        if (statusOf(error) === 422 && review.comments.length > 0)
          throw new InlineRefused(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
  };
}

/** A dry run: the review is written where comments go (the run folder), inline comments listed under it. */
export function localReviewSink(sink: CommentSink, reads: GitHubReads | undefined, number: number): ReviewSink {
  return {
    earlierReviews: async () =>
      reads?.listReviews ? (await reads.listReviews(number)).filter((r) => r.byUs).map(earlier) : [],
    async post(review) {
      const inline = review.comments.map(
        (c) => `#### \`${c.path}:${c.startLine ? `${c.startLine}-` : ''}${c.line}\`\n\n${c.body}`,
      );
      const body = [
        review.body,
        '',
        `**Dry run:** this would be posted as a \`${review.event}\` review of commit \`${review.commitId}\`.`,
        ...(inline.length ? ['', '### Inline comments', '', ...inline] : []),
      ].join('\n');
      const { url } = await sink.upsertComment('review', body);
      return { url };
    },
  };
}
