// ai-review: every agent answers the issue in parallel, a reviewer ranks the anonymized answers.

import { renderChoice } from '../../dashboard/choose-agents.js';
import { definePipeline, onDemand } from '../../kernel/definition.js';
import { type AgentRow, agentRowsLayout } from '../../kernel/status-views.js';
import { renderIssueStamp } from '../../report/status-comment.js';
import { renderSummary } from '../../report/summary.js';
import { type ReviewPipelineConfig, reviewConfig, reviewJudges, reviewStatusEntries } from './config.js';
import type { ReviewOutcome } from './pipeline.js';

const pipeline = onDemand(() => import('./pipeline.js'));
const unit = onDemand(() => import('./unit.js'));
const leaderboard = onDemand(() => import('../../records/leaderboard-choice.js'));

export const aiReview = definePipeline<ReviewPipelineConfig, ReviewOutcome, AgentRow>({
  name: 'ai-review',
  description: 'Several agents answer the issue in parallel; a reviewer ranks the anonymized answers.',
  defaultCommand: '/ai-review',
  config: reviewConfig,
  agents: (config) => [...new Set([...config.agents, ...reviewJudges(config)])],
  access: 'read-only',
  triggers: { label: { on: ['issue'] }, command: { on: ['issue'] }, dispatch: true },
  status: {
    ...agentRowsLayout(reviewStatusEntries),
    annotate: (config, target) => ({
      issueStamp: renderIssueStamp(target),
      ...(config.chosen && config.top ? { note: renderChoice(config.chosen, config.top) } : {}),
    }),
  },
  matrix: {
    units: (config) => config.agents.map((agent) => ({ unit: agent, agent, role: 'answer' })),
    runUnit: async (slot, request, deps) =>
      (await unit()).runReviewUnit(
        {
          issue: request.target,
          agents: request.config.agents,
          agent: slot.agent,
          runUrl: request.run.url,
          commentMode: request.settings.commentMode,
        },
        {
          runner: deps.runner,
          reporter: deps.sink,
          sleep: (ms) => deps.clock.sleep(ms),
          random: deps.random,
          warn: deps.log.warning,
        },
      ),
    finalizeAgents: (config) => reviewJudges(config),
  },
  load: pipeline,
  run: async (request, deps) =>
    (await pipeline()).runReviewPipeline(
      {
        issue: request.target,
        pipeline: request.config,
        processedLabel: request.settings.processedLabel,
        runUrl: request.run.url,
        commentMode: request.settings.commentMode,
        collected: request.collected,
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        status: deps.status,
        signal: deps.signal,
        random: deps.random,
        warn: deps.log.warning,
        pacing: deps.pacing,
      },
    ),
  summary: (outcome, target) =>
    renderSummary({
      pipeline: 'ai-review',
      target,
      status: outcome.status,
      error: outcome.error,
      runs: outcome.runs,
      comments: outcome.comments,
    }),
  record: (outcome) => (outcome.review ? { review: outcome.review } : {}),
  chooseAgents: async (config, context) => (await leaderboard()).reviewAgentsByLeaderboard(config, context),
  describe: (config) =>
    ` with ${config.agents.join(', ')}; ${reviewJudges(config).length > 1 ? 'reviewers' : 'reviewer'} ${reviewJudges(config).join(', ')}`,
});
