// pr-review: several agents review a pull request's diff; one review posts inline what they agree on.
import type { AgentRun } from '../../agents/types.js';
import { pullRequestFromPayload } from '../../domain/target.js';
import {
  definePipeline,
  type EventTrigger,
  type PipelineDeps,
  type PipelineOutcome,
  type PipelineRequest,
  senderOf,
  type TriggerDecision,
} from '../../kernel/definition.js';
import { markThrown, startOutcome } from '../../kernel/kit.js';
import { type AgentRow, agentRowKey, agentRowsLayout } from '../../kernel/status-views.js';
import { agentBody, agentFacts, agentHeadline } from '../../report/agent-comment.js';
import { renderSummary } from '../../report/summary.js';
import { githubReviewSink, localReviewSink, pullSource } from './access.js';
import {
  CONFIG_SCHEMA,
  checkPrReviewReferences,
  DEFAULT_COMMAND,
  defaultPrReviewConfig,
  PIPELINE,
  type PrReviewConfig,
  readPrReviewConfig,
} from './config.js';
import { type PrReviewResult, type PrReviewSettings, runPrReview } from './run.js';

export interface PrReviewOutcome extends PipelineOutcome {
  result?: PrReviewResult;
}

/** The agents that run, each once: the reviewers, then the judge. */
function agentsOf(config: PrReviewConfig): string[] {
  return [...new Set([...config.agents, ...(config.judge ? [config.reviewer] : [])])];
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

/** A push to a pull request that carries the label re-reviews it (what the push brought, since the last review). */
const synchronize: EventTrigger<PrReviewConfig, undefined> = {
  events: ['pull_request', 'pull_request_target'],
  describe: 'pull_request / pull_request_target (synchronize) on a pull request with the pr-review label',
  match(event, pipeline): TriggerDecision<undefined> {
    if (event.action !== 'synchronize') return { kind: 'not-mine' };
    const pull = event.payload.pull_request as Record<string, unknown> | undefined;
    if (!pull || typeof pull.number !== 'number')
      throw new Error(`The ${event.name} event payload has no pull request.`);
    // The payload's text and commits as of the push: a later edit cannot change what is reviewed.
    const target = pullRequestFromPayload(event, pull);
    const labels = ((event.payload.pull_request as { labels?: { name?: string }[] }).labels ?? []).map((l) => l.name);
    if (!labels.includes(pipeline.label))
      return {
        kind: 'skip',
        reason: `a push to pull request #${target.number}, which does not carry the label "${pipeline.label}"`,
      };
    return {
      kind: 'run',
      target,
      sender: senderOf(event.payload),
      trigger: {
        kind: 'event',
        event: `${event.name}.synchronize`,
        description: `a push to pull request #${target.number} (label "${pipeline.label}")`,
      },
      detail: undefined,
    };
  },
};

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

async function run(request: PipelineRequest<PrReviewConfig>, deps: PipelineDeps<AgentRow>): Promise<PrReviewOutcome> {
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

export const prReview = definePipeline<PrReviewConfig, PrReviewOutcome, AgentRow>({
  name: PIPELINE,
  description: 'Several agents review a pull request; one review posts inline what they agree on.',
  defaultCommand: DEFAULT_COMMAND,
  config: {
    defaults: defaultPrReviewConfig,
    read: (reader, raw, path, defaults) => readPrReviewConfig(reader, raw, path, defaults),
    check: (reader, config, agents, path) => checkPrReviewReferences(reader, config, agents, path),
    schema: CONFIG_SCHEMA,
  },
  agents: agentsOf,
  access: 'read-only',
  triggers: { label: { on: ['pull-request'] }, command: { on: ['pull-request'] }, events: [synchronize] },
  status: agentRowsLayout((config: PrReviewConfig) => [
    ...config.agents.map((agent): AgentRow => ({ agent, role: 'review', state: 'pending' })),
    ...(config.judge
      ? [{ agent: config.reviewer, role: 'judge', state: 'pending', note: 'waits for the reviews' } satisfies AgentRow]
      : []),
  ]),
  matrixUnavailable:
    'pr-review runs in one job: its agents share one plan of the diff, and the judge needs all their findings',
  run,
  record: (outcome) => {
    const r = outcome.result;
    if (!r) return {};
    return {
      pullRequest: r.pull && {
        number: r.pull.number,
        url: r.pull.url,
        baseSha: r.pull.baseSha,
        headSha: r.pull.headSha,
      },
      review: r.review && {
        url: r.review.url,
        event: r.review.event,
        inline: r.review.inline,
        inBody: r.review.inBody,
        comments: r.review.comments,
      },
      agents: r.agents,
      notReviewed: r.skipped,
    };
  },
  summary: (outcome, target) =>
    renderSummary({
      pipeline: PIPELINE,
      target,
      status: outcome.status,
      error: outcome.error,
      runs: outcome.runs,
      comments: outcome.comments,
    }),
  describe: (config) => `with ${config.agents.join(', ')}${config.judge ? `; judge ${config.reviewer}` : ''}`,
  localReport: (outcome) => [
    `review: ${outcome.result?.review?.url ?? (outcome.result?.review ? 'written to the run folder' : 'none')}`,
  ],
});
