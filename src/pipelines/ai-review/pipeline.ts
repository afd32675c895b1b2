// The ai-review pipeline: every agent answers in parallel, a reviewer ranks the anonymized answers.
import { slotOf } from '../../agents/fallback.js';
import { notStarted } from '../../agents/runner.js';
import type { AgentRun, AgentRunner } from '../../agents/types.js';
import type { CommentMode } from '../../config/schema.js';
import { type Candidate, type Judgement, type JudgeRun, judgeAnswers, vendorOf } from '../../judging/judge-answers.js';
import type { CollectedRuns, LiveStatus, PipelineOutcome, WritePacing } from '../../kernel/definition.js';
import {
  anonymize,
  commentPoster,
  markCancelled,
  settleOutcome,
  shuffle,
  startOutcome,
  statusNote,
} from '../../kernel/kit.js';
import { type AgentRow, type AgentTable, agentTable } from '../../kernel/status-views.js';
import { buildAnswerPrompt } from '../../prompt/review.js';
import type { IssueText } from '../../prompt/untrusted.js';
import { renderAgentComment } from '../../report/agent-comment.js';
import { sumRunUsage } from '../../report/usage.js';
import type { IssueReporter } from '../../sinks/sink.js';
import { CombinedAnswers } from './combined-answers.js';
import { type ReviewPipelineConfig, reviewJudges } from './config.js';

export { reviewStatusEntries } from './config.js';

import { fairRanking, renderNoAnswers, renderReviewComment, renderReviewFailure } from './review-comment.js';

export interface PipelineDeps {
  runner: AgentRunner;
  reporter: IssueReporter;
  /** The kernel's live status comment (the agent table). */
  status: LiveStatus<AgentRow>;
  /** Aborted when the workflow is cancelled. */
  signal: AbortSignal;
  random: () => number;
  warn: (message: string) => void;
  /** For a sink that spaces its writes (GitHub); absent: every change is written at once. */
  pacing?: WritePacing;
}

export interface ReviewInput {
  issue: IssueText;
  pipeline: ReviewPipelineConfig;
  processedLabel: string;
  runUrl?: string;
  /** One comment per answer (the default), or the answers as sections of as few comments as fit. */
  commentMode?: CommentMode;
  /** Matrix finalize: the answers the units gave, in the config's order, instead of running the agents here. */
  collected?: CollectedAnswers;
}

/** Matrix finalize: the units' runs, and status notes for units without a result, by unit. */
export type CollectedAnswers = CollectedRuns;

/** What an ai-review run ends with: the common outcome and the judges' ranking for the run record. */
export interface ReviewOutcome extends PipelineOutcome {
  /** The judges' aggregate ranking by agent name, for the run record (the leaderboard is fit to these). */
  review?: ReviewRanking;
}
export type { PipelineOutcome };

export interface ReviewRanking {
  reviewer: string;
  /** Agents best first. */
  ranking: string[];
  /** Agents that answered but were not ranked. */
  unranked: string[];
  /** high: every judge's ranking (each judge ranks twice, in two orders) agreed on every pair; low: some pair was disputed. */
  confidence?: 'high' | 'medium' | 'low';
}

/** The aggregate ranking by agent, best first; answers no ranking placed are unranked. */
function reviewRecord(judgement: Judgement, letters: Map<string, AgentRun>): ReviewRanking {
  const agentOf = (letter: string): string => letters.get(letter)?.agent ?? letter;
  const rows = [...judgement.aggregate.rows].sort((a, b) => a.rank - b.rank);
  return {
    reviewer: judgement.runs.map((j) => j.run.agent).join(', '),
    ranking: rows.filter((r) => r.seenBy > 0).map((r) => agentOf(r.letter)),
    unranked: rows.filter((r) => r.seenBy === 0).map((r) => agentOf(r.letter)),
    confidence: judgement.aggregate.disputed.length === 0 ? 'high' : 'low',
  };
}

export { shuffle, statusNote };

/** The status note of a slot's run: a fallback says whom it answered for. */
function slotNote(run: AgentRun, note: string): string {
  return run.inPlaceOf ? `${note} by ${run.agent} in place of ${run.inPlaceOf.agent}` : note;
}

