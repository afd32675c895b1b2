// ai-review's matrix unit: a single agent answers, reports its row of the shared status, posts its answer.
import type { CommentMode } from '../../config/schema.js';
import { postErrorOf, statusNote } from '../../kernel/kit.js';
import { rowWriter, type UnitDeps, type UnitOutcome } from '../../kernel/matrix/shared-status.js';
import { buildAnswerPrompt } from '../../prompt/review.js';
import type { IssueText } from '../../prompt/untrusted.js';
import { renderAgentComment } from '../../report/agent-comment.js';

/**
 * ai-review, one agent: answers, and posts its comment as run mode does (same key, so re-runs update it). The comment
 * says "answer <position> of <total>" by the config's order; finalize renumbers them in the order they finished.
 */
export async function runReviewUnit(
  input: { issue: IssueText; agents: string[]; agent: string; runUrl?: string; commentMode?: CommentMode },
  deps: UnitDeps,
): Promise<UnitOutcome> {
  const rows = rowWriter(deps);
  const run = await deps.runner.run({
    agent: input.agent,
    prompt: buildAnswerPrompt(input.issue),
    mode: 'read-only',
    role: 'answer',
    onStart: () => rows.write({ agent: input.agent, role: 'answer', state: 'running', note: 'running' }),
  });
  const outcome: UnitOutcome = { run };
  // Combined answers share comments that only finalize, which sees every answer, can write; a cancelled run has none.
  if (input.commentMode !== 'combined' && run.status !== 'cancelled') {
    const index = input.agents.indexOf(input.agent) + 1;
    try {
      outcome.commentUrl = (
        await deps.reporter.upsertComment(
          `agent:${run.agent}`,
          renderAgentComment(run, { index, total: input.agents.length, runUrl: input.runUrl }),
        )
      ).url;
    } catch (error) {
      outcome.postError = postErrorOf(`agent:${run.agent}`, error);
    }
  }
  rows.write({
    agent: input.agent,
    role: 'answer',
    state: run.status,
    durationMs: run.durationMs,
    note: statusNote(run, 'answer'),
    commentUrl: outcome.commentUrl,
  });
  await rows.done();
  return outcome;
}
