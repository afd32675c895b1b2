// The relay continues its own pull request: a round on the pull request's branch with a task (review comments, a
// /relay request, CI logs), on top of the branch's head, pushed as a fast-forward.
import type { PipelineDeps, PipelineRequest, PullReviewComment, RunTarget } from '../../kernel/definition.js';
import type { RelayPipelineConfig } from './config.js';
import { INSTALLATION_LOGIN, notTheRelays, openReviewComments, relayIssueOf, renderFollowUpTask } from './follow-up.js';
import type { RelayOutcome } from './model.js';
import { runRelayPipeline } from './pipeline.js';
import type { RelayStatusEntry } from './status.js';
import { followUpPublisherFor, gitWorkspace } from './workspace.js';

/** What a follow-up round works on and why. */
export interface RelayContinuation {
  /** The relay's pull request as the API gives it now (kind 'pull-request', with its head and author). */
  pullRequest: RunTarget;
  /** The pull request's head branch (a relay branch, ai-orchestra/issue-<n>). */
  branch: string;
  /** What to address: untrusted text, sanitized and fenced in every stage's prompt like issue text. */
  task: string;
  /** Why this round runs, one line we write (no mention), e.g. "changes requested by alice in review 12". */
  reason: string;
  /** Who asked; the kernel checked their permission before the pipeline ran. */
  requestedBy: string;
  /** Review comments to answer when the round ends: the commit that addressed them, or why not. */
  replyTo?: PullReviewComment[];
}

/**
 * continueRelay: the entry for "run the relay again on its own branch with this task" (review rounds, /relay, CI fix
 * rounds). It refuses a pull request the relay did not open (relay branch of this repository, opened by our login);
 * otherwise implement gets `task` fenced as data, then test and review as configured, and a passing round is committed
 * on top of the branch's head (the checkout must be that head), scanned for secrets and pushed as a fast-forward; the
 * pull request's description gains a line, the status and result comments go on the pull request, and each
 * `replyTo` comment gets a reply. Needs a token (GitHub reads); in a dry run nothing is pushed or posted.
 */
export async function continueRelay(
  continuation: RelayContinuation,
  request: PipelineRequest<RelayPipelineConfig, unknown>,
  deps: PipelineDeps<RelayStatusEntry>,
): Promise<RelayOutcome> {
  const pull = continuation.pullRequest;
  const reads = deps.github ?? deps.githubReads;
  const ownLogin = reads?.ownLogin ? await reads.ownLogin() : INSTALLATION_LOGIN;
  const problem = !reads
    ? 'continuing a pull request needs a token to read it'
    : (notTheRelays(pull, `${reads.repository.owner}/${reads.repository.repo}`, ownLogin) ??
      (pull.pullRequest?.headRef === continuation.branch
        ? undefined
        : `\`${continuation.branch}\` is not the head branch of pull request #${pull.number}`));
  if (problem) return refuse(problem, deps);
  const issueNumber = relayIssueOf(continuation.branch)!;
  // The issue the relay was made for, as it reads now; the pull request's own text when it cannot be read.
  const issue = (await reads?.getIssue?.(issueNumber).catch(() => undefined)) ?? {
    kind: 'issue' as const,
    repository: pull.repository,
    number: issueNumber,
    title: pull.title,
    body: pull.body,
  };
  const { workspace, repo } = gitWorkspace(deps);
  return runRelayPipeline(
    {
      issue,
      pipeline: request.config,
      processedLabel: request.settings.processedLabel,
      repoUrl: request.run.repoUrl,
      defaultBranch: request.run.defaultBranch,
      runUrl: request.run.url,
      followUp: {
        pullNumber: pull.number,
        pullUrl: pull.url,
        pullBody: pull.body,
        branch: continuation.branch,
        headSha: pull.pullRequest!.headSha,
        reason: continuation.reason,
        task: continuation.task,
        requestedBy: continuation.requestedBy,
        replyTo: continuation.replyTo ?? [],
      },
    },
    {
      runner: deps.runner,
      reporter: deps.sink,
      status: deps.status,
      workspace,
      followUpPublisher: followUpPublisherFor(pull.number, deps, repo),
      signal: deps.signal,
      now: deps.clock.now,
      warn: deps.log.warning,
      redact: (text) => deps.redactor.redact(text),
    },
  );
}

/** Starts nothing: the status comment and the log say why. */
async function refuse(problem: string, deps: PipelineDeps<RelayStatusEntry>): Promise<RelayOutcome> {
  const error = `The relay continues only pull requests it opened: ${problem}.`;
  deps.log.warning(error);
  await deps.status.finish('failure', `**${error}**`);
  return { status: 'failure', runs: [], executions: [], comments: new Map(), error };
}

/** What started a round on a pull request, as the relay's triggers pass it. */
export type RelayDetail = { kind: 'review'; review: { id: number; author: string; body: string; url: string } };

/**
 * A round started on the pull request itself: a review that requested changes (its comments are the task), or
 * `/relay` in a comment (the comment's text and the review comments nobody answered yet are the task).
 */
export async function runFollowUp(
  request: PipelineRequest<RelayPipelineConfig, RelayDetail>,
  deps: PipelineDeps<RelayStatusEntry>,
): Promise<RelayOutcome> {
  const reads = deps.github ?? deps.githubReads;
  if (!reads?.listReviewComments) return refuse('continuing a pull request needs a token to read it', deps);
  // As the API has it now: its head may have moved since the event.
  const pull = await reads.getPullRequest(request.target.number);
  const ownLogin = reads.ownLogin ? await reads.ownLogin() : INSTALLATION_LOGIN;
  const { trigger, detail } = request;
  let task: string;
  let reason: string;
  let comments: PullReviewComment[];
  if (detail?.kind === 'review') {
    comments = await reads.listReviewComments(pull.number, detail.review.id);
    task = renderFollowUpTask({ review: detail.review, comments });
    reason = `changes requested by ${detail.review.author} in review ${detail.review.id}`;
  } else {
    comments = openReviewComments(await reads.listReviewComments(pull.number), ownLogin);
    const text = trigger.kind === 'command' ? trigger.argument : '';
    const author = trigger.kind === 'command' ? trigger.comment.author : request.sender.login;
    if (comments.length === 0 && text.trim() === '') {
      const note =
        'Nothing to address: the comment says nothing after the command, and every review comment by someone with write access has a reply from the relay.';
      deps.log.info(note);
      await deps.status.finish('success', `_${note}_`);
      return { status: 'success', runs: [], executions: [], comments: new Map() };
    }
    task = renderFollowUpTask({ request: { author, text }, comments });
    reason = `${author} asked for it with ${trigger.kind === 'command' ? trigger.command : 'a request'}`;
  }
  // GitHub takes replies to a thread's first comment only: a comment that answers another is answered in its thread.
  const threads = new Map<number, PullReviewComment>();
  for (const c of comments)
    if (!threads.has(c.inReplyTo ?? c.id)) threads.set(c.inReplyTo ?? c.id, { ...c, id: c.inReplyTo ?? c.id });
  return continueRelay(
    {
      pullRequest: pull,
      branch: pull.pullRequest?.headRef ?? '',
      task,
      reason,
      requestedBy: request.sender.login,
      replyTo: [...threads.values()],
    },
    request,
    deps,
  );
}