export async function runReviewPipeline(input: ReviewInput, deps: PipelineDeps): Promise<ReviewOutcome> {
  const outcome: ReviewOutcome = startOutcome();
  const urls = new Map<string, string>();
  // By comment key: a combined answers comment is written several times, and only its latest write counts.
  const { post, send, failure } = commentPoster(deps.reporter, outcome.comments);

  // The 👀 only says that the run started: the agents need not wait for it (GitHub spaces writes 1 s apart).
  // Matrix finalize: the plan job reacted already.
  const acknowledged = input.collected ? Promise.resolve() : deps.reporter.acknowledge().catch(() => undefined);
  const board = agentTable(deps.status);

  return settleOutcome(outcome, deps, acknowledged, async () => {
    const prompt = buildAnswerPrompt(input.issue);
    const publisher = answerPublisher(input, outcome, { board, urls, post, send }, deps.pacing?.gatherMs);
    outcome.runs = input.collected
      ? publishCollected(input.collected, publisher)
      : await runAnswers(input, deps, board, prompt, publisher);
    // No waiting for answer comments still queued behind GitHub's spacing (3 s apart): the status must say
    // "cancelled" before the runner's SIGTERM; the answers are in result-file and the job summary.
    if (deps.signal.aborted) return markCancelled(outcome);
    // The reviewer starts as soon as the answers are in; posting them (3 s apart on GitHub) goes on meanwhile.
    await review(input, deps, outcome, { board, urls, post, send, published: publisher.published() });
    const unposted = failure();
    if (unposted) {
      outcome.status = 'failure';
      outcome.error = unposted;
    }
  });
}

/**
 * Every agent answers at once (the runner bounds it by max-parallel); each answer is posted as it comes. Agents the
 * pre-run estimate leaves out of the run budget are not started.
 */
function runAnswers(
  input: ReviewInput,
  deps: PipelineDeps,
  board: AgentTable,
  prompt: string,
  publisher: AnswerPublisher,
): Promise<AgentRun[]> {
  const judges = reviewJudges(input.pipeline);
  const plan = deps.runner.plan?.({ answerers: input.pipeline.agents, prompt, judges, judgeRuns: 2 });
  if (plan?.note) deps.warn(plan.note);
  const left = new Map(plan?.left.map((l) => [l.agent, l.reason]));
  return Promise.all(
    input.pipeline.agents.map(async (agent) => {
      const reason = left.get(agent);
      if (reason !== undefined) {
        const run = notStarted(
          deps.runner.spec?.(agent) ?? { name: agent, args: [], env: {}, passEnv: [], timeoutSec: 0 },
          { agent, prompt, mode: 'read-only', role: 'answer' },
          reason,
          'budget',
        );
        publisher.publish(run);
        return run;
      }
      const run = await deps.runner.run({
        agent,
        prompt,
        mode: 'read-only',
        role: 'answer',
        onStart: () => board.update(agent, 'answer', { state: 'running', note: 'running' }),
      });
      publisher.publish(run);
      return run;
    }),
  );
}

/** Matrix finalize: the units' answers are published in the order they finished, as run mode numbers them. */
function publishCollected(collected: CollectedAnswers, publisher: AnswerPublisher): AgentRun[] {
  const byFinish = [...collected.runs].sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
  for (const run of byFinish) publisher.publish(run, collected.notes?.get(run.agent));
  return [...collected.runs];
}

interface PublishContext {
  board: AgentTable;
  /** Where each agent's answer is on the issue, for the status table and the review's links. */
  urls: Map<string, string>;
  /** Writes a comment and keeps its full text for the job summary and result-file. */
  post: (key: string, body: string) => Promise<string | undefined>;
  /** Writes a comment only. */
  send: (key: string, body: string) => Promise<string | undefined>;
}

interface AnswerPublisher {
  /** Starts posting one finished run's answer and returns at once; `note` replaces its status row's word. */
  publish(run: AgentRun, note?: string): void;
  /** Resolves when every answer published so far is on the issue, or failed to post. */
  published(): Promise<void>;
}

/** Posts answers as they come: a comment each, or (comment-mode: combined) sections of shared comments. */
function answerPublisher(
  input: ReviewInput,
  outcome: ReviewOutcome,
  ctx: PublishContext,
  gatherMs?: number,
): AnswerPublisher {
  const total = input.pipeline.agents.length;
  const combined =
    input.commentMode === 'combined'
      ? new CombinedAnswers(ctx.send, { total, runUrl: input.runUrl }, gatherMs)
      : undefined;
  const pending: Promise<void>[] = [];
  // Answers are numbered in the order the agents finish.
  let finished = 0;
  return {
    publish(run, note) {
      const slot = slotOf(run);
      // The row says how the agent ended at once; the link to its answer rides along with the status's next write.
      ctx.board.update(slot, 'answer', {
        state: run.status,
        durationMs: run.durationMs,
        note: note ?? slotNote(run, statusNote(run, 'answer')),
        usage: run.usage,
        error: run.error,
      });
      const posted = (url?: string): void => {
        if (!url) return;
        ctx.urls.set(slot, url);
        ctx.board.set(slot, 'answer', { commentUrl: url });
      };
      // A cancelled run has nothing to say beyond its status row, and cancellation leaves little time to post.
      if (run.status === 'cancelled') return posted();
      const index = ++finished;
      const comment = renderAgentComment(run, { index, total, runUrl: input.runUrl });
      if (combined) {
        // Each answer's own text still goes to the job summary and result-file, under its own key.
        outcome.comments.set(`agent:${slot}`, comment);
        pending.push(combined.add(run, index).then(posted));
      } else {
        pending.push(ctx.post(`agent:${slot}`, comment).then(posted));
      }
    },
    published: () => Promise.all(pending).then(() => undefined),
  };
}

