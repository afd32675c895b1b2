// A round on the relay's own pull request, in pure functions: which pull requests are the relay's, the task a review
// (or a /relay comment) makes, the replies to review comments, and the line the pull request's description gains.
import type { PullReviewComment, RunTarget } from '../../kernel/definition.js';
import type { CommitInfo, RelayOutcome, StageExecution } from './model.js';
import { verdictText } from './stage-comment.js';

/** Who writes when the token cannot say (an installation token may not ask GET /user). */
export const INSTALLATION_LOGIN = 'github-actions[bot]';

/** The relay names its branches `ai-orchestra/issue-<n>` (relayBranch in result.ts). */
const RELAY_BRANCH = /^ai-orchestra\/issue-([1-9]\d{0,9})$/;

/** The issue a relay branch was made for; undefined for any other branch. */
export function relayIssueOf(branch: string): number | undefined {
  const match = RELAY_BRANCH.exec(branch);
  return match ? Number(match[1]) : undefined;
}

/**
 * Why `pull` is not a pull request the relay opened, or undefined when it is: its head is a relay branch of this
 * repository (not a fork's) and it was opened by the identity the run writes as. Nothing here is text an outsider
 * can write: branch names of the repository need write access, and the author is GitHub's record of who opened it.
 */
export function notTheRelays(pull: RunTarget, repository: string, ownLogin: string): string | undefined {
  const ref = pull.pullRequest;
  if (!ref) return `#${pull.number} is not a pull request`;
  if (relayIssueOf(ref.headRef) === undefined)
    return `pull request #${pull.number}'s branch \`${ref.headRef}\` is not a relay branch (ai-orchestra/issue-<n>)`;
  if (ref.headRepository.toLowerCase() !== repository.toLowerCase())
    return `pull request #${pull.number} comes from another repository (${ref.headRepository}), not from the relay`;
  if (!ref.author) return `who opened pull request #${pull.number} is unknown`;
  if (ref.author.login.toLowerCase() !== ownLogin.toLowerCase())
    return `pull request #${pull.number} was opened by ${ref.author.login}, not by ${ownLogin} (the identity the relay opens pull requests as)`;
  return undefined;
}

/** Author associations GitHub gives people with write access to the repository. */
const WRITE_ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR'];

/**
 * The review comments a `/relay` on the pull request asks to address: top-level comments (not replies) by people with
 * write access that have no reply by us yet, oldest first.
 */
export function openReviewComments(comments: readonly PullReviewComment[], ownLogin: string): PullReviewComment[] {
  const answered = new Set(
    comments
      .filter((c) => c.inReplyTo !== undefined && c.author.toLowerCase() === ownLogin.toLowerCase())
      .map((c) => c.inReplyTo),
  );
  return comments.filter(
    (c) => c.inReplyTo === undefined && !answered.has(c.id) && WRITE_ASSOCIATIONS.includes(c.authorAssociation ?? ''),
  );
}

function where(c: PullReviewComment): string {
  if (c.line === undefined) return `on \`${c.path}\``;
  return c.startLine !== undefined && c.startLine !== c.line
    ? `on \`${c.path}\` lines ${c.startLine}-${c.line}`
    : `on \`${c.path}\` line ${c.line}`;
}

export interface FollowUpTaskInput {
  /** The review that requested changes (its body may be empty). */
  review?: { id: number; author: string; body: string };
  /** The `/relay` comment's text after the command. */
  request?: { author: string; text: string };
  /** The review comments to address, in order. */
  comments: readonly PullReviewComment[];
}

/** What the implement stage is asked to address, as one text (untrusted: the prompt sanitizes and fences it). */
export function renderFollowUpTask(input: FollowUpTaskInput): string {
  const parts: string[] = [];
  if (input.review)
    parts.push(
      `Review ${input.review.id} by ${input.review.author} (changes requested):`,
      input.review.body.trim() || '(no summary)',
      '',
    );
  if (input.request)
    parts.push(
      `Request by ${input.request.author}:`,
      input.request.text.trim() || '(no text: address the review comments below)',
      '',
    );
  input.comments.forEach((c, i) => {
    parts.push(
      `Comment ${i + 1} of ${input.comments.length} (id ${c.id}) by ${c.author} ${where(c)}:`,
      c.body.trim() || '(empty)',
      '',
    );
  });
  if (input.comments.length === 0) parts.push('(no review comments on lines)');
  return parts.join('\n').trimEnd();
}

/** Why a round pushed nothing, in one sentence. */
function whyNothing(outcome: RelayOutcome): string {
  const d = outcome.delivery;
  if (outcome.status === 'cancelled') return 'the workflow was cancelled';
  if (outcome.failure) {
    const f = outcome.failure;
    return `the relay stopped at ${f.stage} (round ${f.round}) with verdict ${f.verdict}: ${f.reason}`;
  }
  if (d?.kind === 'no-changes') return 'every stage passed, but the implement stage changed no file';
  if (d?.kind === 'push-failed') return `the push failed: ${d.error}`;
  return outcome.error ?? 'the relay did not finish';
}

/** The reply to one review comment: the commit that addressed it (and whether it touches the comment's file), or why not. */
export function renderReviewReply(
  outcome: RelayOutcome,
  comment: PullReviewComment,
  context: { repoUrl: string; runUrl?: string },
): string {
  const d = outcome.delivery;
  const footer = `<sub>AI Orchestra · relay-pipeline${context.runUrl ? ` · [workflow run](${context.runUrl})` : ''}</sub>`;
  if (d?.kind !== 'pushed')
    return [
      `Not addressed: ${whyNothing(outcome)}. Nothing was pushed for this comment; the relay's status comment on this pull request has the details.`,
      '',
      footer,
    ].join('\n');
  const sha = d.commit.sha;
  const link = `[\`${sha.slice(0, 12)}\`](${context.repoUrl}/commit/${sha})`;
  const paths = d.commit.paths ?? [];
  const touched = paths.includes(comment.path)
    ? `it changes \`${comment.path}\``
    : `it does not change \`${comment.path}\` (it changes ${paths.map((p) => `\`${p}\``).join(', ') || 'other files'}); the implement report says why`;
  return [`Addressed in ${link}, after every stage of the relay passed: ${touched}.`, '', footer].join('\n');
}

const SECTION = '<!-- ai-orchestra:follow-ups -->';

/** The pull request's description with one more line under "Follow-up rounds" (the section is added the first time). */
export function continuedPullRequestBody(body: string, entry: string): string {
  const text = body.trimEnd();
  return text.includes(SECTION)
    ? `${text}\n${entry}`
    : `${text}${text ? '\n\n' : ''}${SECTION}\n### Follow-up rounds\n\n${entry}`;
}

/** One line of "Follow-up rounds": why, the commit, each stage's verdict. */
export function followUpBodyEntry(
  f: { reason: string },
  commit: CommitInfo,
  executions: readonly StageExecution[],
  runUrl?: string,
): string {
  const latest = new Map<string, StageExecution>();
  for (const e of executions) latest.set(e.stage, e);
  const stages = [...latest.values()].map((e) => `${e.stage} ${e.passed ? '✅' : '❌'} ${verdictText(e)}`).join(', ');
  const run = runUrl ? ` · [workflow run](${runUrl})` : '';
  return `- ${f.reason}: \`${commit.sha.slice(0, 12)}\` (${commit.summary}) · ${stages}${run}`;
}
