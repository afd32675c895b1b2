// How a follow-up round's result reaches its pull request: the commit on top of its head, pushed as a fast-forward,
// a line in the description, and a reply to each review comment the round was about.

import { type CommentPoster, errorText } from '../../kernel/kit.js';
import { continuedPullRequestBody, followUpBodyEntry, renderReviewReply } from './follow-up.js';
import type { RelayOutcome } from './model.js';
import type { FollowUpInput, RelayDeps, RelayInput } from './pipeline.js';
import { renderCommitMessage } from './result.js';

/**
 * A follow-up round's delivery: the change is committed on top of the pull request's head and pushed as a
 * fast-forward (never a force-push); the pull request's description gains a line for the round.
 */
export async function deliverFollowUp(
  input: RelayInput,
  f: FollowUpInput,
  deps: RelayDeps,
  outcome: RelayOutcome,
): Promise<void> {
  const message = renderCommitMessage({
    issueNumber: input.issue.number,
    title: input.issue.title,
    repository: input.issue.repository,
    executions: outcome.executions,
    followUp: f,
  });
  const commit = await deps.workspace.commit(f.branch, message);
  outcome.status = 'success';
  if (!commit) {
    outcome.delivery = { kind: 'no-changes' };
    return;
  }
  outcome.branch = commit.branch;
  if (!deps.followUpPublisher) {
    outcome.delivery = { kind: 'dry-run', commit };
    return;
  }
  const pushed = await deps.followUpPublisher.push(commit);
  if (!pushed.ok) {
    outcome.delivery = { kind: 'push-failed', commit, denied: pushed.denied, error: pushed.error };
    outcome.status = 'failure';
    outcome.error = `Every stage passed, but the commit was not pushed to pull request #${f.pullNumber}: ${pushed.error}`;
    return;
  }
  outcome.delivery = { kind: 'pushed', commit, url: f.pullUrl, number: f.pullNumber, previousHead: f.headSha };
  outcome.prUrl = f.pullUrl;
  try {
    await deps.followUpPublisher.updateBody(
      continuedPullRequestBody(f.pullBody, followUpBodyEntry(f, commit, outcome.executions, input.runUrl)),
    );
    outcome.followUp!.bodyUpdated = true;
  } catch (error) {
    outcome.followUp!.bodyUpdated = false;
    deps.warn(`Could not update the description of pull request #${f.pullNumber}: ${errorText(error)}`);
  }
}

/** One reply per review comment the round was about: the commit that addressed it, or why nothing was pushed. */
export async function answerReviewComments(
  input: RelayInput,
  f: FollowUpInput,
  deps: RelayDeps,
  outcome: RelayOutcome,
  poster: Pick<CommentPoster, 'fail'>,
): Promise<void> {
  if (!deps.followUpPublisher || deps.signal.aborted) return;
  for (const comment of f.replyTo) {
    try {
      const { url } = await deps.followUpPublisher.reply(
        comment.id,
        renderReviewReply(outcome, comment, { repoUrl: input.repoUrl, runUrl: input.runUrl }),
      );
      outcome.followUp!.replies.push({ commentId: comment.id, url });
    } catch (error) {
      const message = errorText(error);
      outcome.followUp!.replies.push({ commentId: comment.id, error: message });
      poster.fail(`reply:${comment.id}`, `reply to review comment ${comment.id}: ${message}`);
    }
  }
}