/** Each judge's status row: its better run of the two orders, the longer time, the usage of both. */
function markJudges(judges: string[], runs: JudgeRun[], board: AgentTable): void {
  for (const judge of judges) {
    const own = runs.filter((j) => j.judge === judge).map((j) => j.run);
    const best = own.find((r) => r.status === 'success') ?? own[0];
    if (!best) board.set(judge, 'reviewer', { state: 'skipped', note: "no other vendor's answers to rank" });
    else
      board.set(judge, 'reviewer', {
        state: best.status,
        durationMs: Math.max(...own.map((r) => r.durationMs)),
        note: statusNote(best, 'review'),
        usage: sumRunUsage(own),
      });
  }
}

async function review(
  input: ReviewInput,
  deps: PipelineDeps,
  outcome: ReviewOutcome,
  ctx: PublishContext & { published: Promise<void> },
): Promise<void> {
  const judges = reviewJudges(input.pipeline);
  const answered = outcome.runs.filter((r) => r.status === 'success');
  const failed = outcome.runs.filter((r) => r.status !== 'success');
  // The issue is labeled as the review goes out: under GitHub's spacing the label takes a write slot while the review
  // waits for its creation slot, instead of a slot of its own after it.
  const conclude = async (body: string): Promise<string | undefined> => {
    const [url] = await Promise.all([ctx.post('review', body), deps.reporter.addLabel(input.processedLabel)]);
    return url;
  };
  // The judges' rows change only with the status comment's last write (board.set): one write fewer at the end.
  if (answered.length === 0) {
    await ctx.published;
    await conclude(renderNoAnswers(failed, input.runUrl));
    for (const judge of judges) ctx.board.set(judge, 'reviewer', { state: 'skipped', note: 'no answers to review' });
    outcome.error = `No agent answered: ${failed.map((r) => `${slotOf(r)}: ${r.error ?? r.status}`).join('; ')}`;
    return;
  }
  const { candidates, letters } = anonymize(
    answered,
    (run, letter): Candidate => ({ letter, text: run.answer, vendor: vendorOf(run) }),
    deps.random,
  );
  const judgement = await judgeAnswers({
    issue: input.issue,
    candidates,
    judges: judges.map((agent) => ({ agent, vendor: vendorOf({ name: agent, ...deps.runner.spec?.(agent) }) })),
    runner: deps.runner,
    onStart: (judge) => ctx.board.update(judge, 'reviewer', { state: 'running', note: 'reviewing' }),
  });
  outcome.runs.push(...judgement.runs.map((j) => j.run));
  markJudges(judges, judgement.runs, ctx.board);
  // The review comment comes after the answers in the thread, and links them.
  await ctx.published;
  // The synthesis is the first judge's, from the first order it saw.
  const primary = judgement.runs.find((j) => j.review !== undefined);
  if (!primary?.review) {
    const first = judgement.runs[0]!.run;
    const url = await conclude(renderReviewFailure(first, answered.length, input.runUrl));
    for (const judge of judges) ctx.board.set(judge, 'reviewer', { commentUrl: url });
    outcome.error = `The reviewer ${first.agent} failed: ${first.error ?? first.status}`;
    if (deps.signal.aborted) outcome.status = 'cancelled';
    return;
  }
  outcome.review = reviewRecord(judgement, letters);
  const body = renderReviewComment({
    review: primary.review,
    answers: letters,
    reviewer: primary.run,
    failed,
    commentUrls: ctx.urls,
    runUrl: input.runUrl,
    failedNotes: input.collected?.notes,
    fair: fairRanking(judgement),
  });
  const url = await conclude(body);
  for (const judge of judges) ctx.board.set(judge, 'reviewer', { commentUrl: url });
  outcome.status = 'success';
}
