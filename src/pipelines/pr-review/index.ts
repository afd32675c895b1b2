// pr-review: several agents review a pull request's diff; one review posts inline what they agree on.
import { pullRequestFromPayload } from '../../domain/target.js';
import {
  definePipeline,
  type EventTrigger,
  onDemand,
  senderOf,
  type TriggerDecision,
} from '../../kernel/definition.js';
import { type AgentRow, agentRowsLayout } from '../../kernel/status-views.js';
import { renderSummary } from '../../report/summary.js';
import {
  CONFIG_SCHEMA,
  checkPrReviewReferences,
  DEFAULT_COMMAND,
  defaultPrReviewConfig,
  PIPELINE,
  type PrReviewConfig,
  readPrReviewConfig,
} from './config.js';
import type { PrReviewOutcome } from './pipeline.js';

const pipeline = onDemand(() => import('./pipeline.js'));

/** The agents that run, each once: the reviewers, then the judge. */
function agentsOf(config: PrReviewConfig): string[] {
  return [...new Set([...config.agents, ...(config.judge ? [config.reviewer] : [])])];
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
  load: pipeline,
  run: async (request, deps) => (await pipeline()).runPrReviewPipeline(request, deps),
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
