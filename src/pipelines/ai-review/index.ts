// ai-review: every agent answers the issue in parallel, a reviewer ranks the anonymized answers.
import { definePipeline } from '../../kernel/definition.js';
import { reviewAgentsByLeaderboard } from '../../records/leaderboard-choice.js';
import { agentRowsLayout, type AgentRow } from '../../kernel/status-views.js';
import { renderSummary } from '../../report/summary.js';
import { reviewConfig, reviewJudges, type ReviewPipelineConfig } from './config.js';
import { reviewStatusEntries, runReviewPipeline, type ReviewOutcome } from './pipeline.js';
import { runReviewUnit } from './unit.js';

export const aiReview = definePipeline<ReviewPipelineConfig, ReviewOutcome, AgentRow>({
  name: 'ai-review',
  description: 'Several agents answer the issue in parallel; a reviewer ranks the anonymized answers.',
  defaultCommand: '/ai-review',
  config: reviewConfig,
  agents: (config) => [...new Set([...config.agents, ...reviewJudges(config)])],
  access: 'read-only',
  triggers: { label: { on: ['issue'] }, command: { on: ['issue'] }, dispatch: true },
  status: agentRowsLayout(reviewStatusEntries),
  matrix: {
    units: (config) => config.agents.map((agent) => ({ unit: agent, agent, role: 'answer' })),
    runUnit: (unit, request, deps) =>
      runReviewUnit(
        {
          issue: request.target,
          agents: request.config.agents,
          agent: unit.agent,
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
  run: (request, deps) =>
    runReviewPipeline(
      {
        issue: request.target,
        pipeline: request.config,
        processedLabel: request.settings.processedLabel,
        runUrl: request.run.url,
        commentMode: request.settings.commentMode,
        collected: request.collected,
        startedAt: request.collected ? request.startedAt : undefined,
      },
      {
        runner: deps.runner,
        reporter: deps.sink,
        statusContext: deps.statusContext,
        signal: deps.signal,
        random: deps.random,
        now: deps.clock.now,
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
  chooseAgents: reviewAgentsByLeaderboard,
  describe: (config) => ` with ${config.agents.join(', ')}; ${reviewJudges(config).length > 1 ? 'reviewers' : 'reviewer'} ${reviewJudges(config).join(', ')}`,
});
