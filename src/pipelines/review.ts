// The ai-review pipeline: every agent answers in parallel, a reviewer ranks the anonymized answers.
import type { AgentRun, AgentRunner } from '../agents/types.js';
import type { ReviewPipelineConfig } from '../config/schema.js';
import { answerLetter, buildAnswerPrompt, buildReviewerPrompt, type AnonymousAnswer } from '../prompt/review.js';
import type { IssueText } from '../prompt/untrusted.js';
import { renderAgentComment } from '../report/agent-comment.js';
import { parseReview } from '../report/ranking.js';
import type { IssueReporter } from '../report/reporter.js';
import { renderNoAnswers, renderReviewComment, renderReviewFailure } from '../report/review-comment.js';
import { StatusBoard } from './status-board.js';

export interface PipelineDeps {
  runner: AgentRunner;
  reporter: IssueReporter;
  /** Aborted when the workflow is cancelled. */
  signal: AbortSignal;
  random: () => number;
  now: () => Date;
  warn: (message: string) => void;
}

export interface ReviewInput {
  issue: IssueText;
  pipeline: ReviewPipelineConfig;
  processedLabel: string;
  runUrl?: string;
}

export interface PipelineOutcome {
  status: 'success' | 'failure' | 'cancelled';
  runs: AgentRun[];
  /** Every comment's full text by key (comments may have been cut; these are not). */
  comments: Map<string, string>;
  /** Why the run failed, for the log and setFailed; undefined on success. */
  error?: string;
}

/** The status table's result cell: a word that links to the comment holding the answer or the full error. */
function statusNote(run: AgentRun, success: string): string {
  if (run.status === 'success') return success;
  if (run.status === 'failure') return run.exitCode !== null && run.exitCode !== 0 ? `failed (exit code ${run.exitCode})` : 'failed';
  return run.status === 'timeout' ? 'timed out' : 'cancelled';
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export async function runReviewPipeline(input: ReviewInput, deps: PipelineDeps): Promise<PipelineOutcome> {
  const { pipeline, runUrl } = input;
  const outcome: PipelineOutcome = { status: 'failure', runs: [], comments: new Map() };
  const urls = new Map<string, string>();
  const postErrors: string[] = [];
  const post = async (key: string, body: string): Promise<string | undefined> => {
    outcome.comments.set(key, body);
    try {
      return (await deps.reporter.upsertComment(key, body)).url;
    } catch (error) {
      postErrors.push(`comment ${key}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  await deps.reporter.acknowledge();
  const board = new StatusBoard(
    deps.reporter,
    {
      pipeline: 'ai-review',
      startedAt: deps.now(),
      runUrl,
      entries: [
        ...pipeline.agents.map((agent) => ({ agent, role: 'answer', state: 'pending' as const })),
        { agent: pipeline.reviewer, role: 'reviewer', state: 'pending' as const, note: 'waits for the answers' },
      ],
    },
    (error) => deps.warn(`Could not update the status comment: ${error instanceof Error ? error.message : String(error)}`),
  );
  await board.flush();

  try {
    const prompt = buildAnswerPrompt(input.issue);
    // Comments appear in the order agents finish, and are numbered that way.
    let finished = 0;
    outcome.runs = await Promise.all(
      pipeline.agents.map(async (agent) => {
        const run = await deps.runner.run({
          agent,
          prompt,
          mode: 'read-only',
          role: 'answer',
          onStart: () => board.update(agent, 'answer', { state: 'running', note: 'running' }),
        });
        // A cancelled run has nothing to say beyond its status row, and cancellation leaves little time to post.
        const url =
          run.status === 'cancelled'
            ? undefined
            : await post(`agent:${agent}`, renderAgentComment(run, { index: ++finished, total: pipeline.agents.length, runUrl }));
        if (url) urls.set(agent, url);
        board.update(agent, 'answer', { state: run.status, durationMs: run.durationMs, note: statusNote(run, 'answer'), commentUrl: url });
        return run;
      }),
    );
    if (deps.signal.aborted) {
      outcome.status = 'cancelled';
      outcome.error = 'The workflow was cancelled.';
      return outcome;
    }
    await review(input, deps, outcome, { board, urls, post });
    if (postErrors.length > 0) {
      outcome.status = 'failure';
      outcome.error = `Some comments could not be posted (their text is in the job summary and result-file): ${postErrors.join('; ')}`;
    }
    await deps.reporter.addLabel(input.processedLabel);
    return outcome;
  } catch (error) {
    outcome.status = deps.signal.aborted ? 'cancelled' : 'failure';
    outcome.error = error instanceof Error ? error.message : String(error);
    return outcome;
  } finally {
    await board.finish(outcome.status === 'cancelled' ? 'cancelled' : outcome.status, deps.now(), outcome.error && `**${outcome.error}**`);
  }
}

async function review(
  input: ReviewInput,
  deps: PipelineDeps,
  outcome: PipelineOutcome,
  ctx: { board: StatusBoard; urls: Map<string, string>; post: (key: string, body: string) => Promise<string | undefined> },
): Promise<void> {
  const { reviewer } = input.pipeline;
  const answered = outcome.runs.filter((r) => r.status === 'success');
  const failed = outcome.runs.filter((r) => r.status !== 'success');
  if (answered.length === 0) {
    await ctx.post('review', renderNoAnswers(failed, input.runUrl));
    ctx.board.update(reviewer, 'reviewer', { state: 'skipped', note: 'no answers to review' });
    outcome.error = `No agent answered: ${failed.map((r) => `${r.agent}: ${r.error ?? r.status}`).join('; ')}`;
    return;
  }
  const letters = new Map<string, AgentRun>();
  const anonymous: AnonymousAnswer[] = shuffle(answered, deps.random).map((run, i) => {
    letters.set(answerLetter(i), run);
    return { letter: answerLetter(i), text: run.answer };
  });
  const run = await deps.runner.run({
    agent: reviewer,
    prompt: buildReviewerPrompt(input.issue, anonymous),
    mode: 'read-only',
    role: 'reviewer',
    onStart: () => ctx.board.update(reviewer, 'reviewer', { state: 'running', note: 'reviewing' }),
  });
  outcome.runs.push(run);
  if (run.status !== 'success') {
    const url = await ctx.post('review', renderReviewFailure(run, answered.length, input.runUrl));
    ctx.board.update(reviewer, 'reviewer', { state: run.status, durationMs: run.durationMs, note: statusNote(run, 'review'), commentUrl: url });
    outcome.error = `The reviewer ${reviewer} failed: ${run.error ?? run.status}`;
    if (deps.signal.aborted) outcome.status = 'cancelled';
    return;
  }
  const parsed = parseReview(run.answer, [...letters.keys()]);
  const body = renderReviewComment({ review: parsed, answers: letters, reviewer: run, failed, commentUrls: ctx.urls, runUrl: input.runUrl });
  const url = await ctx.post('review', body);
  ctx.board.update(reviewer, 'reviewer', { state: 'success', durationMs: run.durationMs, note: 'review', commentUrl: url });
  outcome.status = 'success';
}
