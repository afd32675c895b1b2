// ask: a follow-up question on an issue or pull request (`/ask [agents] question`), answered with the thread as context.
import { definePipeline, onDemand } from '../../kernel/definition.js';
import { type AgentRow, agentRowsLayout } from '../../kernel/status-views.js';
import { renderSummary } from '../../report/summary.js';
import { type AskConfig, askConfig } from './config.js';
import type { AskOutcome } from './pipeline.js';

const pipeline = onDemand(() => import('./pipeline.js'));

export const ask = definePipeline<AskConfig, AskOutcome, AgentRow>({
  name: 'ask',
  description: 'A follow-up question on an issue or pull request, answered by agents that get the thread so far.',
  defaultCommand: '/ask',
  config: askConfig,
  agents: (config) => config.agents,
  access: 'read-only',
  triggers: { command: { on: ['issue', 'pull-request'] } },
  // The rows are known once the question is read: run() appends them.
  status: agentRowsLayout(() => []),
  // A second question while one is being answered is asked next, not dropped.
  waitsForTurn: true,
  matrixUnavailable: 'ask has no matrix form: run it in a mode: run workflow (examples/workflows/ask.yml).',
  load: pipeline,
  run: async (request, deps) => (await pipeline()).runAsk(request, deps),
  record: (outcome) => ({
    ask: {
      agents: outcome.choice?.agents ?? [],
      reason: outcome.choice?.reason,
      context: outcome.context,
      sessions: outcome.sessions,
    },
  }),
  summary: (outcome, target) =>
    renderSummary({
      pipeline: 'ask',
      target,
      status: outcome.status,
      error: outcome.error,
      runs: outcome.runs,
      comments: outcome.comments,
    }),
  describe: (config) => ` with ${config.agents.join(', ')}`,
});
