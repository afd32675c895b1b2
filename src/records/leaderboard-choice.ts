// The ai-review hook for `agents: top-N`: rates the agents from the kept run records and picks this run's answerers.
import { chooseAgents } from '../dashboard/choose-agents.js';
import { rateAgents } from '../dashboard/rating.js';
import type { AgentChoiceContext } from '../kernel/definition.js';
import type { ReviewPipelineConfig } from '../pipelines/ai-review/config.js';
import { parseStoredRecord } from './record.js';

/** The ai-review settings for this run: `agents` replaced by the leaderboard's choice, `chosen` saying why. */
export async function reviewAgentsByLeaderboard(
  review: ReviewPipelineConfig,
  ctx: AgentChoiceContext,
): Promise<ReviewPipelineConfig> {
  if (!review.top || !review.pool) return review;
  let rankings: NonNullable<ReturnType<typeof parseStoredRecord>>['review'][] = [];
  try {
    const lines = await ctx.readRecordLines();
    rankings = lines.map((l) => (l.trim() ? parseStoredRecord(l)?.review : undefined));
  } catch (error) {
    ctx.warn(
      `Could not read the run records on ${ctx.recordsBranch} for the leaderboard (${error instanceof Error ? error.message : String(error)}); every agent counts as unrated.`,
    );
  }
  const { ratings } = rateAgents(rankings.filter((r) => r !== undefined));
  const chosen = chooseAgents({ pool: review.pool, ratings, top: review.top, runId: ctx.runId });
  return { ...review, agents: chosen.map((c) => c.agent), chosen };
}
