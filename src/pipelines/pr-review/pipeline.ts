// pr-review's run: the reviews, the one review that posts what they agree on, and the comments and summary text.
import type { AgentRun } from '../../agents/types.js';
import type { PipelineDeps, PipelineOutcome, PipelineRequest } from '../../kernel/definition.js';
import { markThrown, startOutcome } from '../../kernel/kit.js';
import { type AgentRow, agentRowKey } from '../../kernel/status-views.js';
import { agentBody, agentFacts, agentHeadline } from '../../report/agent-comment.js';
import { githubReviewSink, localReviewSink, pullSource } from './access.js';
import type { PrReviewConfig } from './config.js';
import { type PrReviewResult, type PrReviewSettings, runPrReview } from './run.js';

export interface PrReviewOutcome extends PipelineOutcome {
  result?: PrReviewResult;
}

function settingsOf(config: PrReviewConfig): PrReviewSettings {
  const { agents, minAgreement, minSeverity, requestChangesOnCritical, maxDiffBytes } = config;
  return {
    agents,
    judge: config.judge ? config.reviewer : undefined,
    minAgreement,
    minSeverity,
    requestChangesOnCritical,
    maxDiffBytes,
  };
}

function answerComments(runs: AgentRun[], runUrl: string | undefined): Map<string, string> {
  const reviews = runs.filter((r) => r.role === 'review');
  const footer = (i: number): string =>
    `<sub>AI Orchestra · pr-review · review ${i + 1} of ${reviews.length}${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`;
  return new Map(
    reviews.map((run, i) => [
      `agent:${run.agent}`,
      [agentHeadline(run), `<sub>${agentFacts(run)}</sub>`, '', ...agentBody(run), '', footer(i)].join('\n'),
    ]),
  );
}

/** The review as the job summary shows it: its body, then each inline comment under its place. */
function reviewText(result: PrReviewResult): string {
  const review = result.review;
  if (!review) return '';
  const inline = review.comments.map(
    (c) => `#### \`${c.path}:${c.startLine ? `${c.startLine}-` : ''}${c.line}\`\n\n${c.body}`,
  );
  return [review.body, ...(inline.length ? ['', '### Inline comments', '', ...inline] : [])].join('\n');
}

function finalMessage(result: PrReviewResult): string | undefined {
  const review = result.review;
  if (!review) return result.error && `**${result.error}**`;
  const where = review.url ? `[The review](${review.url})` : 'The review';
  return `${where}: ${review.inline} inline comment${review.inline === 1 ? '' : 's'}, ${review.inBody} more in its body (${review.event}).`;
}

export async function runPrReviewPipeline(
  request: PipelineRequest<PrReviewConfig>,
  deps: PipelineDeps<AgentRow>,
): Promise<PrReviewOutcome> {
  const outcome: PrReviewOutcome = startOutcome();
  const reads = deps.github ?? deps.githubReads;
  try {
    if (!reads)
      throw new Error(
        'pr-review reads the pull request through the GitHub API and needs a token (a dry run reads, but posts nothing)',
      );
    const sink = deps.github
      ? githubReviewSink(deps.github, request.target.number)
      : localReviewSink(deps.sink, reads, request.target.number);
    const status = {
      update: (agent: string, role: string, patch: Partial<AgentRow>) =>
        deps.status.update(agentRowKey(agent, role), patch),
    };
    const result = await runPrReview(
      settingsOf(request.config),
      { runner: deps.runner, source: pullSource(reads, request.target), sink, status, signal: deps.signal },
      request.run.url,
    );
    outcome.result = result;
    outcome.runs = result.runs;
    outcome.status = result.status;
    outcome.error = result.error;
    outcome.comments = answerComments(result.runs, request.run.url);
    if (result.review) outcome.comments.set('review', reviewText(result));
    if (request.config.perAgentComments) {
      for (const [key, body] of outcome.comments)
        if (key.startsWith('agent:')) await deps.sink.upsertComment(key, body);
    }
  } catch (error) {
    markThrown(outcome, error, deps.signal);
  }
  await deps.status.finish(
    outcome.status,
    outcome.result ? finalMessage(outcome.result) : outcome.error && `**${outcome.error}**`,
  );
  return outcome;
}
